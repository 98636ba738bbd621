using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Theme;

public sealed class StepListTests
{
    [Fact]
    public void A_step_list_that_starts_later_keeps_its_numbering_and_page_unique_ids()
    {
        using var site = new TempSite();
        site.Write("content/a/continue.md", """
            ---
            title: Continue a Setup
            description: The second half of a setup
            ---

            1. Open the app.
            2. Sign in.

            Take a break here.

            3. Choose **Next**.
            4. Click **Finish**.
            """);

        Assert.Equal(0, site.Run("build").ExitCode);

        var doc = new HtmlParser().ParseDocument(site.ReadOutput("a/continue/index.html"));
        var lists = doc.QuerySelectorAll("ol.steps");
        Assert.Equal(2, lists.Length);
        Assert.Null(lists[0].GetAttribute("style"));
        Assert.Equal("3", lists[1].GetAttribute("start"));
        Assert.Equal("counter-reset: step 2", lists[1].GetAttribute("style"));
        Assert.Equal(["step-1", "step-2", "step-3", "step-4"], doc.QuerySelectorAll("ol.steps > li").Select(li => li.Id));
    }
}
