using System.Text;
using AngleSharp.Html.Parser;
using GuideBuilder.Building;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.RawHtml;

/// <summary>
/// Random pages built from content and ad pieces in random order and nesting go through the whole
/// pipeline; every word outside an ad must be on the published body, and no ad host may load or be
/// linked without <c>rel="sponsored"</c>. Fixed seed and 240 pages in the suite; run longer with
/// <c>GUIDEBUILDER_PROPERTY_PAGES=5000 GUIDEBUILDER_PROPERTY_SEED=7 dotnet test --filter NoWordLostPropertyTests</c>.
/// </summary>
public sealed class NoWordLostPropertyTests
{
    private static readonly string[] AdHosts = ["sjv.io", "impactradius-go.com", "amzn.to", "googlesyndication.com", "pxf.io", "amazon-adsystem.com"];

    [Fact]
    public void Every_content_word_survives_and_no_ad_host_does()
    {
        var pages = int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_PROPERTY_PAGES"), out var p) ? p : 240;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_PROPERTY_SEED"), out var s) ? s : 19;
        var random = new Random(seed);
        var failures = new List<string>();
        for (var batch = 0; batch * 40 < pages && failures.Count == 0; batch++)
        {
            using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\nrules:\n  link.anchor: off\n  link.broken: off\n  link.asset: off\n");
            var want = new Dictionary<string, (string Markdown, HashSet<string> Words)>();
            for (var i = 0; i < Math.Min(40, pages - batch * 40); i++)
            {
                var words = new HashSet<string>();
                var md = Page(random, words);
                var name = $"p{batch}x{i}";
                site.Write($"content/g/{name}.md", "---\ntitle: Page\ndescription: d\n---\n\n" + md);
                want[name] = (md, words);
            }
            var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
            var result = new SiteBuilder(config, new BuildOptions { Write = false, KeepHtml = true }).Build();
            foreach (var guide in result.Guides)
            {
                var name = Path.GetFileNameWithoutExtension(guide.Source.ContentRelativePath);
                var body = new HtmlParser().ParseDocument("<body>" + guide.ContentHtml + "</body>").Body!;
                var text = body.TextContent;
                var lost = want[name].Words.Where(w => !text.Contains(w, StringComparison.Ordinal)).ToList();
                if (lost.Count > 0) failures.Add($"{name}: lost {string.Join(", ", lost)}\n--- source ---\n{want[name].Markdown}\n--- body ---\n{guide.ContentHtml}");
                foreach (var e in body.QuerySelectorAll("*"))
                {
                    foreach (var attr in e.Attributes)
                    {
                        // as a browser reads it: tabs and newlines inside a URL are dropped
                        var value = attr.Value.Replace("\n", "").Replace("\t", "").Replace("\r", "");
                        var ad = AdHosts.FirstOrDefault(h => value.Contains(h, StringComparison.OrdinalIgnoreCase));
                        if (ad is null) continue;
                        if (e.LocalName == "a" && attr.Name == "href" && (e.GetAttribute("rel") ?? "").Contains("sponsored")) continue;
                        failures.Add($"{name}: ad host {ad} kept in <{e.LocalName} {attr.Name}>\n--- source ---\n{want[name].Markdown}\n--- body ---\n{guide.ContentHtml}");
                    }
                }
                if (body.QuerySelector(".adsbygoogle") is not null) failures.Add($"{name}: AdSense unit kept");
                if (body.QuerySelector("script, iframe") is not null) failures.Add($"{name}: a script or iframe kept\n--- source ---\n{want[name].Markdown}\n--- body ---\n{guide.ContentHtml}");
                if (text.Contains("{{<", StringComparison.Ordinal) && text.Contains("amzn", StringComparison.Ordinal)) failures.Add($"{name}: an ad shortcode printed as text");
            }
            Assert.True(result.Guides.Count == want.Count, $"only {result.Guides.Count} of {want.Count} pages built");
        }
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} failures; first:\n{failures.FirstOrDefault()}");
    }

    private static string Page(Random r, HashSet<string> words)
    {
        var sb = new StringBuilder();
        var blocks = r.Next(3, 9);
        for (var b = 0; b < blocks; b++)
        {
            sb.Append(r.Next(26) switch
            {
                12 => $"1. {Word(r, words)} <!-- ad begin -->[{Word(r, null)}](https://x.sjv.io/c/1)<!-- ad end --> {Word(r, words)}\n2. {Prose(r, words, inlineAds: true)}\n",
                13 => $"| {Word(r, words)} | {Word(r, words)} |\n|---|---|\n| {Word(r, words)} <!-- ad begin -->[{Word(r, null)}](https://x.sjv.io/c/2)<!-- ad end --> | {Word(r, words)} |\n| {Word(r, words)} | {Word(r, words)} |\n",
                14 => $"Use `<!-- ad begin -->` {Word(r, words)} and `<!-- ad end -->` {Word(r, words)}.\n",
                15 => $"<!-- ads begin -->[![ad](https://a.impactradius-go.com/x.jpg)](https://x.sjv.io/c/3)<!-- ads end --> {Word(r, words)} {Word(r, words)}\n",
                16 => $"```{Word(r, words)}``` {Word(r, words)}\n\n<!-- ads begin -->\n<a href=\"https://x.sjv.io/c/4\">{Word(r, null)}</a>\n<!-- ads end -->\n",
                17 => $"> **Warning:** {Word(r, words)} only after its affiliated {Word(r, words)} are moved.\n",
                18 => $"<https://example.org/{Word(r, words)}>\n![shot](images/shot.png)\n",
                19 => $"<a href=\"https://x.sjv.io./c/5\"><img src=\"https://a.impactradius-go.com./y.jpg\"></a> {Word(r, words)}\n",
                20 => $"<div>\n<a href=\"https://x.sj\nv.io/c/6\"><img src=\"https://a.impactradius-go.com/z.jpg\"></a>\n<p>{Word(r, words)}</p>\n</div>\n",
                21 => $"<img src=\"https://px.pxf.io/i/9\" style=\"width:1px;height:1px\"> {Word(r, words)}\n",
                22 => "<script type=\"text/javascript\">amzn_assoc_placement = \"adunit0\";</script>\n<iframe src=\"//ws-na.amazon-adsystem.com/widgets/q?x=1\"></iframe>\n",
                23 => $"{Word(r, words)} {{{{< amzn B0{r.Next(1000)} >}}}} {Word(r, words)}\n\n{{{{< cta-button url=\"https://www.amazon.com/dp/B0?tag=x-20\" text=\"{Word(r, null)}\" >}}}}\n",
                24 => $"- {Word(r, words)}\n  > {Prose(r, words, inlineAds: true)}\n- <span>{Word(r, words)} <a href=\"https://amzn.to/3q\">{Word(r, words)}</a></span>\n",
                25 => $"{{% include ads.html %}}\n\n## {Word(r, words)} {{#{Word(r, null)}}}\n\n{Word(r, words)} {{{{% highlight sh %}}}}\n",
                0 => "## " + Prose(r, words, inlineAds: false) + " " + Word(r, words) + "\n",   // {#x} at the end would be the heading's id
                1 => string.Concat(Enumerable.Range(1, r.Next(1, 4)).Select(n => $"{n}. {Prose(r, words, inlineAds: true)}\n")),
                2 => $"> {Prose(r, words, inlineAds: true)}\n",
                3 => $"<div class=\"tip\">\n{Prose(r, words, inlineAds: false)} <a href=\"javascript:void(0)\">{Word(r, words)}</a>\n</div>\n",
                4 => $"<table>\n<tr><td>{Word(r, words)}</td><td><a href=\"https://x.sjv.io/c/1/2/3\"><img src=\"https://a.impactradius-go.com/display-ad/1.jpg\"></a></td><td>{Word(r, words)}</td></tr>\n</table>\n",
                5 => $"<!-- affiliate ads begin -->\n<a href=\"https://x.sjv.io/c/1/2/3\"><img src=\"//a.impactradius-go.com/display-ad/2.jpg\"></a>\n<!-- affiliate ads end -->\n",
                6 => "<ins class=\"adsbygoogle\" style=\"display:block\" data-ad-client=\"ca-pub-1\"></ins>\n",
                7 => "[![Buy](https://a.impactradius-go.com/display-ad/3.jpg)](https://x.sjv.io./c/1/2/3)\n",
                8 => $"<img src=\"https://px.pxf.io/i/1/2/3\" width={Pick(r, "1", "'1'", "\"1px\"", "0")} height=1>\n",
                9 => $"{Prose(r, words, inlineAds: true)}\n![shot](images/shot.png)\n",
                10 => "> Disclaimer: This post includes affiliate links.\n",
                _ => Prose(r, words, inlineAds: true) + "\n",
            });
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Prose(Random r, HashSet<string> words, bool inlineAds)
    {
        var parts = new List<string>();
        var n = r.Next(2, 7);
        for (var i = 0; i < n; i++)
        {
            var piece = r.Next(inlineAds ? 14 : 7) switch
            {
                0 => $"**{Word(r, words)}**",
                1 => $"`{Word(r, words)}`",
                2 => $"${{{Word(r, words)}:={Word(r, words)}}}",
                3 => $"{{#{Word(r, words)}}}",
                4 => $"[{Word(r, words)}](https://example.org/{Word(r, null)})",
                7 => $"[{Word(r, words)} {Word(r, words)}](https://x.sjv.io/c/1/2/3)",
                8 => $"<a href=\"https://amzn.to/3abc\">{Word(r, words)}</a>",
                9 => "<ins class=\"adsbygoogle\"/>",
                10 => $"<img src=\"https://x.&#x73;jv.io/i/1/2/3\" width={Pick(r, "1", "0", "'1'")} height=1>",
                11 => $"[{Word(r, words)}](javascript:void(0))",
                12 => $"<a href=\"https://shop.example.com/order/?AFFILIATE=1\">{Word(r, words)}</a>",
                13 => "![ad](https://a.impactradius-go.com/display-ad/4.jpg)",
                _ => Word(r, words),
            };
            parts.Add(piece);
        }
        return string.Join(' ', parts);
    }

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ren", "tu", "vas", "qui", "zor", "pel", "dun", "fia", "gro"];

    private static string Word(Random r, HashSet<string>? words)
    {
        var w = string.Concat(Enumerable.Range(0, r.Next(3, 5)).Select(_ => Syllables[r.Next(Syllables.Length)]));
        words?.Add(w);
        return w;
    }

    private static string Pick(Random r, params string[] options) => options[r.Next(options.Length)];
}
