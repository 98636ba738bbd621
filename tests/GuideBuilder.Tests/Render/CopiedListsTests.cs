using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Render;

/// <summary>List shapes of copied posts: link-only numbered lists are not steps; bare-marker pro/con runs join into one list.</summary>
public sealed class CopiedListsTests
{
    /// <summary>Builds one guide; returns its body element and the number of HowTo steps in its JSON-LD.</summary>
    private static (IElement Body, int JsonLdSteps) Build(string body)
    {
        using var site = new TempSite();
        site.Write("content/printers/guide.md", "---\ntitle: Fix a silent printer\ndate: 2025-03-01\ndescription: A test guide\n---\n\n" + body);
        var run = site.Run("build");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var doc = new HtmlParser().ParseDocument(site.ReadOutput("printers/guide/index.html"));
        using var json = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var steps = json.RootElement.TryGetProperty("step", out var s)
            ? s.EnumerateArray().Sum(e => e.TryGetProperty("itemListElement", out var items) ? items.GetArrayLength() : 1)
            : 0;
        return (doc.QuerySelector(".guide-body")!, steps);
    }

    private const string TableOfContents = """
        Pick the fix that suits your printer.

        1. [Wake the printer](#w1)
        2. **[Reseat the paper tray](#w2)**
        3. [*Reinstall the driver*](#w3)

        ## Wake the printer {#w1}

        1. Hold the power button for three seconds.
        2. Wait for the light to stop blinking.

        ## Reseat the paper tray {#w2}

        Pull the tray out and push it back until it clicks.

        ## Reinstall the driver {#w3}

        1. Open **Device Manager**.
        2. Remove the printer and restart.
        """;

    [Fact]
    public void Numbered_list_of_in_page_links_is_a_plain_list_and_not_steps()
    {
        var (doc, jsonLdSteps) = Build(TableOfContents);

        var lists = doc.QuerySelectorAll("ol");
        Assert.Equal(3, lists.Length);
        var toc = lists[0];
        Assert.False(toc.ClassList.Contains("steps"));
        Assert.All(toc.QuerySelectorAll("li"), li => Assert.True(string.IsNullOrEmpty(li.Id)));
        Assert.Equal(["#w1", "#w2", "#w3"], toc.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["w1-step-1", "w1-step-2", "w3-step-1", "w3-step-2"], doc.QuerySelectorAll("ol.steps > li").Select(li => li.Id));
        Assert.Equal("Hold the power button for three seconds.", doc.QuerySelector("#w1-step-1")!.TextContent.Trim());
        Assert.Equal(4, jsonLdSteps);
    }

    [Theory]
    [InlineData("1. [Download the tool](https://tools.example.org/get) and save it.\n2. [Open it](#run)\n\n## Run {#run}\n")]
    [InlineData("1. [Download the tool](https://tools.example.org/get)\n2. Run the file you saved.\n")]
    [InlineData("1. [Download the tool](https://tools.example.org/get)\n")]
    [InlineData("1. [Download](https://tools.example.org/a) or [mirror](https://tools.example.org/b)\n2. [Unpack it](#unpack-it)\n\n## Unpack it\n")]
    [InlineData("1. ![Tray](https://img.example.org/tray.png)\n2. ![Lid](https://img.example.org/lid.png)\n")]
    public void Numbered_list_with_anything_beside_a_single_link_stays_steps(string body)
    {
        var (doc, jsonLdSteps) = Build(body);

        var steps = doc.QuerySelectorAll("ol.steps > li");
        Assert.NotEmpty(steps);
        Assert.Equal("step-1", steps[0].Id);
        Assert.Equal(steps.Length, jsonLdSteps);
    }

    [Fact]
    public void Numbered_list_of_links_to_other_pages_is_not_steps_either()
    {
        var (doc, jsonLdSteps) = Build("Read these in order:\n\n1. [Part one](https://guides.example.org/a/)\n2. [Part two](https://guides.example.org/b/)\n");

        Assert.Empty(doc.QuerySelectorAll("ol.steps"));
        Assert.Equal(2, doc.QuerySelectorAll("ol > li").Length);
        Assert.Equal(0, jsonLdSteps);
    }

    [Theory]
    [InlineData("+")]
    [InlineData("*")]
    [InlineData("\\-")]
    [InlineData("\\+")]
    [InlineData("−")]
    public void Run_of_bare_markers_and_paragraphs_becomes_one_list(string marker)
    {
        var body = $"### Good points\n\n{marker}\n\nQuiet fan\n\n{marker}\n\n Long cable\n\n{marker}\n\nSpare nozzle in the box\n\n### Weak points\n\nNothing else to say.\n";
        var (doc, _) = Build(body);

        var list = Assert.Single(doc.QuerySelectorAll("ul"));
        Assert.Equal(["Quiet fan", "Long cable", "Spare nozzle in the box"], list.Children.Select(li => li.TextContent.Trim()));
        Assert.DoesNotContain(doc.QuerySelectorAll("p"), p => p.TextContent.Trim() is "-" or "+" or "*" or "−");
        Assert.Equal("good-points", list.PreviousElementSibling!.Id);
        Assert.Equal("weak-points", list.NextElementSibling!.Id);
    }

    [Fact]
    public void Pro_and_con_runs_with_different_markers_stay_two_lists()
    {
        var (doc, _) = Build("Verdict:\n\n+\n\nLight\n\n+\n\nCheap\n\n\\-\n\nLoud\n\n\\-\n\nSlow\n");

        var lists = doc.QuerySelectorAll("ul");
        Assert.Equal(2, lists.Length);
        Assert.Equal(["Light", "Cheap"], lists[0].Children.Select(li => li.TextContent.Trim()));
        Assert.Equal(["Loud", "Slow"], lists[1].Children.Select(li => li.TextContent.Trim()));
    }

    [Theory]
    [InlineData("- first\n-\n- third\n\nAfter the list.\n", 1)]      // an empty item inside a real list
    [InlineData("Intro.\n\n+\n\nOnly one point\n", 1)]                 // one pair is not a run
    [InlineData("Intro.\n\n+\n\n## Next\n\nText.\n", 1)]               // a lone marker before a heading
    [InlineData("Intro.\n\n+\n\n+\n\nText.\n", 2)]                     // markers with no text between them
    public void Deliberate_or_lone_empty_items_are_left_alone(string body, int emptyItems)
    {
        var (doc, _) = Build(body);

        Assert.Equal(emptyItems, doc.QuerySelectorAll("li").Count(li => li.TextContent.Trim().Length == 0));
    }
}
