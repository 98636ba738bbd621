namespace GuideBuilder.Tests.Strip;

/// <summary>The structural traps around ad regions: what is left must still be the same document.</summary>
public sealed class StructureTests
{
    [Fact]
    public void A_step_list_split_by_an_ad_region_comes_out_as_one_ol()
    {
        using var f = StripFixture.Build("trap-list-split");
        Assert.Empty(f.AdTraces());
        var ol = Assert.Single(f.Body.QuerySelectorAll("ol"));
        Assert.Equal(["step-1", "step-2", "step-3", "step-4"], ol.Children.Select(li => li.Id));
        Assert.StartsWith("Open Administration", ol.Children[2].TextContent.Trim());
    }

    [Fact]
    public void A_heading_right_after_an_ad_block_with_no_blank_line_is_still_a_heading()
    {
        using var f = StripFixture.Build("trap-heading-after-ad");
        Assert.Empty(f.AdTraces());
        Assert.Equal(["Raise the Curve Above Sixty Degrees"], f.Body.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Equal(["Save the Profile"], f.Body.QuerySelectorAll("h3").Select(h => h.TextContent));
        Assert.DoesNotContain("##", f.Body.TextContent);
    }

    [Fact]
    public void Crlf_inside_ad_blocks_between_steps_and_paragraphs()
    {
        using var f = StripFixture.Build("trap-crlf");
        Assert.Empty(f.AdTraces());
        Assert.Equal(["Align the notch with the key in the slot.", "Press down until both clips snap shut."],
            f.Body.QuerySelectorAll("ol > li").Select(li => li.TextContent.Trim()));
        Assert.Contains("Lift the module out at an angle.", f.Body.TextContent);
    }

    [Fact]
    public void Empty_marker_pairs_and_nested_regions_leave_nothing_behind()
    {
        using var f = StripFixture.Build("trap-empty-and-nested");
        Assert.Empty(f.AdTraces());
        Assert.Empty(f.Body.QuerySelectorAll("div, a, img"));
        Assert.DoesNotContain("<!--", f.Body.InnerHtml);
        Assert.Equal(["Peel the old pad off with a plastic spudger.", "Measure the pad thickness with calipers.", "Cut the new pad to size and press it onto the chips."],
            f.Body.QuerySelectorAll("p").Select(p => p.TextContent.Trim()));
    }

    [Fact]
    public void Markers_inside_fenced_code_are_left_alone()
    {
        using var f = StripFixture.Build("trap-fenced-markers");
        var code = f.Body.QuerySelectorAll("pre code").Select(c => c.TextContent).ToList();
        Assert.Equal(2, code.Count);
        Assert.Equal("<!-- affiliate ads begin -->\n<div class=\"sponsor-slot\"></div>\n<!-- affiliate ads end -->\n", code[0]);
        Assert.Equal("<!-- affiliate ads begin -->\n", code[1]);
        Assert.Contains("The build then knows where the slot starts and ends.", f.Body.TextContent);
        Assert.DoesNotContain(f.Run.Diagnostics(), d => d.Rule.StartsWith("strip."));
    }
}
