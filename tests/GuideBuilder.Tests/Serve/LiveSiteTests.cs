using GuideBuilder.Building;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Serve;

/// <summary>The in-memory site behind serve: what an edit re-reads and re-checks.</summary>
public sealed class LiveSiteTests
{
    private static string Page(string title, string body) => $"---\ntitle: {title}\ndescription: about {title}\n---\n\n{body}\n";

    [Fact]
    public void An_edit_rereads_one_file_and_rechecks_the_pages_linking_to_it()
    {
        using var site = new TempSite();
        site.Write("content/a/target.md", Page("Target", "## Steps\n\nText."))
            .Write("content/a/linker.md", Page("Linker", "See [target](target.md#steps)."))
            .Write("content/b/unrelated.md", Page("Unrelated", "Nothing links here."));
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var live = new LiveSite(config, new BuildOptions { Write = false, Drafts = true, LiveReload = true });
        Assert.Equal(3, live.Build().Read);
        Assert.Empty(live.Diagnostics());

        var target = Path.Combine(site.Root, "content/a/target.md");
        File.WriteAllText(target, Page("Target", "## Renamed heading\n\nNew text."));
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddSeconds(5));
        var update = live.Update([target])!;
        Assert.Equal(1, update.Read);
        Assert.Equal(2, update.Validated);   // the target and its linker, not the unrelated page
        var d = Assert.Single(live.Diagnostics());
        Assert.Equal(("link.anchor", "content/a/linker.md"), (d.Rule, d.Location.File));
        Assert.Contains("New text.", live.Get("/a/target/")!.Text);
        Assert.Contains("/__guidebuilder/live.js", live.Get("/a/target/")!.Text);

        Assert.Null(live.Update([Path.Combine(site.Root, "notes.txt")]));
        Assert.Null(live.Get("/a/target.md"));
    }
}
