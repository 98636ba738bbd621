using AngleSharp.Html.Parser;
using GuideBuilder.Building;
using GuideBuilder.Load;
using GuideBuilder.Strip;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary>
/// One post in the shape of a Japanese Hugo travel-and-gear blog, with every shape at once: ad shortcodes
/// and Liquid includes, content shortcodes, affiliate programs in every way of writing a URL, an offset
/// date and a long run of Japanese text. It builds with no ad element left, every affiliate link marked,
/// no shortcode shown as text without a warning, the author's own date, and a reading time within 30%
/// of characters / 500 a minute.
/// </summary>
public sealed class CopiedPostDoneTests
{
    private static readonly string[] Affiliate =
    [
        "https://www.booking.com/hotel/jp/kawa.html?aid=1234567",
        "https://www.getyourguide.com/kyoto-l96/tea-t99/?partner_id=AB12CD3",
        "https://safetywing.com/nomad-insurance?referenceID=24601",
        "https://www.viator.com/tours/Kyoto/Walk/d332-1P5?pid=P00012345",
        "https://kit.co/tabibito/camera-bag",
        "https://www.ebay.com/itm/123456789012?campid=5338000000",
        "https://ebay.us/Zx9Q",
        "https://ck.jp.ap.valuecommerce.com/servlet/referral?sid=1&pid=2",
        "https://amzn.to/3tabi",
        "https://www.amazon.co.jp/dp/B000000001?tag=tabibito-22",
        "https://www.bhphotovideo.com/c/product/1-REG/lens.html/BI/12/KBID/34",
    ];

    private static string Post()
    {
        var text = string.Concat(Enumerable.Repeat("京都の朝は静かで、川沿いを自転車で走るのが好きです。", 160));   // 25 characters a sentence
        return "---\ntitle: 京都の自転車旅\ndescription: d\ndate: 2018-12-04T00:00:00+09:00\nlang: ja\n---\n\n" +
            "{{< google-ads >}}\n\n" +
            "{% include ads/banner.html %}\n\n" +
            text + "\n\n" +
            $"Markdown: [宿]({Affiliate[0]}), reference: [ツアー][t], autolink: <{Affiliate[2]}>, bare: {Affiliate[3]} .\n\n" +
            $"<p>Raw: <a href=\"{Affiliate[4]}\">カメラバッグ</a> と <a href=\"{Affiliate[5]}\">中古レンズ</a>.</p>\n\n" +
            $"[短縮]({Affiliate[6]}) [VC]({Affiliate[7]}) <{Affiliate[8]}> [本]({Affiliate[9]}) [B&H]({Affiliate[10]})\n\n" +
            "{{< amzn B000000002 >}}\n\n" +
            "{{< cta-button url=\"https://www.amazon.co.jp/dp/B000000003?tag=tabibito-22\" text=\"価格をチェック\" >}}\n\n" +
            "{{< youtube aBcD1234EfG >}}\n\n" +
            "{{< gist tabibito 0123456789abcdef >}}\n\n" +
            "{{< img src=\"images/shot.png\" alt=\"川\" >}}\n\n" +
            "{{< tweet 1234567890 >}}\n\n" +
            $"[t]: {Affiliate[1]}\n";
    }

    [Fact]
    public void A_copied_post_with_every_shape_builds_clean_marked_dated_and_timed()
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n");
        site.WriteBytes("content/trips/images/shot.png", [0x89, 0x50, 0x4E, 0x47]);
        site.Write("content/trips/2018-12-04-kyoto.md", Post());
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var result = new SiteBuilder(config, new BuildOptions { Write = false, KeepHtml = true }).Build();
        var guide = Assert.Single(result.Guides);
        var page = new HtmlParser().ParseDocument(guide.Html!);
        var body = page.QuerySelector(".guide-body")!;

        // no element loads from an ad host; every link to one is marked
        foreach (var e in body.QuerySelectorAll("[src], [srcset], [poster]"))
        {
            Assert.False(StripRules.Default.IsAdUrl(e.GetAttribute("src")), e.OuterHtml);
        }
        foreach (var url in Affiliate)
        {
            var a = body.QuerySelectorAll("a").FirstOrDefault(x => x.GetAttribute("href") == url);
            Assert.True(a is not null, $"{url} is not linked\n{body.InnerHtml}");
            Assert.Equal("sponsored nofollow", a!.GetAttribute("rel"));
        }
        Assert.DoesNotContain(body.QuerySelectorAll("a"), a => StripRules.Default.IsAdUrl(a.GetAttribute("href")) && a.GetAttribute("rel") != "sponsored nofollow");
        Assert.DoesNotContain("tabibito-22", body.TextContent);
        Assert.DoesNotContain("価格をチェック", body.TextContent);

        // a shortcode shown as text has its warning; the known ones are converted
        var shown = result.Diagnostics.Where(d => d.Rule == "source.shortcode").ToList();
        Assert.True(shown.Count == 1, string.Join("\n", shown.Select(GuideBuilder.Diagnostics.ReportFormatter.Line)));
        Assert.True(body.TextContent.Contains("{{< tweet", StringComparison.Ordinal));
        Assert.Contains("tweet", Assert.Single(shown).Message);
        Assert.NotNull(body.QuerySelector("a[href='https://www.youtube.com/watch?v=aBcD1234EfG']"));
        Assert.NotNull(body.QuerySelector("a[href='https://gist.github.com/tabibito/0123456789abcdef']"));
        Assert.NotNull(body.QuerySelector("figure img[alt='川']"));

        // the author's date, not the UTC one
        Assert.Equal("2018-12-04", page.QuerySelector(".meta time")!.GetAttribute("datetime"));
        Assert.Equal("2018年12月4日", page.QuerySelector(".meta time")!.TextContent);

        // 4,000 characters of Japanese: 8 minutes at 500 a minute, within 30%
        Assert.InRange(guide.ReadingMinutes, 8 * 0.7, 8 * 1.3);
    }
}
