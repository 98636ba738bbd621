namespace GuideBuilder.Tests.RawHtml;

/// <summary>
/// Links and ids of raw HTML are read from the parsed elements: every URL the page loads or follows is
/// checked and rewritten for the <c>&lt;dir&gt;/&lt;name&gt;/index.html</c> layout, and only ids the
/// published page keeps are anchor targets.
/// </summary>
public sealed class PublishedPageTests
{
    [Theory]
    [InlineData("<img src=\"images/shot.png\" srcset=\"images/shot.png 1x, images/shot.png 2x\" alt=\"s\">", "img", "srcset", "../images/shot.png 1x, ../images/shot.png 2x")]
    [InlineData("<picture><source srcset=\"images/shot.png\" type=\"image/png\"><img src=\"images/shot.png\" alt=\"s\"></picture>", "source", "srcset", "../images/shot.png")]
    [InlineData("<video src=\"images/shot.png\" poster=\"images/shot.png\"></video>", "video", "poster", "../images/shot.png")]
    [InlineData("<audio src=\"images/shot.png\"></audio>", "audio", "src", "../images/shot.png")]
    [InlineData("<video><track src=\"images/shot.png\" kind=\"captions\"></video>", "track", "src", "../images/shot.png")]
    [InlineData("<img\n  alt=\"a > b\"\n  src=\"images/shot.png\">", "img", "src", "../images/shot.png")]
    [InlineData("<a title=\"x>y\" href=\"other.md#target\">other</a>", "a", "href", "../other/#target")]
    public void Every_url_attribute_is_rewritten_for_the_published_layout(string html, string element, string attribute, string published)
    {
        var page = OnePage.Build($"Look:\n\n{html}\n\nDone.\n");
        Assert.DoesNotContain(page.Diagnostics, d => d.Rule.StartsWith("link.", StringComparison.Ordinal));
        Assert.Equal(published, page.Dom.QuerySelector(element)!.GetAttribute(attribute));
    }

    [Theory]
    [InlineData("<img src=\"images/shot.png\" srcset=\"images/gone.png 2x\" alt=\"s\">", 3)]
    [InlineData("<picture>\n<source srcset=\"images/gone.png\">\n<img src=\"images/shot.png\" alt=\"s\">\n</picture>", 4)]
    [InlineData("<video src=\"images/shot.png\" poster=\"images/gone.png\"></video>", 3)]
    [InlineData("<audio src=\"images/gone.png\"></audio>", 3)]
    [InlineData("<video>\n<track src=\"images/gone.png\">\n</video>", 4)]
    [InlineData("<img\n  alt=\"a > b\"\n  src=\"images/gone.png\">", 5)]
    [InlineData("Inline <img alt=\"a > b\" src=\"images/gone.png\"> image.", 3)]
    public void A_missing_file_in_any_url_attribute_is_reported_at_its_line(string html, int line)
    {
        var page = OnePage.Build($"Look:\n\n{html}\n\nDone.\n");
        var d = Assert.Single(page.Diagnostics, d => d.Rule == "link.asset");
        Assert.Contains("images/gone.png", d.Message);
        Assert.Equal(line + 5, d.Location.Line);   // five lines of front matter and a blank line come first
    }

    [Theory]
    [InlineData("<!-- <span id=\"old\"></span> -->")]
    [InlineData("<nav id=\"old\">Menu</nav>")]
    [InlineData("<aside id=\"old\">Aside</aside>")]
    [InlineData("<button id=\"old\">Press</button>")]
    [InlineData("<script id=\"x\">var s = '<span id=\"old\"></span>';</script>")]
    [InlineData("Text <header id=\"old\">inline</header> here.")]
    public void Ids_the_published_page_does_not_have_are_not_anchor_targets(string html)
    {
        var page = OnePage.Build($"{html}\n\n[jump](#old)\n");
        Assert.Single(page.Rules("link.anchor"));
        Assert.Null(page.Dom.QuerySelector("#old"));
    }

    [Theory]
    [InlineData("<div id=\"kept\">Text</div>")]
    [InlineData("<p>\n<span\n  id=\"kept\">Text</span>\n</p>")]
    [InlineData("Text <span id=\"kept\">inline</span> here.")]
    public void Ids_the_published_page_has_are_anchor_targets(string html)
    {
        var page = OnePage.Build($"{html}\n\n[jump](#kept)\n");
        Assert.Empty(page.Rules("link.anchor"));
        Assert.NotNull(page.Dom.QuerySelector("#kept"));
    }

    [Fact]
    public void The_footnote_ids_the_page_renders_are_anchor_targets()
    {
        var page = OnePage.Build("A claim.[^1]\n\n[to the note](#fn:1) and [back](#fnref:1)\n\n[^1]: The note.\n");
        Assert.Empty(page.Rules("link.anchor"));
        Assert.NotNull(page.Dom.QuerySelector("[id='fn:1']"));
        Assert.NotNull(page.Dom.QuerySelector("[id='fnref:1']"));
    }

    [Fact]
    public void A_removed_style_is_reported_at_the_line_of_its_attribute()
    {
        var page = OnePage.Build("<b>Bold</b> first.\n\nSome text.\n\n<p style=\"posit&#105;on: absolute\">Moved</p>\n");
        var d = Assert.Single(page.Rules("html.unsafe"));
        Assert.StartsWith("content/w/page.md:10:", d);
    }

    [Theory]
    // the same words earlier on the page, in a code span and in prose, are not the place
    [InlineData("Never write `<span onclick=\"go()\">` in a guide.\n\nText <span onclick=\"go()\">here</span>.\n", 8)]
    [InlineData("The `iframe` tag and `<iframe src=\"https://tracker.example.net/ad\">` are explained below.\n\n<iframe src=\"https://tracker.example.net/ad\"></iframe>\n", 8)]
    // an attribute on a later line of its tag is reported at that line
    [InlineData("<div\n  class=\"box\"\n  onmouseover=\"go()\">Box</div>\n", 8)]
    [InlineData("<p>One</p>\n\n<p>Two <b\nstyle=\"display: none\">hidden</b></p>\n", 9)]
    // a Markdown link and a generic attribute are found where they are written
    [InlineData("Intro.\n\nSee [the docs](#top){onclick=\"go()\"} now.\n", 8)]
    public void Sanitizer_findings_are_reported_where_the_parser_found_them(string markdown, int line)
    {
        var page = OnePage.Build(markdown);
        var d = Assert.Single(page.Diagnostics, d => d.Rule == "html.unsafe");
        Assert.Equal(line, d.Location.Line);
    }
}

/// <summary>A figure made from a shortcode is a page's image like any other: checked, and rewritten for the published layout.</summary>
public sealed class ShortcodeFigureLinkTests
{
    [Fact]
    public void A_figure_shortcode_image_is_rewritten_for_the_published_layout()
    {
        var page = OnePage.Build("Intro.\n\n{{< figure src=\"images/shot.png\" alt=\"A shot\" caption=\"The shot\" >}}\n");
        Assert.DoesNotContain(page.Diagnostics, d => d.Rule.StartsWith("link.", StringComparison.Ordinal));
        Assert.Equal("../images/shot.png", page.Dom.QuerySelector("figure img")!.GetAttribute("src"));
    }

    [Fact]
    public void A_figure_shortcode_image_that_is_missing_is_reported_at_its_line()
    {
        var page = OnePage.Build("Intro.\n\n{{< figure src=\"images/gone.png\" alt=\"A shot\" >}}\n");
        var d = Assert.Single(page.Diagnostics, d => d.Rule == "link.asset");
        Assert.Equal(8, d.Location.Line);
    }
}
