using AngleSharp.Html.Parser;
using GuideBuilder.Model;
using GuideBuilder.Strip;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary>
/// The built-in affiliate programs: each program's affiliate shape is an ad URL, and a plain link to
/// the same shop is not. URLs are made up in each program's shape.
/// </summary>
public sealed class AffiliateProgramTests
{
    [Theory]
    // travel
    [InlineData("https://www.booking.com/hotel/pt/casa-azul.html?aid=1234567&label=x", "https://www.booking.com/hotel/pt/casa-azul.html")]
    [InlineData("https://www.getyourguide.com/lisbon-l42/tram-tour-t1234/?partner_id=AB12CD3", "https://www.getyourguide.com/lisbon-l42/tram-tour-t1234/")]
    [InlineData("https://www.getyourguide.de/berlin-l17/?partner_id=AB12CD3&utm_medium=online_publisher", "https://www.getyourguide.de/berlin-l17/")]
    [InlineData("https://safetywing.com/nomad-insurance?referenceID=24601&utm_source=24601", "https://safetywing.com/nomad-insurance")]
    [InlineData("https://www.viator.com/tours/Porto/Douro-Valley/d26879-1234P5?pid=P00012345&mcid=42383", "https://www.viator.com/tours/Porto/Douro-Valley/d26879-1234P5")]
    [InlineData("https://www.agoda.com/partners/partnersearch.aspx?cid=1844104&hid=123", "https://www.agoda.com/hotel-sunrise/hotel/osaka-jp.html")]
    [InlineData("https://www.agoda.com/hotel-sunrise/hotel/osaka-jp.html?cid=1844104", "https://www.agoda.com/hotel-sunrise/hotel/osaka-jp.html?checkIn=2024-05-01")]
    [InlineData("https://www.klook.com/en-US/activity/1234-river-cruise/?aid=4321", "https://www.klook.com/en-US/activity/1234-river-cruise/")]
    [InlineData("https://affiliate.klook.com/redirect?aid=4321&k_site=x", "https://www.klook.com/")]
    [InlineData("https://expedia.com/affiliate/Ab12Cd3", "https://www.expedia.com/Lisbon-Hotels.d1234.Travel-Guide-Hotels")]
    [InlineData("https://www.expedia.co.uk/Hotel-Search?destination=Porto&affcid=network.abc.123", "https://www.expedia.co.uk/Hotel-Search?destination=Porto")]
    // shops
    [InlineData("https://kit.co/homelabber/rack-build", "https://kitchen.example.org/kit.co")]
    [InlineData("https://www.ebay.com/itm/123456789012?mkcid=1&campid=5338000000&toolid=10001", "https://www.ebay.com/itm/123456789012")]
    [InlineData("https://ebay.us/AbC123", "https://www.ebay.co.uk/itm/123456789012")]
    [InlineData("https://rover.ebay.com/rover/1/711-53200-19255-0/1?campid=5338000000", "https://www.ebay.de/b/Kameras/625/bn_1865273")]
    [InlineData("https://www.etsy.com/listing/1234567/linen-apron?utm_source=affiliate_window&utm_medium=affiliate&utm_campaign=x", "https://www.etsy.com/listing/1234567/linen-apron?ref=shop_home_active_1")]
    [InlineData("https://www.walmart.com/ip/Desk-Lamp/123456?irgwc=1&sourceid=imp_abc&veh=aff&wmlspartner=imp_123", "https://www.walmart.com/ip/Desk-Lamp/123456?athbdg=L1200")]
    [InlineData("https://bestbuy.7tiv.net/c/123456/614286/10014?u=https%3A%2F%2Fwww.bestbuy.com%2Fsite%2Fx", "https://www.bestbuy.com/site/usb-c-hub/6400000.p?skuId=6400000")]
    [InlineData("https://www.bhphotovideo.com/c/product/1234-REG/lens.html?BI=12345&KBID=67890", "https://www.bhphotovideo.com/c/buy/mirrorless-cameras/ci/16158")]
    [InlineData("https://www.bhphotovideo.com/c/product/1234-REG/fast_prime_lens.html/BI/12345/KBID/67890", "https://www.bhphotovideo.com/c/product/1234-REG/fast_prime_lens.html/specs")]
    [InlineData("https://www.newegg.com/p/N82E16800000000?cm_mmc=AFC-C8Junction-_-cables-_-na-_-na", "https://www.newegg.com/p/N82E16800000000?cm_sp=homepage_dailydeals")]
    [InlineData("https://www.amazon.co.jp/dp/B000000000?tag=examplejp-22", "https://www.amazon.co.jp/dp/B000000000")]
    [InlineData("https://www.amazon.com/dp/B000000000?ascsubtag=abc123", "https://www.amazon.com/gp/product/B000000000?th=1")]
    [InlineData("https://ws-na.assoc-amazon.com/widgets/q?ServiceVersion=20070822", "https://www.amazon.com/")]
    // networks
    [InlineData("https://www.qksrv.net/click-1234567-10123456", "https://www.example.org/qksrv.net")]
    [InlineData("https://www.emjcd.com/links-i/?url=x", "https://emjcd.example.org/")]
    [InlineData("https://www.tqlkg.com/click-1234567-10123456", "https://tqlkg.example.org/")]
    [InlineData("https://www.awltovhc.com/click-1234567-10123456", "https://awltovhc.example.org/")]
    [InlineData("https://www.lduhtrp.net/click-1234567-10123456", "https://lduhtrp.example.org/")]
    [InlineData("https://hb.afl.rakuten.co.jp/hgc/1a2b3c4d.5e6f7a8b/?pc=https%3A%2F%2Fitem.rakuten.co.jp%2Fshop%2Fx%2F", "https://item.rakuten.co.jp/shop/x/")]
    [InlineData("https://click.linksynergy.com/deeplink?id=AbCdEf&mid=12345&murl=https%3A%2F%2Fshop.example.org", "https://www.rakuten.com/")]
    [InlineData("https://go.redirectingat.com/?id=12345X678&url=https%3A%2F%2Fshop.example.org%2F", "https://shop.example.org/")]
    [InlineData("https://go.skimresources.com/?id=12345X678&url=https%3A%2F%2Fshop.example.org%2F", "https://skimlinks.example.org/")]
    [InlineData("https://prf.hn/click/camref:1100l3Abc/pubref:x/destination:https%3A%2F%2Fshop.example.org", "https://partnerize.example.org/")]
    [InlineData("https://www.awin1.com/cread.php?awinmid=1234&awinaffid=56789&ued=https%3A%2F%2Fshop.example.org", "https://www.awin.com/gb/publishers")]
    [InlineData("https://www.pntra.com/t/AbCdEf?url=https%3A%2F%2Fshop.example.org", "https://pepperjam.example.org/")]
    [InlineData("https://www.avantlink.com/click.php?tt=cl&mi=10000&pw=123456&url=https%3A%2F%2Fshop.example.org", "https://avantlink.example.org/")]
    [InlineData("https://clk.tradedoubler.com/click?p=1234&a=5678&g=0", "https://tradedoubler.example.org/")]
    [InlineData("https://ck.jp.ap.valuecommerce.com/servlet/referral?sid=1234567&pid=887654321", "https://www.valuecommerce.ne.jp.example.org/")]
    [InlineData("https://px.a8.net/svt/ejp?a8mat=3ABCDE+1A2B3C+1234+5678", "https://a8.example.org/")]
    [InlineData("https://af.moshimo.com/af/c/click?a_id=1234567&p_id=170&pc_id=185&pl_id=4062", "https://www.moshimo.com/")]
    [InlineData("https://h.accesstrade.net/sp/cc?rk=0100abcd00xyz", "https://accesstrade.example.org/")]
    // any shop: the landing says it came through an affiliate
    [InlineData("https://shop.example.org/p/desk-fan?utm_source=partner&utm_medium=affiliate", "https://shop.example.org/p/desk-fan?utm_medium=email")]
    public void Affiliate_shape_is_an_ad_url_and_a_plain_link_to_the_same_shop_is_not(string affiliate, string plain)
    {
        Assert.True(StripRules.Default.IsAdUrl(affiliate), $"not recognised as affiliate: {affiliate}");
        Assert.False(StripRules.Default.IsAdUrl(plain), $"a plain link taken for affiliate: {plain}");
    }

    [Fact]
    public void A_value_prefix_in_a_host_pattern_matches_only_that_value()
    {
        var rule = new HostRule("*.walmart.com?veh=aff");
        Assert.True(rule.Matches(WebUrl.Read("https://www.walmart.com/ip/1?veh=aff&x=1")));
        Assert.True(rule.Matches(WebUrl.Read("https://www.walmart.com/ip/1?VEH=AFF")));
        Assert.False(rule.Matches(WebUrl.Read("https://www.walmart.com/ip/1?veh=sem")));
        Assert.False(rule.Matches(WebUrl.Read("https://www.walmart.com/ip/1?vehicle=aff")));
        // the key alone still means any value
        Assert.True(new HostRule("*.booking.com?aid=").Matches(WebUrl.Read("https://www.booking.com/h.html?label=a&aid=1")));
    }

    [Fact]
    public void A_path_pattern_opening_with_two_stars_matches_its_segments_anywhere_in_the_path()
    {
        var rule = new HostRule("*.shop.example/**/BI/#/KBID/#");
        Assert.True(rule.Matches(WebUrl.Read("https://www.shop.example/c/product/1-REG/x.html/BI/12/KBID/34")));
        Assert.True(rule.Matches(WebUrl.Read("https://shop.example/BI/12/KBID/34")));
        Assert.False(rule.Matches(WebUrl.Read("https://www.shop.example/c/product/1-REG/x.html/BI/ab/KBID/34")));
        Assert.False(rule.Matches(WebUrl.Read("https://www.shop.example/c/product/BI/12")));
        Assert.False(rule.Matches(WebUrl.Read("https://www.other.example/x/BI/12/KBID/34")));
    }

    [Fact]
    public void Links_copied_from_a_travel_post_are_marked_and_the_plain_ones_are_not()
    {
        using var site = new TempSite();
        site.Write("content/travel/porto.md", "---\ntitle: Two Days in Porto\ndate: 2025-05-01\ndescription: d\n---\n\n" +
            "We slept at [Casa Azul](https://www.booking.com/hotel/pt/casa-azul.html?aid=1234567) near the river; " +
            "the [hotel's own page](https://www.booking.com/hotel/pt/casa-azul.html) has the photos.\n\n" +
            "Book the [Douro valley day](https://www.viator.com/tours/Porto/Douro/d26879-1P5?pid=P00012345) early, " +
            "and take [travel insurance](https://safetywing.com/nomad-insurance?referenceID=24601).\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var links = new HtmlParser().ParseDocument(site.ReadOutput("travel/porto/index.html")).QuerySelectorAll(".guide-body a")
            .ToDictionary(a => a.TextContent, a => a.GetAttribute("rel"));
        Assert.Equal("sponsored nofollow", links["Casa Azul"]);
        Assert.Null(links["hotel's own page"]);
        Assert.Equal("sponsored nofollow", links["Douro valley day"]);
        Assert.Equal("sponsored nofollow", links["travel insurance"]);
    }
}
