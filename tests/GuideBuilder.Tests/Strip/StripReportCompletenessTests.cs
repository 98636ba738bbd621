using System.Text.Json;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary>
/// The strip report lists every removal: what the HTML sanitizer removed for an ad reason too (an Amazon
/// widget's iframe or script, stripping on or off), and for each removal that took words a reader would
/// have seen, which words (<c>text_removed</c>): raw HTML blocks, inline elements and marker regions alike.
/// </summary>
public sealed class StripReportCompletenessTests
{
    private sealed record Entry(string Rule, int Start, string Excerpt, string? Text);

    /// <summary>Builds one page in process with a strip report; the page's body starts at file line 5.</summary>
    private static (List<Entry> Removals, List<Diagnostic> Diagnostics, int Stripped, string Body) Build(string markdown, string siteYml = "")
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n" + siteYml);
        site.Write("content/w/page.md", "---\ntitle: Page\n---\n\n" + markdown);
        var report = Path.Combine(site.Root, "strip.json");
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var result = new SiteBuilder(config, new BuildOptions { Write = false, KeepHtml = true, StripReportPath = report }).Build();
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var removals = json.RootElement.GetProperty("pages").EnumerateArray()
            .SelectMany(p => p.GetProperty("removals").EnumerateArray())
            .Select(r => new Entry(r.GetProperty("rule").GetString()!, r.GetProperty("start_line").GetInt32(), r.GetProperty("excerpt").GetString()!,
                r.TryGetProperty("text_removed", out var t) ? t.GetString() : null))
            .ToList();
        var stripped = json.RootElement.GetProperty("summary").GetProperty("removals").GetInt32();
        return (removals, result.Diagnostics.ToList(), stripped, result.Guides.Single().ContentHtml ?? "");
    }

    private const string AmazonWidget =
        "Intro words stay.\n" +
        "\n" +
        "<script type=\"text/javascript\">\n" +
        "amzn_assoc_placement = \"adunit0\";\n" +
        "amzn_assoc_tracking_id = \"pagewise-20\";\n" +
        "</script>\n" +
        "\n" +
        "<iframe style=\"width:120px;height:240px\" src=\"//ws-na.amazon-adsystem.com/widgets/q?ServiceVersion=20070822&tracking_id=pagewise-20\"></iframe>\n" +
        "\n" +
        "Closing words stay.\n";

    [Theory]
    [InlineData("")]
    [InlineData("strip:\n  enabled: false\n")]
    public void An_amazon_widget_the_sanitizer_removes_is_in_the_strip_report_not_an_unsafe_warning(string siteYml)
    {
        var (removals, diagnostics, stripped, body) = Build(AmazonWidget, siteYml);
        Assert.DoesNotContain(diagnostics, d => d.Rule == "html.unsafe");
        var script = Assert.Single(removals, r => r.Rule == "ad-script");
        Assert.Equal(7, script.Start);
        Assert.Contains("amzn_assoc_placement", script.Excerpt);
        var iframe = Assert.Single(removals, r => r.Excerpt.StartsWith("<iframe", StringComparison.Ordinal));
        Assert.StartsWith("ad-host", iframe.Rule);
        Assert.Equal(12, iframe.Start);
        Assert.Equal(removals.Count, stripped);
        Assert.DoesNotContain("amazon-adsystem", body);
        Assert.DoesNotContain("amzn_assoc", body);
        Assert.Contains("Intro words stay.", body);
        Assert.Contains("Closing words stay.", body);
    }

    [Fact]
    public void A_script_that_is_no_ad_is_still_an_unsafe_warning_and_no_removal()
    {
        var (removals, diagnostics, _, _) = Build("Text.\n\n<script>\nconsole.log('hello');\n</script>\n");
        Assert.Empty(removals);
        var d = Assert.Single(diagnostics, d => d.Rule == "html.unsafe");
        Assert.Equal(7, d.Location.Line);
    }

    [Fact]
    public void Raw_html_block_removals_say_which_words_went()
    {
        var (removals, _, _, body) = Build(
            "Intro.\n\n<div class=\"deal\"><a href=\"https://x.sjv.io/c/1/2/3\">Grab the Quillmart Deal</a></div>\n\n" +
            "<div>\n<p>Kept words.</p>\n<div><a href=\"https://x.sjv.io/c/9/9/9\">Second Banner Text</a></div>\n</div>\n");
        Assert.Contains(removals, r => r.Start == 7 && r.Text == "Grab the Quillmart Deal");
        // the line the parser found the removed element on, not the block's first line
        Assert.Contains(removals, r => r.Start == 11 && r.Text == "Second Banner Text");
        Assert.Contains("Kept words.", body);
    }

    [Fact]
    public void An_affiliate_link_removed_from_raw_html_says_its_text_went()
    {
        var (removals, _, _, body) = Build("<p>I type on the <a href=\"https://amzn.to/3kbd\">Lumo Keys board</a> daily.</p>\n",
            "strip:\n  affiliate_links: remove\n");
        Assert.Contains(removals, r => r.Rule == "affiliate-link" && r.Text == "Lumo Keys board");
        Assert.DoesNotContain("Lumo", body);
    }

    [Fact]
    public void An_inline_ad_element_says_its_text_went()
    {
        var (removals, _, _, body) = Build("1. Click <span class=\"adsbygoogle\">Sponsored pick</span> now.\n");
        Assert.Contains(removals, r => r.Rule.StartsWith("selector:", StringComparison.Ordinal) && r.Text == "Sponsored pick");
        Assert.DoesNotContain("Sponsored pick", body);
        Assert.Contains("now.", body);
    }

    [Theory]
    [InlineData("<!-- ads begin -->\nBuy the [Velo Router](https://www.amazon.com/dp/B0?tag=pw-20) today!\n<!-- ads end -->\n", 5, "Buy the Velo Router today!")]
    [InlineData("1. Open <!-- ad begin -->[Velo deal](https://x.sjv.io/c/1)<!-- ad end --> the menu.\n", 5, "Velo deal")]
    [InlineData("<!-- ads begin -->\n<a href=\"https://x.sjv.io/c/1\"><img src=\"https://a.impactradius-go.com/1.jpg\"></a>\n<!-- ads end -->\n", 5, null)]
    public void Marker_removals_say_which_words_went(string markdown, int line, string? text)
    {
        var (removals, _, _, _) = Build("Intro.\n\n" + markdown);
        var r = Assert.Single(removals);
        Assert.Equal("marker", r.Rule);
        Assert.Equal(line + 2, r.Start);
        Assert.Equal(text, r.Text);
    }
}
