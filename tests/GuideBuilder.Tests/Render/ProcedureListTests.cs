using System.Text.Json;
using GuideBuilder.Tests.Strip;

namespace GuideBuilder.Tests.Render;

/// <summary>A numbered list is steps only when it reads as a procedure, or when front matter says so.</summary>
public sealed class ProcedureListTests
{
    private static string[] StepLists(StripFixture f) =>
        f.Body.QuerySelectorAll("ol").Where(ol => ol.ClassList.Contains("steps")).Select(ol => ol.QuerySelector("li")!.TextContent.Trim()).ToArray();

    private static JsonElement JsonLd(StripFixture f) => JsonDocument.Parse(f.Document.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;

    [Fact]
    public void Rankings_reasons_picks_and_pros_and_cons_are_plain_lists_and_the_procedure_is_steps()
    {
        using var f = StripFixture.Build("shape14-listicles");
        Assert.Equal(5, f.Body.QuerySelectorAll("ol").Length);
        Assert.Equal(["Wet the two contacts on the back of the strap."], StepLists(f));
        var ld = JsonLd(f).ToString();
        Assert.Contains("Wet the two contacts", ld);
        Assert.DoesNotContain("Pulsebar", ld);
        Assert.DoesNotContain("Dry skin", ld);
    }

    [Fact]
    public void Front_matter_steps_false_makes_no_list_steps()
    {
        using var f = StripFixture.Build("shape01-marker-regions");
        Assert.NotEmpty(StepLists(f));
        using var site = new Support.TempSite();
        site.Write("content/g/p.md", f.Source.Replace("title:", "steps: false\ntitle:"));
        site.Run("build");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site.ReadOutput("g/p/index.html"));
        Assert.Empty(doc.QuerySelectorAll(".guide-body ol.steps"));
        Assert.NotEmpty(doc.QuerySelectorAll(".guide-body ol"));
    }

    [Fact]
    public void Front_matter_steps_true_makes_every_top_level_list_steps()
    {
        using var site = new Support.TempSite();
        site.Write("content/g/p.md", File.ReadAllText(StripFixture.PathOf("shape14-listicles")).Replace("title:", "steps: true\ntitle:"));
        site.Run("build");
        var doc = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(site.ReadOutput("g/p/index.html"));
        Assert.Equal(5, doc.QuerySelectorAll(".guide-body ol.steps").Length);
    }
}
