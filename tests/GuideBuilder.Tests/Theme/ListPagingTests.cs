using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;
using GuideBuilder.Write;

namespace GuideBuilder.Tests.Theme;

public sealed class ListPagingTests
{
    [Fact]
    public void A_long_tag_list_continues_on_numbered_pages_that_link_to_each_other_and_a_short_one_has_no_pager()
    {
        using var site = new TempSite();
        var count = 2 * SitePages.ListSize + 7;
        for (var i = 0; i < count; i++)
        {
            var tags = i < 3 ? "[wifi, rare]" : "[wifi]";
            site.Write($"content/net/guide-{i:D3}.md",
                $"---\ntitle: Guide number {i}\ndescription: Guide {i}\ndate: {new DateTime(2024, 1, 1).AddDays(i):yyyy-MM-dd}\ntags: {tags}\n---\n\nText of guide {i}.\n");
        }
        // A guide may link to a later page of a list: it is a page the site makes.
        site.Write("content/net/index.md", "---\ntitle: Network\ndescription: Network guides\n---\n\nSee [older wifi guides](../tags/wifi/page/3/).\n");

        var run = site.Run("build", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Diagnostics());
        var parser = new HtmlParser();
        var first = parser.ParseDocument(site.ReadOutput("tags/wifi/index.html"));
        var second = parser.ParseDocument(site.ReadOutput("tags/wifi/page/2/index.html"));
        var last = parser.ParseDocument(site.ReadOutput("tags/wifi/page/3/index.html"));
        Assert.False(site.OutputExists("tags/wifi/page/4/index.html"));
        Assert.False(site.OutputExists("tags/wifi/page/1/index.html"));

        string[] Titles(AngleSharp.Html.Dom.IHtmlDocument d) => d.QuerySelectorAll(".cards .card h2").Select(h => h.TextContent.Trim()).ToArray();
        Assert.Equal(SitePages.ListSize, Titles(first).Length);
        Assert.Equal(SitePages.ListSize, Titles(second).Length);
        Assert.Equal(7, Titles(last).Length);
        Assert.Equal($"Guide number {count - 1}", Titles(first)[0]);                       // newest first, across pages
        Assert.Equal($"Guide number {count - 1 - SitePages.ListSize}", Titles(second)[0]);
        Assert.Equal("Guide number 0", Titles(last)[^1]);

        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));
        Assert.Equal("../../tags/wifi/page/2/", first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("../../../../tags/wifi/", second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("../../../../tags/wifi/page/3/", second.QuerySelector(".pager a[rel=next]")!.GetAttribute("href"));
        Assert.Null(last.QuerySelector(".pager a[rel=next]"));
        Assert.Contains("Page 3 of 3", last.QuerySelector(".pager")!.TextContent);
        Assert.Contains("(Page 2 of 3)", second.Title);
        Assert.Equal("https://guides.example.org/tags/wifi/page/2/", second.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        var rare = parser.ParseDocument(site.ReadOutput("tags/rare/index.html"));
        Assert.Equal(3, Titles(rare).Length);
        Assert.Null(rare.QuerySelector(".pager"));
        Assert.Contains("href=\"../tags/wifi/page/3/\"", site.ReadOutput("net/index.html"));
    }
}
