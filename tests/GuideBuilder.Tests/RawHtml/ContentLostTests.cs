namespace GuideBuilder.Tests.RawHtml;

/// <summary>Words of the guide that stripping, attribute parsing or figure lifting used to lose.</summary>
public sealed class ContentLostTests
{
    [Fact]
    public void Raw_html_affiliate_link_in_prose_keeps_its_text_marked_sponsored()
    {
        var page = OnePage.Build("I use the <a href=\"https://amzn.to/3abc\">Logitech MX Keys</a> keyboard daily.\n");
        Assert.Equal("I use the Logitech MX Keys keyboard daily.", page.Text);
        var a = Assert.Single(page.Dom.QuerySelectorAll("a"));
        Assert.Equal("sponsored nofollow", a.GetAttribute("rel"));
    }

    [Theory]
    [InlineData("unwrap", 0)]
    [InlineData("remove", 0)]
    public void Raw_html_affiliate_link_follows_the_affiliate_links_setting(string mode, int links)
    {
        var page = OnePage.Build("I use the <a href=\"https://amzn.to/3abc\">Logitech MX Keys</a> keyboard daily.\n", $"strip:\n  affiliate_links: {mode}\n");
        Assert.Equal(links, page.Dom.QuerySelectorAll("a").Length);
        Assert.Equal(mode == "unwrap" ? "I use the Logitech MX Keys keyboard daily." : "I use the keyboard daily.", page.Text);
    }

    [Fact]
    public void Javascript_link_inside_an_html_block_keeps_its_text()
    {
        var page = OnePage.Build("<div class=\"tip\">\nPress <a href=\"javascript:void(0)\">the reset button</a> for five seconds.\n</div>\n");
        Assert.Empty(page.Dom.QuerySelectorAll("a"));
        Assert.Equal("Press the reset button for five seconds.", page.Text);
    }

    [Theory]
    [InlineData("<ins class=\"adsbygoogle\"/>")]
    [InlineData("<ins class=\"adsbygoogle\" data-ad-slot=\"1\" />")]
    [InlineData("<ins class=\"adsbygoogle\">")]   // never closed
    public void Self_closing_inline_ad_does_not_eat_the_rest_of_the_step(string ad)
    {
        var page = OnePage.Build($"1. Open the menu {ad} and choose **Settings**.\n2. Save.\n");
        Assert.Empty(page.Dom.QuerySelectorAll("ins"));
        Assert.Equal("Open the menu and choose Settings.", page.Dom.QuerySelector("li")!.TextContent.Replace("  ", " ").Trim());
    }

    [Fact]
    public void Closed_inline_ad_goes_with_its_content_and_nothing_else()
    {
        var page = OnePage.Build("1. Open the menu <ins class=\"adsbygoogle\">Buy now</ins> and choose **Settings**.\n");
        Assert.Equal("Open the menu and choose Settings.", page.Dom.QuerySelector("li")!.TextContent.Replace("  ", " ").Trim());
    }

    [Theory]
    [InlineData("> **Warning:** decommission the old server only after its affiliated domains are moved.")]
    [InlineData("> Disclaimer: I am not affiliated with Microsoft.")]
    [InlineData("> Note: the affiliated partner sites pay commissions to resellers.")]
    public void Quotes_that_only_contain_disclaimer_words_stay(string quote)
    {
        var page = OnePage.Build($"{quote}\n\nThen restart.\n");
        Assert.Single(page.Dom.QuerySelectorAll("blockquote"));
    }

    [Theory]
    [InlineData("> Disclaimer: This post includes affiliate links.\n>\n> If you buy, I may earn a commission.")]
    [InlineData("> **Disclaimer:** this page contains affiliate links")]
    [InlineData("> As an affiliate I earn a commission from qualifying purchases.")]
    public void Disclaimer_sentences_go_when_no_affiliate_link_is_left(string quote)
    {
        var page = OnePage.Build($"{quote}\n\nThen restart.\n");
        Assert.Empty(page.Dom.QuerySelectorAll("blockquote"));
        Assert.Equal("Then restart.", page.Text);
    }

    [Theory]
    [InlineData("Costs ${PATH:=x} nothing.", "Costs ${PATH:=x} nothing.")]
    [InlineData("Set {key=value} in the file.", "Set {key=value} in the file.")]
    [InlineData("Use {#id} or {.class} in prose.", "Use {#id} or {.class} in prose.")]
    public void Braces_in_prose_stay_text(string paragraph, string text)
    {
        var page = OnePage.Build(paragraph + "\n");
        Assert.Equal(text, page.Text);
        Assert.Null(page.Dom.QuerySelector("[id], [class], [key]"));
    }

    [Fact]
    public void Braces_in_the_middle_of_a_heading_stay_text()
    {
        var page = OnePage.Build("## Open {#settings} the settings panel\n\nText.\n");
        var h2 = page.Dom.QuerySelector("h2")!;
        Assert.Equal("Open {#settings} the settings panel", h2.TextContent);
        Assert.NotEqual("settings", h2.Id);
    }

    [Fact]
    public void Attributes_where_the_syntax_is_unambiguous_still_apply()
    {
        var page = OnePage.Build("## Open the panel {#panel}\n\n[other](other.md){.nocheck} and ![shot](images/shot.png){width=200}\n\n```sh {.wide}\nls\n```\n\n[top](#panel)\n");
        Assert.Equal("panel", page.Dom.QuerySelector("h2")!.Id);
        Assert.Equal("200", page.Dom.QuerySelector("img")!.GetAttribute("width"));
        Assert.Contains("wide", page.Dom.QuerySelector("pre, code")!.ParentElement!.OuterHtml);
        Assert.Empty(page.Rules("link.anchor"));
    }

    [Fact]
    public void Ad_removed_from_a_raw_html_table_cell_empties_the_cell()
    {
        var page = OnePage.Build("<table>\n<tr><th>Model</th><th>Deal</th><th>Price</th></tr>\n<tr><td>Lamp</td><td><a href=\"https://x.sjv.io/c/1/2/3\"><img src=\"https://a.impactradius-go.com/display-ad/1.jpg\"></a></td><td>20</td></tr>\n</table>\n");
        var cells = page.Dom.QuerySelectorAll("tr:last-child td").Select(td => td.TextContent).ToList();
        Assert.Equal(["Lamp", "", "20"], cells);
    }

    [Fact]
    public void Ad_removed_from_a_table_block_that_starts_with_a_cell_keeps_the_cells()
    {
        var page = OnePage.Build("<table>\n<tr>\n\n<td>Lamp</td><td><img src=\"https://a.impactradius-go.com/display-ad/1.jpg\"></td><td>20</td>\n\n</tr>\n</table>\n");
        Assert.Equal(["Lamp", "", "20"], page.Dom.QuerySelectorAll("td").Select(td => td.TextContent));
    }

    [Theory]
    [InlineData("<https://example.org/manual>", "https://example.org/manual")]
    [InlineData("&copy;", "©")]
    [InlineData("See[^1]", "See")]
    public void Paragraph_of_one_autolink_entity_or_footnote_reference_before_an_image_line_stays(string first, string text)
    {
        var page = OnePage.Build($"{first}\n![shot](images/shot.png)\n\n[^1]: The note.\n");
        Assert.Contains(text, page.Text);
        Assert.Single(page.Dom.QuerySelectorAll("img"));
    }

    [Fact]
    public void Heading_id_is_made_from_the_text_left_after_stripping()
    {
        var page = OnePage.Build("## Heading ![ad](https://a.impactradius-go.com/display-ad/1.jpg) keep\n\n[down](#heading-keep)\n");
        Assert.Equal("heading-keep", page.Dom.QuerySelector("h2")!.Id);
        Assert.Empty(page.Rules("link.anchor"));
    }
}
