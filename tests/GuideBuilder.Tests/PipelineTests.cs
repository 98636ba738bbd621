using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;
using GuideBuilder.Model;

namespace GuideBuilder.Tests;

public sealed class PipelineTests
{
    private const string Guide = """
        ---
        title: Open the Control Panel
        date: 2025-01-02
        description: Three ways to open it
        ---

        ## Open the Control Panel

        Intro text that stays.

        1. Press **Win** \+ **R**.
        2. Type `control` and press **Enter**.
        3. Click **OK**.
        """;

    [Fact]
    public void Build_writes_clean_url_page_with_one_h1_steps_and_kbd()
    {
        using var site = new TempSite();
        site.Write("content/windows/open-control-panel.md", Guide);

        var run = site.Run("build");

        Assert.Equal(0, run.ExitCode);
        var html = site.ReadOutput("windows/open-control-panel/index.html");
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal("Open the Control Panel", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("open-the-control-panel", doc.QuerySelector("h1")!.Id);
        var steps = doc.QuerySelectorAll("ol.steps > li");
        Assert.Equal(["step-1", "step-2", "step-3"], steps.Select(s => s.Id));
        Assert.Equal(["Win", "R"], steps[0].QuerySelectorAll("kbd").Select(k => k.TextContent));
        Assert.Equal("Press Win + R.", steps[0].TextContent.Trim());
    }

    [Fact]
    public void Check_writes_nothing()
    {
        using var site = new TempSite();
        site.Write("content/a/b.md", Guide);
        var run = site.Run("check");
        Assert.Equal(0, run.ExitCode);
        Assert.False(Directory.Exists(site.Output));
    }
}
