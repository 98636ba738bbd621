using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;
using GuideBuilder.Write;

namespace GuideBuilder.Tests.Theme;

public sealed class HomePageSizeTests
{
    [Fact]
    public void Home_lists_the_newest_guides_and_points_to_the_rest()
    {
        using var site = new TempSite();
        var count = SitePages.HomeSize + 5;
        for (var i = 0; i < count; i++)
        {
            site.Write($"content/c{i % 3}/guide-{i:D3}.md",
                $"---\ntitle: Guide number {i}\ndate: {new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}\ndescription: Guide {i}\n---\n\nText of guide {i}.\n");
        }

        var run = site.Run("build");

        Assert.Equal(0, run.ExitCode);
        var doc = new HtmlParser().ParseDocument(site.ReadOutput("index.html"));
        var titles = doc.QuerySelectorAll(".cards .card h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(SitePages.HomeSize, titles.Count);
        Assert.Equal($"Guide number {count - 1}", titles[0]);                       // newest first
        Assert.DoesNotContain("Guide number 0", titles);                             // the oldest are left to categories
        Assert.Contains($"of {count} guides", doc.QuerySelector("p.more")!.TextContent);
        Assert.True(site.OutputExists("c0/guide-000/index.html"));
    }
}
