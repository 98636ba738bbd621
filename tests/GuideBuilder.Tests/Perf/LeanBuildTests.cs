using GuideBuilder.Tests.Support;
using GuideBuilder.Tests.Theme;

namespace GuideBuilder.Tests.Perf;

/// <summary>
/// A full build drops each guide's syntax tree after analysis and makes each page's JSON-LD only
/// while the page renders; what templates can see must not change because of it.
/// </summary>
public sealed class LeanBuildTests
{
    private static TempSite Site() => FixtureSite.Write(new TempSite($"title: Fixture Guides\nbase_url: {FixtureSite.BaseUrl}\n"));

    [Fact]
    public void A_site_template_that_lists_every_pages_json_ld_still_sees_it()
    {
        using var site = Site();
        site.Write("templates/home.html", "{{~ for p in pages ~}}\n<script type=\"application/ld+json\">{{ p.json_ld }}</script>\n{{~ end ~}}\n");

        var run = site.Run("build", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var home = site.ReadOutput("index.html");
        var scripts = home.Split("<script type=\"application/ld+json\">").Skip(1).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.StartsWith("{", s));
        Assert.Contains("\"@type\":\"HowTo\"", home);
    }

    [Fact]
    public void A_guide_page_has_its_own_json_ld_with_the_default_theme()
    {
        using var site = Site();

        var run = site.Run("build", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var page = site.ReadOutput("windows/open-settings/index.html");
        Assert.Contains("\"@type\":\"HowTo\"", page);
        Assert.Contains("#use-the-keyboard-step-1", page);
    }
}
