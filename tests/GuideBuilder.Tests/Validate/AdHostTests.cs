using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Validate;

/// <summary>
/// <c>link.ad-host</c>: a link to an ad or affiliate host that is still on the page after stripping
/// is reported where it is written; one the strip pass removed, unwrapped or marked is not.
/// </summary>
public sealed class AdHostTests
{
    private const string FrontMatter = "---\ntitle: Ad Host Page\ndescription: Links to ad hosts\n---\n\n";

    private static IReadOnlyList<(string Rule, string File, int Line, int Column, string Severity, string Message)> Check(string strip, string body)
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n" + strip);
        site.Write("content/w/page.md", FrontMatter + body);
        return site.Run("check", "--format", "json").Diagnostics();
    }

    [Theory]
    [InlineData("strip:\n  enabled: false\n", "Buy the [Deskmate lamp](https://lamps.sjv.io/c/1/2/3) today.\n", 9)]
    [InlineData("strip:\n  enabled: false\n", "Banner: ![Lamp sale](https://a.impactradius-go.com/display-ad/1-2.png)\n", 9)]
    [InlineData("strip:\n  enabled: false\n", "Plain https://lamps.sjv.io/c/1/2/3 in text.\n", 7)]
    [InlineData("strip:\n  enabled: false\n", "See <https://lamps.sjv.io/c/1/2/3> for the lamp.\n", 5)]
    [InlineData("strip:\n  enabled: false\n", "Buy it <a href=\"https://lamps.sjv.io/c/1/2/3\">here</a> today.\n", 11)]
    [InlineData("strip:\n  enabled: false\n", "<p>Buy it at <a class=\"x\" href='https://lamps.sjv.io/c/1/2/3'>the shop</a>.</p>\n", 27)]
    public void A_surviving_ad_link_is_reported_where_it_is_written(string strip, string body, int column)
    {
        var d = Assert.Single(Check(strip, body));
        Assert.Equal(("link.ad-host", "content/w/page.md", 6, column, "warning"), (d.Rule, d.File, d.Line, d.Column, d.Severity));
        Assert.Contains("sjv.io", d.Message.Replace("impactradius-go.com", "sjv.io"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Buy the [Deskmate lamp](https://lamps.sjv.io/c/1/2/3) today.\n")]                     // marked rel="sponsored nofollow"
    [InlineData("strip:\n  affiliate_links: unwrap\n", "Buy the [Deskmate lamp](https://lamps.sjv.io/c/1/2/3) today.\n")]
    [InlineData("strip:\n  affiliate_links: remove\n", "Buy the [Deskmate lamp](https://lamps.sjv.io/c/1/2/3) today.\n")]
    [InlineData("", "See <https://lamps.sjv.io/c/1/2/3> for the lamp.\n")]                                      // autolinks too
    [InlineData("strip:\n  affiliate_links: unwrap\n", "See <https://lamps.sjv.io/c/1/2/3> for the lamp.\n")]
    [InlineData("strip:\n  affiliate_links: remove\n", "See <https://lamps.sjv.io/c/1/2/3> for the lamp.\n")]
    [InlineData("", "Text.\n\n![Lamp sale](https://a.impactradius-go.com/display-ad/1-2.png)\n\nMore text.\n")]
    [InlineData("", "Text.\n\n<a href=\"https://lamps.sjv.io/c/1/2/3\"><img src=\"https://a.impactradius-go.com/display-ad/1-2\"></a>\n\nMore text.\n")]
    [InlineData("strip:\n  disable: [\"*.sjv.io/c/\", \"*.sjv.io\"]\n", "The [Deskmate lamp](https://lamps.sjv.io/c/1/2/3) link.\n")]
    [InlineData("strip:\n  enabled: false\n", "Buy it <a href=\"https://lamps.sjv.io/c/1/2/3\" rel=\"sponsored\">here</a> today.\n")]   // declared by its author
    public void An_ad_link_the_strip_pass_handled_is_not_reported(string strip, string body)
    {
        Assert.DoesNotContain(Check(strip, body), d => d.Rule == "link.ad-host");
    }
}
