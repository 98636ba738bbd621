using System.Text.Json.Nodes;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Cache;

/// <summary>
/// A kept pass depends on the site index only through the questions it asked (each link's target, each include
/// file): adding, deleting or renaming a guide re-runs exactly the passes whose answers changed, and every build
/// still equals one from nothing. A pass that runs again rewrites its entry; the others are left as they were.
/// </summary>
public sealed class IndexFactTests
{
    private const string SiteYml = "title: Index facts\nbase_url: https://guides.example.org/\nrules:\n  link.broken: warning\n  url.removed: warning\n";

    [Fact]
    public void Adding_deleting_and_renaming_a_guide_reruns_only_the_passes_whose_answers_changed()
    {
        using var site = new TempSite(SiteYml);
        site.Write("content/guides/linker.md", Page("Linker", "Read [the target](target.md#setup) first."));
        site.Write("content/guides/target.md", Page("Target", "## Setup\n\nPlug it in."));
        site.Write("content/guides/hopeful.md", Page("Hopeful", "Read [the sequel](sequel.md) next."));
        site.Write("content/guides/included.md", Page("Included", "[!INCLUDE [note](../includes/note.md)]"));
        site.Write("content/includes/note.md", "A shared note.\n");
        site.Write("content/other/bystander.md", Page("Bystander", "Nothing to see."));

        var first = CachedBuild.AssertSameAsClean(site, "first build");
        Assert.Contains("sequel.md", Messages(first));
        Assert.Equal(["Bystander", "Hopeful", "Included", "Linker", "Target"], Rerun(site));
        // The first build wrote published.yml: each guide's line in it is part of its key, so the second runs every pass again.
        CachedBuild.AssertSameAsClean(site, "second build");
        Rerun(site);
        CachedBuild.AssertSameAsClean(site, "third build");
        Assert.Empty(Rerun(site));

        site.Write("content/guides/sequel.md", Page("Sequel", "The end."));
        var added = CachedBuild.AssertSameAsClean(site, "a guide added");
        Assert.DoesNotContain("sequel.md", Messages(added));   // the broken link to the page that now exists is gone
        Assert.Equal(["Hopeful", "Sequel"], Rerun(site));

        File.Delete(Path.Combine(site.Root, "content/guides/target.md"));
        var deleted = CachedBuild.AssertSameAsClean(site, "a guide deleted");
        Assert.Contains("target.md", Messages(deleted));   // the link to the deleted page is now reported
        // Sequel's pass runs once more: the build that added it wrote its line in published.yml, part of its key.
        Assert.Equal(["Linker", "Sequel"], Rerun(site));

        File.Move(Path.Combine(site.Root, "content/other/bystander.md"), Path.Combine(site.Root, "content/other/renamed.md"));
        CachedBuild.AssertSameAsClean(site, "a guide renamed");
        Assert.Equal(["Bystander"], Rerun(site));   // its own pass (new path and URL); no page links to it

        site.Write("content/includes/note.md", "A shared note, edited.\n");
        CachedBuild.AssertSameAsClean(site, "an include edited");
        Assert.Equal(["Bystander", "Included"], Rerun(site));   // and the renamed guide's, now that published.yml has its line
    }

    private static string Page(string title, string body) => $"---\ntitle: {title}\ndescription: The {title} page\n---\n\n{body}\n";

    private static string Messages(JsonObject report) => string.Join("\n", report["diagnostics"]!.AsArray().Select(d => d!["message"]!.GetValue<string>()));

    /// <summary>The titles of the guides whose pass entry was written since the last call, which then dates every entry back.</summary>
    private static List<string> Rerun(TempSite site)
    {
        var folder = Path.Combine(site.Root, ".guidebuilder", "build", "pass");
        var old = DateTime.UtcNow.AddHours(-1);
        var titles = new List<string>();
        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            if (File.GetLastWriteTimeUtc(file) > old.AddMinutes(30))
            {
                var text = File.ReadAllText(file);
                titles.Add(JsonNode.Parse(text[(text.IndexOf('\n') + 1)..])!["Title"]!.GetValue<string>());
            }
            File.SetLastWriteTimeUtc(file, old);
        }
        titles.Sort(StringComparer.Ordinal);
        return titles;
    }
}
