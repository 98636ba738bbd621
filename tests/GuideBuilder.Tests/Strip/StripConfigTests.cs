using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary>site.yml <c>strip:</c> extends or switches off the built-in rules entry by entry.</summary>
public sealed class StripConfigTests
{
    private const string AffiliateProse = "Grab the [Deskmate lamp](https://lamps.sjv.io/c/1234567/42/43) before the sale ends.\n";

    private static (CliRun Run, AngleSharp.Dom.IElement Body) Build(string strip, string body)
    {
        using var site = new TempSite("title: Config\nbase_url: https://guides.example.org/\n" + strip);
        site.Write("content/g/page.md", "---\ntitle: Configured Page\ndate: 2025-01-01\n---\n\n" + body);
        var run = site.Run("build", "--format", "json");
        var html = site.OutputExists("g/page/index.html") ? site.ReadOutput("g/page/index.html") : "";
        return (run, new HtmlParser().ParseDocument(html).QuerySelector(".guide-body")!);
    }

    [Fact]
    public void Site_hosts_selectors_and_markers_extend_the_defaults()
    {
        var (run, body) = Build(
            "strip:\n  hosts: [\"*.adnet.example/click/\"]\n  selectors: [\".sponsor-box\"]\n  markers:\n    - begin: \"promo start\"\n      end: \"promo stop\"\n",
            "Intro line.\n\n<a href=\"https://go.adnet.example/click/9\"><img src=\"https://cdn.example.org/banner.png\"></a>\n\n" +
            "Read the [lamp review](https://go.adnet.example/click/10) first.\n\n<div class=\"sponsor-box\">Lamps from 9.99</div>\n\n" +
            "<!-- PROMO  start -->\nSummer promo text.\n<!-- promo stop -->\n\nOutro line.\n");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(body.QuerySelectorAll("img, .sponsor-box"));
        Assert.DoesNotContain("Summer promo", body.TextContent);
        var link = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal(("lamp review", "sponsored nofollow"), (link.TextContent, link.GetAttribute("rel")));
        Assert.Contains("Outro line.", body.TextContent);
    }

    [Fact]
    public void Affiliate_links_are_marked_by_default()
    {
        var (_, body) = Build("", AffiliateProse);
        var a = Assert.Single(body.QuerySelectorAll("a"));
        Assert.Equal("sponsored nofollow", a.GetAttribute("rel"));
        Assert.Equal("Grab the Deskmate lamp before the sale ends.", body.TextContent.Trim());
    }

    [Fact]
    public void Affiliate_links_unwrap_keeps_the_text()
    {
        var (_, body) = Build("strip:\n  affiliate_links: unwrap\n", AffiliateProse);
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.Equal("Grab the Deskmate lamp before the sale ends.", body.TextContent.Trim());
    }

    [Fact]
    public void Affiliate_links_remove_drops_link_and_text()
    {
        var (_, body) = Build("strip:\n  affiliate_links: remove\n", AffiliateProse);
        Assert.Empty(body.QuerySelectorAll("a"));
        Assert.DoesNotContain("Deskmate", body.TextContent);
        Assert.Contains("before the sale ends.", body.TextContent);
    }

    [Fact]
    public void Disabled_entries_are_switched_off()
    {
        var (_, body) = Build("strip:\n  disable: [\"tools.techidaily.com\", \"disclaimer\"]\n",
            "> Disclaimer: This post includes affiliate links\n\nSee the [vendor page](https://tools.techidaily.com/acme/products/).\n");
        Assert.Equal("https://tools.techidaily.com/acme/products/", body.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(body.QuerySelector("blockquote"));
    }

    [Fact]
    public void A_bad_affiliate_links_value_is_a_configuration_error()
    {
        var (run, _) = Build("strip:\n  affiliate_links: hide\n", "Text.\n");
        Assert.Equal(2, run.ExitCode);
    }
}
