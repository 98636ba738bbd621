using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Theme;

/// <summary>A site's own templates/ folder: file-by-file overrides, and template errors as diagnostics.</summary>
public sealed class TemplateOverrideTests
{
    private static TempSite Site() => FixtureSite.Write(new TempSite($"title: Fixture Guides\nbase_url: {FixtureSite.BaseUrl}\n"));

    [Fact]
    public void A_broken_guide_template_is_an_error_with_the_templates_file_line_and_column()
    {
        using var site = Site();
        site.Write("templates/guide.html", "<article>\n  <h1>{{ page.title }}</h1>\n  {{ if page.toc.size > 0 }}\n  <p>toc</p>\n");

        var run = site.Run("build", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics().Where(d => d.Rule == "template.error").DistinctBy(d => (d.File, d.Line, d.Column)));
        Assert.Equal("templates/guide.html", d.File);
        Assert.Equal("error", d.Severity);
        Assert.True(d.Line >= 3, $"line {d.Line}: the unclosed 'if' is on line 3 or later");
        Assert.True(d.Column >= 1);
        Assert.False(Directory.Exists(site.Output), "a build with a template error must not publish");
    }

    [Fact]
    public void A_template_that_fails_while_rendering_points_at_the_failing_expression()
    {
        using var site = Site();
        site.Write("templates/home.html", "<h1>Home</h1>\n<p>{{ site.title | string.slice 'a' }}</p>\n");

        var run = site.Run("build", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "template.error");
        Assert.Equal("templates/home.html", d.File);
        Assert.Equal(2, d.Line);
        Assert.Equal(33, d.Column);
        Assert.Contains("Unable to convert", d.Message);
    }

    [Fact]
    public void A_broken_partial_is_reported_once_at_its_own_file()
    {
        using var site = Site();
        site.Write("templates/_card.html", "<li>\n  {{ item.title\n</li>\n");

        var run = site.Run("build", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "template.error");
        Assert.Equal("templates/_card.html", d.File);
        Assert.Equal(3, d.Line);
        Assert.Equal(1, d.Column);
    }

    [Fact]
    public void Include_cannot_leave_the_templates_folder()
    {
        using var site = Site();
        site.Write("secret.txt", "do not include me");
        site.Write("templates/home.html", "<h1>Home</h1>\n{{ include '../secret.txt' }}\n");

        var run = site.Run("build", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "template.error");
        Assert.Equal("templates/home.html", d.File);
        Assert.Equal(2, d.Line);
        Assert.Contains("inside the templates folder", d.Message);
    }

    [Fact]
    public void Sandbox_loop_limit_stops_a_runaway_template()
    {
        using var site = Site();
        site.Write("templates/home.html", "<h1>Home</h1>\n{{ while true }}x{{ end }}\n");

        var run = site.Run("build", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "template.error");
        Assert.Equal("templates/home.html", d.File);
        Assert.Equal(2, d.Line);
    }

    [Fact]
    public void One_overridden_template_replaces_only_that_file()
    {
        using var site = Site();
        site.Write("templates/_card.html", "<li class=\"card mine\"><h2><a href=\"{{ root }}{{ item.url }}\">{{ item.title | string.upcase }}</a></h2></li>\n");
        site.Write("templates/assets/extra.css", "body { margin: 0; }\n");

        var run = site.Run("build", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var home = new HtmlParser().ParseDocument(site.ReadOutput("index.html"));
        Assert.Equal(["OPEN WINDOWS SETTINGS QUICKLY", "PIN APPS TO THE TASKBAR", "RESTART THE PRINT SPOOLER SERVICE"],
            home.QuerySelectorAll("li.card.mine h2 a").Select(a => a.TextContent));
        var guide = new HtmlParser().ParseDocument(site.ReadOutput("windows/open-settings/index.html"));
        Assert.NotNull(guide.QuerySelector("nav.toc"));
        Assert.True(site.OutputExists("assets/extra.css"));
        Assert.True(site.OutputExists("assets/style.css"));
    }
}
