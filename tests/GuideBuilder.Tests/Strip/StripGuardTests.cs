using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary><c>strip.suspicious</c>: a rule that would take a heading, a step or a large share of a page's text keeps it and warns.</summary>
public sealed class StripGuardTests
{
    private static (CliRun Run, AngleSharp.Dom.IElement Body) Build(string strip, string body)
    {
        using var site = new TempSite("title: Guard\nbase_url: https://guides.example.org/\n" + strip);
        site.Write("content/g/page.md", "---\ntitle: Guarded Page\ndate: 2025-01-01\n---\n\n" + body);
        var run = site.Run("build", "--format", "json");
        var html = site.OutputExists("g/page/index.html") ? site.ReadOutput("g/page/index.html") : "";
        return (run, new HtmlParser().ParseDocument(html).QuerySelector(".guide-body")!);
    }

    private static string Prose(int words) => string.Join(' ', Enumerable.Range(0, words).Select(i => "word" + i));

    [Fact]
    public void A_site_selector_that_matches_a_heading_keeps_it_and_warns()
    {
        var (run, body) = Build("strip:\n  selectors: [\".box\"]\n",
            "Intro line.\n\n<div class=\"box\">\n<h2 id=\"setup\">Set Up the Printer</h2>\n<p>Plug it in.</p>\n</div>\n\n<div class=\"box\">Buy ink now</div>\n\nOutro line.\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("Set Up the Printer", body.QuerySelector("h2")!.TextContent);
        Assert.DoesNotContain("Buy ink now", body.TextContent);   // the same selector still removes a real ad unit
        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "strip.suspicious");
        Assert.Equal(("content/g/page.md", 8, "warning"), (d.File, d.Line, d.Severity));
        Assert.Contains("a heading", d.Message);
    }

    [Fact]
    public void A_site_selector_that_matches_numbered_steps_keeps_them()
    {
        var (run, body) = Build("strip:\n  selectors: [\"div.wrap\"]\n",
            "Intro line.\n\n<div class=\"wrap\"><ol><li>Open the lid.</li><li>Lift the cartridge.</li></ol></div>\n");
        Assert.Equal(2, body.QuerySelectorAll("li").Length);
        Assert.Contains(run.Diagnostics(), d => d.Rule == "strip.suspicious" && d.Message.Contains("numbered steps"));
    }

    [Fact]
    public void A_site_selector_that_matches_most_of_the_page_text_keeps_it()
    {
        var (run, body) = Build("strip:\n  selectors: [\".content\"]\n",
            $"Short intro.\n\n<div class=\"content\"><p>{Prose(60)}</p></div>\n");
        Assert.Contains("word59", body.TextContent);
        Assert.Contains(run.Diagnostics(), d => d.Rule == "strip.suspicious" && d.Message.Contains("60 words"));
    }

    [Fact]
    public void An_ad_region_holding_a_heading_and_a_step_is_kept_without_its_markers()
    {
        var (run, body) = Build("",
            "Intro line.\n\n<!-- affiliate ads begin -->\n## Replace the Toner\n\n1. Open the front door.\n<!-- affiliate ads end -->\n\nDone.\n");
        Assert.Equal("Replace the Toner", body.QuerySelector("h2")!.TextContent);
        Assert.Equal("Open the front door.", body.QuerySelector("ol li")!.TextContent.Trim());
        Assert.DoesNotContain("<!--", body.InnerHtml);
        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "strip.suspicious");
        Assert.Equal(8, d.Line);
    }

    [Fact]
    public void An_ad_region_holding_most_of_the_page_prose_is_kept()
    {
        var (run, body) = Build("", $"Intro line.\n\n<!-- affiliate ads begin -->\n{Prose(50)}\n<!-- affiliate ads end -->\n");
        Assert.Contains("word49", body.TextContent);
        Assert.Contains(run.Diagnostics(), d => d.Rule == "strip.suspicious" && d.Message.Contains("50 words"));
    }

    [Fact]
    public void A_short_ad_region_is_cut_without_a_warning()
    {
        var (run, body) = Build("", "Intro line.\n\n<!-- affiliate ads begin -->\nSpring sale on toner, today only.\n<!-- affiliate ads end -->\n");
        Assert.DoesNotContain("toner", body.TextContent);
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule == "strip.suspicious");
    }
}
