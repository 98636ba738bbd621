using System.Text;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Render;
using GuideBuilder.Strip;

namespace GuideBuilder.Tests.Ledger;

/// <summary>
/// The ids the ledger records are handed over by the body renderer (the syntax tree, or the sanitizer's own
/// parse) instead of being read from the finished HTML: they must be exactly what reading the HTML gives.
/// </summary>
public sealed class PageIdsTests
{
    private static readonly StripRules Strip = StripRules.Create(new StripSettings());

    public static TheoryData<string, string> Pages => new()
    {
        { "headings and steps", "## What you need\n\nA router.\n\n## Reset it\n\n1. Hold the button.\n2. Wait.\n\n### Then {#after}\n\nDone.\n" },
        { "two procedures, nested list", "## First\n\n1. One\n   - a\n   - b\n2. Two\n\n## Second\n\n1. Three\n2. Four\n" },
        { "same heading twice", "## Notes\n\ntext\n\n## Notes\n\nmore\n" },
        { "id on a paragraph", "## Intro\n\nSome text.\n{#para}\n\nMore.\n" },
        { "id on a link and an image", "## Links\n\nSee [this](https://example.org/){#ex} and ![shot](a.png){#pic}\n" },
        { "a figure with an id", "## Figure\n\n![A screenshot](shot.png \"The settings\"){#fig}\n" },
        { "footnotes", "## Cite\n\nA claim.[^1] Another.[^2]\n\n[^1]: First note.\n[^2]: Second note.\n" },
        { "kbd keys", "## Keys\n\nPress <kbd>Ctrl</kbd>+<kbd>C</kbd>.\n" },
        { "raw HTML with ids", "## Raw\n\n<div id=\"box\"><p id=\"inner\">Hi</p><nav id=\"gone\">x</nav></div>\n\n<span id=\"s1\">a</span> and <em id=\"e1\">b</em>\n" },
        { "raw HTML dropped with content", "## Raw\n\n<script id=\"js\">var x;</script>\n\n<noscript><p id=\"hidden\">x</p></noscript>\n\n<section id=\"kept\">text</section>\n" },
        { "unsafe attributes", "## Unsafe\n\n<p id=\"p1\" onclick=\"x()\" style=\"display:none\">text</p>\n\n<a id=\"j\" href=\"javascript:alert(1)\">x</a>\n" },
        { "entities in ids", "## Odd\n\n<p id=\"a&amp;b\">x</p>\n\n<p id=\"caf&eacute;\">y</p>\n" },
        { "a table and a quote", "## Table\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> ## Quoted heading\n>\n> 1. step in quote\n" },
        { "no ids", "Just a paragraph.\n" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_ids_handed_over_are_those_the_finished_body_html_has_in_order(string shape, string body)
    {
        var bag = new DiagnosticBag();
        var source = GuideReader.Parse(Encoding.UTF8.GetBytes("---\ntitle: Ids test\n---\n" + body), "/site/content/t.md", "content/t.md", "t.md", bag)
            ?? throw new InvalidOperationException("the test page did not load");
        var guide = new Guide(source, "t/");
        Pipeline.Prepare(guide, Strip, bag);
        var ids = new List<string>();
        var html = new BodySanitizer(new SanitizeSettings()).Render(guide, new PageReporter(guide, bag), ids);
        Assert.True(html.Length > 0, shape);
        Assert.Equal(PageIds.Read(html), ids);
    }

    [Fact]
    public void Of_puts_the_title_id_first_and_keeps_each_id_once()
    {
        var bag = new DiagnosticBag();
        var source = GuideReader.Parse(Encoding.UTF8.GetBytes("---\ntitle: T\n---\n# Reset the router\n\n## A\n"), "/site/content/t.md", "content/t.md", "t.md", bag)!;
        var guide = new Guide(source, "t/");
        Pipeline.Prepare(guide, Strip, bag);
        Assert.Equal(["reset-the-router", "a", "b"], PageIds.Of(guide, ["a", "reset-the-router", "a", "", "b"]));
    }
}
