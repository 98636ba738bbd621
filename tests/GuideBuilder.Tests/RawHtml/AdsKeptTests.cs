namespace GuideBuilder.Tests.RawHtml;

/// <summary>Ad shapes written the ways browsers accept still go (hosts spelt oddly, banners, pixels sized any way).</summary>
public sealed class AdsKeptTests
{
    [Theory]
    [InlineData("<a href=\"https://x.sjv.io./c/1/2/3\"><img src=\"https://a.impactradius-go.com./display-ad/1.jpg\"></a>")]
    [InlineData("<a href=\"https://x.&#x73;jv.io/c/1/2/3\"><img src=\"https://a.impactradius-go&#46;com/display-ad/1.jpg\"></a>")]
    [InlineData("<a href=\"https://x.sj\nv.io/c/1/2/3\"><img src=\"https://a.impact\nradius-go.com/display-ad/1.jpg\"></a>")]
    [InlineData("<a href=\"//X.SJV.IO/c/1/2/3\"><img src=\"/\\a.impactradius-go.com/display-ad/1.jpg\"></a>")]
    [InlineData("<a href=\"https://x.%73jv.io/c/1/2/3\"><img src=\"https://a.impactradius-go.com/display-ad/1.jpg\"></a>")]
    public void Banner_on_an_oddly_spelt_ad_host_is_removed(string banner)
    {
        var page = OnePage.Build($"Before the banner.\n\n{banner}\n\nAfter the banner.\n");
        Assert.Empty(page.Dom.QuerySelectorAll("a, img"));
        Assert.Equal("Before the banner. After the banner.", page.Text);
    }

    [Theory]
    [InlineData("Open the lid <img src=\"https://x.sjv.io./i/1/2/3\" width=0 height=0> and look.")]
    [InlineData("Open the lid <img src=\"https://x.&#x73;jv.io/i/1/2/3\"> and look.")]
    public void Inline_ad_image_on_an_oddly_spelt_host_is_removed(string paragraph)
    {
        var page = OnePage.Build(paragraph + "\n");
        Assert.Empty(page.Dom.QuerySelectorAll("img"));
        Assert.Equal("Open the lid and look.", page.Text);
    }

    [Fact]
    public void Markdown_banner_loses_its_ad_image_and_its_link()
    {
        var page = OnePage.Build("Pick a lamp.\n\n[![Buy](https://a.impactradius-go.com/display-ad/1.jpg)](https://lamps.sjv.io/c/1/2/3)\n\nThen plug it in.\n");
        Assert.Empty(page.Dom.QuerySelectorAll("a, img"));
        Assert.DoesNotContain("Buy", page.Text);
        Assert.Equal("Pick a lamp. Then plug it in.", page.Text);
    }

    [Fact]
    public void Affiliate_link_with_words_and_an_ad_image_keeps_the_words_not_the_image()
    {
        var page = OnePage.Build("Get [the Deskmate lamp ![ad](https://a.impactradius-go.com/display-ad/1.jpg)](https://lamps.sjv.io/c/1/2/3) today.\n");
        var a = Assert.Single(page.Dom.QuerySelectorAll("a"));
        Assert.Equal("sponsored nofollow", a.GetAttribute("rel"));
        Assert.Empty(page.Dom.QuerySelectorAll("img"));
        Assert.Equal("Get the Deskmate lamp today.", page.Text);
    }

    [Theory]
    [InlineData("<img src=\"https://pixel.tracker.example/p.gif\" width=1 height=1>")]
    [InlineData("<img src='https://pixel.tracker.example/p.gif' width='1' height='1'>")]
    [InlineData("<img src=\"https://pixel.tracker.example/p.gif\" width=\"1px\" height=\"1px\">")]
    [InlineData("<img src=\"https://pixel.tracker.example/p.gif\" style=\"width:1px;height:1px\">")]
    [InlineData("<img src=\"https://pixel.tracker.example/p.gif\" style=\"WIDTH: 0\">")]
    [InlineData("<img src=\"//pixel.tracker.example/p.gif\" width=\" 0\">")]
    [InlineData("<img src=\"https://pixel.tracker.example/p.gif\" hidden>")]
    [InlineData("<img src=\"https://pixel.tracker.example/p.gif\" style=\"display : none\">")]
    [InlineData("![](https://pixel.tracker.example/p.gif){width=1 height=1}")]
    [InlineData("![](https://pixel.tracker.example/p.gif){style=\"width:1px;height:1px\"}")]
    public void Tracking_pixels_are_found_by_size_as_browsers_read_it(string pixel)
    {
        var page = OnePage.Build($"Close the lid.\n\n{pixel}\n\nOpen it again. {pixel} Done.\n");
        Assert.Empty(page.Dom.QuerySelectorAll("img"));
        Assert.Equal("Close the lid. Open it again. Done.", page.Text);
    }

    [Theory]
    [InlineData("<img src=\"https://images.example.net/diagram.png\" width=\"100%\" alt=\"diagram\">")]
    [InlineData("<img src=\"https://images.example.net/diagram.png\" width=\"10\" alt=\"diagram\">")]
    [InlineData("<img src=\"images/shot.png\" width=\"1\" alt=\"diagram\">")]
    [InlineData("![diagram](https://images.example.net/diagram.png){width=120}")]
    public void Small_but_real_images_stay(string image)
    {
        var page = OnePage.Build($"See the figure.\n\n{image}\n");
        Assert.Single(page.Dom.QuerySelectorAll("img"));
    }
}
