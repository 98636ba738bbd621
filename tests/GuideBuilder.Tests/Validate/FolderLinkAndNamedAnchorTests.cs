using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Validate;

/// <summary>Two link forms the check once approved and the site served dead: folders without a page, and <c>&lt;a name&gt;</c> anchors.</summary>
public sealed class FolderLinkAndNamedAnchorTests
{
    private static string Page(string title, string body) => $"---\ntitle: {title}\ndescription: How to do {title} in a few steps.\n---\n\n{body}\n";

    [Fact]
    public void A_link_to_a_folder_with_a_page_goes_to_the_page_and_one_without_is_link_folder()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "See [media](media/), [the other version](../v2/), [the section](../net/) and [home](../)."))
            .Write("content/pc/media/shot.png", "png")
            .Write("content/v2/old.md", Page("Old", "Text."))
            .Write("content/net/index.md", Page("Networking", "Text."));
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var found = run.Diagnostics().Select(d => (d.Rule, d.File, d.Line, d.Column)).ToList();
        Assert.Equal([("link.folder", "content/pc/a.md", 6, 5), ("link.folder", "content/pc/a.md", 6, 22)], found);
        Assert.Contains("add pc/media/index.md", run.Diagnostics()[0].Message);

        site.Write("content/pc/a.md", Page("A", "See [the section](../net/) and [home](../)."));
        run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("<a href=\"../../net/\">the section</a>", site.ReadOutput("pc/a/index.html"));
        Assert.True(site.OutputExists("net/index.html"));
    }

    [Fact]
    public void A_named_anchor_is_published_as_an_id_so_links_to_it_work()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "<a name=\"here\"></a>Intro.\n\nSee [the note](b.md#old-note) and [top](#here)."))
            .Write("content/pc/b.md", Page("B", "<a name=\"old-note\"></a>The note, with words.\n\n<a name=\"kept\" id=\"own\"></a>More words."))
            .Write("content/pc/c.md", Page("C", "Words.\n\nLink to [kept](b.md#kept)."));
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        // an anchor with an id of its own keeps that id: its name goes, and a link to the name is dead
        Assert.Equal([("html.unsafe", "content/pc/b.md", 8), ("link.anchor", "content/pc/c.md", 8)], run.Diagnostics().Select(d => (d.Rule, d.File, d.Line)));   // an anchor with an id keeps its id; the name goes

        site.Write("content/pc/c.md", Page("C", "Words.\n\nLink to [own](b.md#own)."));
        run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal([("html.unsafe", "content/pc/b.md", 8)], run.Diagnostics().Select(d => (d.Rule, d.File, d.Line)));
        Assert.Contains("<a id=\"old-note\"></a>", site.ReadOutput("pc/b/index.html"));
        Assert.Contains("<a id=\"own\"></a>", site.ReadOutput("pc/b/index.html"));
        Assert.Contains("<a id=\"here\"></a>Intro.", site.ReadOutput("pc/a/index.html"));
        Assert.Contains("href=\"../b/#old-note\"", site.ReadOutput("pc/a/index.html"));
    }
}
