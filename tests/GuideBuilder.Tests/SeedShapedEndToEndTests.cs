using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// Issue 2's "done when", on a seed-shaped guide written for the project (Fixtures/golden/001-seed-shaped.md):
/// dropped into <c>content/windows/</c> with a second guide and two screenshots, the real CLI builds
/// it with exit code 0 into a clean page with no trace of the ads.
/// </summary>
public sealed class SeedShapedEndToEndTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden");
    private readonly TempSite _site = new();
    private readonly CliRun _run;
    private readonly string _html;
    private readonly IDocument _doc;

    public SeedShapedEndToEndTests()
    {
        var shared = Path.Combine(Fixtures, "site");
        foreach (var file in Directory.GetFiles(shared, "*", SearchOption.AllDirectories))
        {
            _site.WriteBytes(Path.GetRelativePath(shared, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }
        _site.Write("content/windows/night-light.md", File.ReadAllText(Path.Combine(Fixtures, "001-seed-shaped.md")));
        _run = _site.Run("build", "--format", "json");
        _html = _site.OutputExists("windows/night-light/index.html") ? _site.ReadOutput("windows/night-light/index.html") : "";
        _doc = new HtmlParser().ParseDocument(_html);
    }

    public void Dispose() => _site.Dispose();

    [Fact]
    public void Builds_with_exit_code_0_to_a_clean_url()
    {
        Assert.Equal(0, _run.ExitCode);
        Assert.True(_site.OutputExists("windows/night-light/index.html"));
        Assert.DoesNotContain(_run.Diagnostics(), d => d.Severity == "error");
    }

    [Theory]
    [InlineData("sjv.io")]
    [InlineData("pxf.io")]
    [InlineData("8odi.net")]
    [InlineData("impactradius")]
    [InlineData("adsbygoogle")]
    [InlineData("ca-pub")]
    [InlineData("atpl-alsoreadstyle")]
    [InlineData("affiliate ads")]
    [InlineData("Also read")]
    [InlineData("affiliate links")]
    [InlineData("receive a commission")]
    [InlineData("javascript:")]
    [InlineData("example-farm.com")]
    [InlineData("<video")]
    [InlineData("<ins")]
    public void No_trace_of_the_ads_anywhere_in_the_page(string trace)
    {
        Assert.NotEmpty(_html);
        Assert.DoesNotContain(trace, _html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_zero_size_tracking_pixels()
    {
        Assert.DoesNotContain(_doc.QuerySelectorAll("img"), img => img.GetAttribute("width") == "0" || img.GetAttribute("height") == "0");
    }

    [Fact]
    public void Exactly_one_h1_the_title()
    {
        var h1 = Assert.Single(_doc.QuerySelectorAll("h1"));
        Assert.Equal("Turning On Night Light to Rest Your Eyes in Windows 11", h1.TextContent);
    }

    [Fact]
    public void Two_step_lists_of_5_and_3_items()
    {
        var lists = _doc.QuerySelectorAll(".guide-body ol");
        Assert.Equal([5, 3], lists.Select(ol => ol.Children.Count(c => c.LocalName == "li")));
        Assert.All(lists, ol => Assert.Contains("steps", ol.ClassList));
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"how-to-turn-on-night-light-right-now-step-{i}").Concat(Enumerable.Range(1, 3).Select(i => $"how-to-put-night-light-on-a-schedule-step-{i}")), _doc.QuerySelectorAll(".guide-body ol > li").Select(li => li.Id));
    }

    [Fact]
    public void Key_combos_are_kbd_elements()
    {
        var firstStep = _doc.QuerySelector("#how-to-turn-on-night-light-right-now-step-1")!;
        Assert.Equal(["Win", "I"], firstStep.QuerySelectorAll("kbd").Select(k => k.TextContent));
        Assert.Equal("Open the Settings app by pressing Win + I on your keyboard.", firstStep.TextContent.Trim());
        Assert.Equal(["Win", "I"], _doc.QuerySelector("#how-to-put-night-light-on-a-schedule-step-1")!.QuerySelectorAll("kbd").Select(k => k.TextContent));
        Assert.DoesNotContain(@"\+", _html, StringComparison.Ordinal);
    }

    [Fact]
    public void HowTo_structured_data_keeps_the_key_names_in_step_text()
    {
        var script = _doc.QuerySelector("script[type='application/ld+json']")!.TextContent;
        using var json = System.Text.Json.JsonDocument.Parse(script);
        var sections = json.RootElement.GetProperty("step").EnumerateArray().ToList();
        Assert.Equal(["How to Turn On Night Light Right Now", "How to Put Night Light on a Schedule"], sections.Select(s => s.GetProperty("name").GetString()));
        var steps = sections.SelectMany(s => s.GetProperty("itemListElement").EnumerateArray()).ToList();
        Assert.Equal(8, steps.Count);
        Assert.Equal([1, 2, 3, 4, 5, 1, 2, 3], steps.Select(s => s.GetProperty("position").GetInt32()));
        Assert.Equal("Open the Settings app by pressing Win + I on your keyboard.", steps[0].GetProperty("text").GetString());
        Assert.EndsWith("#how-to-turn-on-night-light-right-now-step-4", steps[3].GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("images/night-light-toggle.png", steps[3].GetProperty("image").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Real_links_are_kept_and_point_at_real_targets()
    {
        var hrefs = _doc.QuerySelectorAll(".guide-body a[href]").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(
            ["https://sleep.example.org/screens-and-melatonin/", "../check-display-settings/#colour-and-brightness", "#how-to-put-night-light-on-a-schedule-step-2"],
            hrefs);
        Assert.True(_site.OutputExists("windows/check-display-settings/index.html"));
        var target = new HtmlParser().ParseDocument(_site.ReadOutput("windows/check-display-settings/index.html"));
        Assert.NotNull(target.GetElementById("colour-and-brightness"));
        Assert.NotNull(_doc.GetElementById("how-to-put-night-light-on-a-schedule-step-2"));
    }

    [Fact]
    public void Both_screenshots_are_kept_and_published()
    {
        var images = _doc.QuerySelectorAll(".guide-body img").ToList();
        Assert.Equal(
            ["Screenshot of the night light switch in Display settings", "Screenshot of the night light schedule options"],
            images.Select(i => i.GetAttribute("alt")));
        foreach (var img in images)
        {
            var published = Path.GetFullPath(Path.Combine(_site.Output, "windows/night-light", img.GetAttribute("src")!));
            Assert.True(File.Exists(published), $"{img.GetAttribute("src")} does not resolve to a published file");
        }
        Assert.NotNull(_doc.QuerySelector("#how-to-turn-on-night-light-right-now-step-4 img"));
    }

    [Fact]
    public void Real_text_survives_and_the_stripping_is_counted()
    {
        var body = _doc.QuerySelector(".guide-body")!.TextContent;
        Assert.Contains("Staring at a bright blue-white screen", body, StringComparison.Ordinal);
        Assert.Contains("Night light is a small setting", body, StringComparison.Ordinal);
        Assert.Contains("check that location services are on", body, StringComparison.Ordinal);
        using var json = System.Text.Json.JsonDocument.Parse(_run.Stdout);
        // Three marker regions, the disclaimer, the link farm and the AdSense unit.
        Assert.Equal(6, json.RootElement.GetProperty("summary").GetProperty("stripped").GetInt32());
    }
}
