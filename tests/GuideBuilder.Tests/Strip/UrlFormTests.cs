using System.Text.Json;
using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary>Every way a post can write a URL goes through the same affiliate and ad-host rules.</summary>
public sealed class UrlFormTests
{
    // One affiliate URL per form, each with its own path so the output can be searched per form.
    private const string Body =
        "Markdown: the [Plinth desk](https://amzn.to/form-inline) is sturdy.\n\n" +
        "Reference: the [Plinth chair][chair] is comfortable.\n\n" +
        "Autolink: see <https://amzn.to/form-auto> for the price.\n\n" +
        "Bare: https://amzn.to/form-bare lists the sizes.\n\n" +
        "Inline HTML: the <a href=\"https://amzn.to/form-html\">Plinth lamp</a> is bright.\n\n" +
        "<p>Block HTML: the <a href=\"https://amzn.to/form-block\">Plinth shelf</a> is deep.</p>\n\n" +
        "[chair]: https://amzn.to/form-ref\n";

    private static readonly string[] Forms = ["form-inline", "form-ref", "form-auto", "form-bare", "form-html", "form-block"];

    private static (CliRun Run, AngleSharp.Dom.IElement Body, JsonElement Report) Build(string mode)
    {
        using var site = new TempSite($"title: Forms\nbase_url: https://guides.example.org/\nstrip:\n  affiliate_links: {mode}\n");
        site.Write("content/g/forms.md", "---\ntitle: Every URL Form\ndate: 2025-01-01\ndescription: d\n---\n\n" + Body);
        var reportPath = Path.Combine(site.Root, "strip.json");
        var run = site.Run("build", "--format", "json", "--strip-report", reportPath);
        var html = site.ReadOutput("g/forms/index.html");
        var report = JsonDocument.Parse(File.ReadAllText(reportPath)).RootElement.Clone();
        return (run, new HtmlParser().ParseDocument(html).QuerySelector(".guide-body")!, report);
    }

    [Fact]
    public void Mark_gives_every_form_rel_sponsored_and_leaves_no_ad_host_warning()
    {
        var (run, body, _) = Build("mark");
        Assert.Equal(0, run.ExitCode);
        foreach (var form in Forms)
        {
            var a = body.QuerySelector($"a[href*='{form}']");
            Assert.True(a is not null, $"{form}: the link is missing\n{body.InnerHtml}");
            Assert.Equal("sponsored nofollow", a!.GetAttribute("rel"));
        }
        Assert.DoesNotContain("link.ad-host", run.Stdout);
    }

    [Fact]
    public void Unwrap_drops_every_link_and_keeps_its_text()
    {
        var (run, body, report) = Build("unwrap");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(body.QuerySelectorAll("a"));
        foreach (var words in new[] { "Plinth desk", "Plinth chair", "Plinth lamp", "Plinth shelf" }) Assert.Contains(words, body.TextContent);
        // an autolink's and a bare URL's text is the URL itself: kept as plain text
        Assert.Contains("https://amzn.to/form-auto for the price", body.TextContent);
        Assert.Contains("https://amzn.to/form-bare lists the sizes", body.TextContent);
        Assert.DoesNotContain("link.ad-host", run.Stdout);
        var rules = report.GetProperty("pages")[0].GetProperty("removals").EnumerateArray().Select(r => r.GetProperty("rule").GetString()).ToList();
        Assert.Equal(6, rules.Count);
    }

    [Fact]
    public void Remove_drops_every_link_with_its_text_and_the_report_says_which_text_went()
    {
        var (run, body, report) = Build("remove");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.DoesNotContain("amzn.to", body.InnerHtml);
        foreach (var words in new[] { "Plinth desk", "Plinth chair" }) Assert.DoesNotContain(words, body.TextContent);
        Assert.Contains("is sturdy.", body.TextContent);
        var removals = report.GetProperty("pages")[0].GetProperty("removals").EnumerateArray().ToList();
        Assert.Contains(removals, r => r.TryGetProperty("text_removed", out var t) && t.GetString() == "Plinth desk");
        Assert.Contains(removals, r => r.TryGetProperty("text_removed", out var t) && t.GetString() == "Plinth chair");
        Assert.Contains(removals, r => r.TryGetProperty("text_removed", out var t) && t.GetString() == "https://amzn.to/form-auto");
    }
}
