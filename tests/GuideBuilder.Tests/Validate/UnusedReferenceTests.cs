using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Validate;

/// <summary>
/// <c>lint.unused-reference</c>: a link reference definition (<c>[label]: url</c>) that no link on
/// the page uses. Silent whenever the label is used anywhere, including places the published page
/// no longer has (the title heading, a stripped ad region, an unwrapped affiliate link).
/// </summary>
public sealed class UnusedReferenceTests
{
    private const string FrontMatter = "---\ntitle: Reference Page\ndescription: Link reference definitions\n---\n\n";

    private static IReadOnlyList<(string Rule, string File, int Line, int Column, string Severity, string Message)> Check(string body, string strip = "")
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n" + strip);
        site.Write("content/w/page.md", FrontMatter + body);
        site.Write("content/w/other.md", "---\ntitle: Other\ndescription: The other page\n---\n\nText.\n");
        return site.Run("check", "--format", "json").Diagnostics();
    }

    [Theory]
    [InlineData("See [the other page][other].\n\n[other]: other.md\n[spare]: https://example.org/spare\n", 9, 1)]
    [InlineData("See [Other] now.\n\n[other]: other.md\n\n> [Quoted]: https://example.org/q\n", 10, 3)]
    [InlineData("Text.\n\n[Unused Label]: other.md \"A title\"\n", 8, 1)]
    public void An_unused_definition_is_reported_at_its_line(string body, int line, int column)
    {
        var d = Assert.Single(Check(body));
        Assert.Equal(("lint.unused-reference", "content/w/page.md", line, column, "warning"), (d.Rule, d.File, d.Line, d.Column, d.Severity));
        Assert.Contains("no link", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Full [text][a], collapsed [b][], shortcut [C], image ![shot][d].\n\n[a]: other.md\n[B]: other.md\n[c]: other.md\n[d]: https://example.org/d.png\n")]
    [InlineData("## Heading with [a]\n\n| col |\n|-----|\n| [b] |\n\n- item [c]\n\n> quote [d]\n\n[a]: other.md\n[b]: other.md\n[c]: other.md\n[d]: other.md\n")]
    [InlineData("Text [note][x] and a footnote.[^1]\n\n[x]: other.md\n[^1]: The footnote.\n")]
    [InlineData("Closing line.\n\n![Shot][pic]\n\n[pic]: https://example.org/p.png\n")]
    public void Used_definitions_are_not_reported(string body)
    {
        Assert.DoesNotContain(Check(body), d => d.Rule == "lint.unused-reference");
    }

    [Fact]
    public void A_definition_used_only_by_the_title_heading_is_not_reported()
    {
        var body = "# Reference Page with [Other]\n\nText.\n\n[other]: other.md\n";
        Assert.DoesNotContain(Check(body), d => d.Rule == "lint.unused-reference");
    }

    [Fact]
    public void A_definition_used_only_inside_a_stripped_ad_region_is_not_reported()
    {
        var body = "Intro.\n\n<!-- ads begin -->\nBuy the [lamp][shop] now.\n<!-- ads end -->\n\nOutro.\n\n[shop]: https://example.org/lamp\n";
        Assert.DoesNotContain(Check(body), d => d.Rule == "lint.unused-reference");
    }

    [Theory]
    [InlineData("")]
    [InlineData("strip:\n  affiliate_links: unwrap\n")]
    [InlineData("strip:\n  affiliate_links: remove\n")]
    public void A_definition_used_by_a_stripped_affiliate_link_is_not_reported(string strip)
    {
        var body = "Buy the [Deskmate lamp][lamp] today.\n\n[lamp]: https://lamps.sjv.io/c/1/2/3\n";
        Assert.DoesNotContain(Check(body, strip), d => d.Rule == "lint.unused-reference");
    }
}
