using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Validate;

/// <summary>
/// Relative URLs in raw HTML (blocks and inline tags) are published for the clean-URL layout like
/// Markdown links: <c>content/w/p.md</c> is written to <c>w/p/index.html</c>, one folder deeper.
/// </summary>
public sealed class RawHtmlRewriteTests
{
    private const string Page = """
        ---
        title: Raw HTML Page
        description: Relative URLs inside raw HTML
        ---

        Inline <a href="other.md#known">a link</a> and <img src="images/a.png" alt="Inline shot"> in prose,
        up to <a href="../top.md">the top</a>, the <a href="https://example.org/x">web</a> and <a href="#here">here</a>.

        <div class="box">
        <a href="other.md?x=1&amp;y=2">query</a> <img src='images/a.png' alt="Block shot"> <a href=other.md>bare</a>
        <img src="images/my%20shot.png" alt="Spaced name">
        <p><a href="images/a.png" id="here">file</a><a href="other/">clean</a></p>
        </div>
        """;

    [Fact]
    public void Relative_urls_in_raw_html_point_at_the_published_files()
    {
        using var site = new TempSite();
        site.Write("content/w/p.md", Page);
        site.Write("content/w/other.md", "---\ntitle: Other\ndescription: The other page\n---\n\n## Known\n\nText.\n");
        site.Write("content/top.md", "---\ntitle: Top\ndescription: The top page\n---\n\nText.\n");
        site.WriteBytes("content/w/images/a.png", [0x89, 0x50, 0x4E, 0x47]);
        site.WriteBytes("content/w/images/my shot.png", [0x89, 0x50, 0x4E, 0x47]);

        var run = site.Run("build", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule.StartsWith("link.", StringComparison.Ordinal));
        var body = new HtmlParser().ParseDocument(site.ReadOutput("w/p/index.html")).QuerySelector(".guide-body")!;
        Assert.Equal<string>(
            ["../other/#known", "../../top/", "https://example.org/x", "#here", "../other/?x=1&y=2", "../other/", "../images/a.png", "../other/"],
            body.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").ToArray());
        Assert.Equal<string>(["../images/a.png", "../images/a.png", "../images/my%20shot.png"], body.QuerySelectorAll("img").Select(i => i.GetAttribute("src") ?? "").ToArray());
        Assert.True(site.OutputExists("w/images/a.png"));
    }

    [Fact]
    public void A_broken_raw_html_link_is_reported_and_left_as_written()
    {
        using var site = new TempSite();
        site.Write("content/w/p.md", "---\ntitle: P\ndescription: Broken raw link\n---\n\n<p><a href=\"gone.md\">gone</a></p>\n");
        var run = site.Run("check", "--format", "json");
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("link.broken", 6, 7), (d.Rule, d.Line, d.Column));
    }
}
