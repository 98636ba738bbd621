using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Validate;

/// <summary>
/// The strip pass unwraps <c>javascript:</c>, redirect and (with <c>affiliate_links: unwrap</c>)
/// affiliate links in prose. Every other link of the paragraph, before or after, must still be
/// validated and rewritten.
/// </summary>
public sealed class LinksAroundUnwrappedLinksTests
{
    private const string FrontMatter = "---\ntitle: Unwrap Page\ndescription: Links next to an unwrapped link\n---\n\n";

    public static TheoryData<string, string, string> Paragraphs => new()
    {
        // site.yml strip settings, the paragraph, the broken link's text as written
        { "", "see [a](javascript:alert(1)) then [b](missing.md) and <https://x.example>\n", "[b](missing.md)" },
        { "", "first [b](missing.md) then [a](javascript:alert(1)) and <https://x.example>\n", "[b](missing.md)" },
        { "", "see [**bold** words](javascript:void(0)) then [b](missing.md).\n", "[b](missing.md)" },
        { "", "first [b](missing.md), [**bold** words](javascript:void(0)), [c](other.md).\n", "[b](missing.md)" },
        { "strip:\n  affiliate_links: unwrap\n", "Buy the [Deskmate lamp](https://lamps.sjv.io/c/1/2/3) and read [b](missing.md).\n", "[b](missing.md)" },
        { "strip:\n  affiliate_links: unwrap\n", "Read [b](missing.md), then buy the [Deskmate lamp](https://lamps.sjv.io/c/1/2/3).\n", "[b](missing.md)" },
        { "strip:\n  affiliate_links: unwrap\n", "Read [b](missing.md) and buy[the lamp](https://lamps.sjv.io/c/1/2/3)now.\n", "[b](missing.md)" },
    };

    [Theory]
    [MemberData(nameof(Paragraphs))]
    public void A_broken_link_next_to_an_unwrapped_link_is_reported(string strip, string paragraph, string broken)
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n" + strip);
        site.Write("content/w/page.md", FrontMatter + paragraph);
        site.Write("content/w/other.md", "---\ntitle: Other\ndescription: The other page\n---\n\nText.\n");
        var run = site.Run("check", "--format", "json");
        var d = Assert.Single(run.Diagnostics(), x => x.Rule != "lint.vague-link");
        Assert.Equal(("link.broken", "content/w/page.md", 6, paragraph.IndexOf(broken, StringComparison.Ordinal) + 1), (d.Rule, d.File, d.Line, d.Column));
    }

    [Theory]
    [InlineData("", "Read [it](other.md) and [a](javascript:alert(1)) and [that](other.md#text).\n")]
    [InlineData("strip:\n  affiliate_links: unwrap\n", "Read [it](other.md), buy [the lamp](https://lamps.sjv.io/c/1/2/3), then [that](other.md).\n")]
    public void Links_on_both_sides_of_an_unwrapped_link_get_their_clean_url(string strip, string paragraph)
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n" + strip);
        site.Write("content/w/page.md", FrontMatter + paragraph);
        site.Write("content/w/other.md", "---\ntitle: Other\ndescription: The other page\n---\n\n## Text\n\nText.\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var body = new HtmlParser().ParseDocument(site.ReadOutput("w/page/index.html")).QuerySelector(".guide-body")!;
        var hrefs = body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(2, hrefs.Count);
        Assert.All(hrefs, h => Assert.StartsWith("../other/", h));
    }
}
