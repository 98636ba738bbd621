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
    private static readonly string[] AdHosts = ["sjv.io", "impactradius-go.com", "amzn.to", "googlesyndication.com", "pxf.io"];

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
                        var ad = AdHosts.FirstOrDefault(h => attr.Value.Contains(h, StringComparison.OrdinalIgnoreCase));
                        if (ad is null) continue;
                        if (e.LocalName == "a" && attr.Name == "href" && (e.GetAttribute("rel") ?? "").Contains("sponsored")) continue;
                        failures.Add($"{name}: ad host {ad} kept in <{e.LocalName} {attr.Name}>\n--- source ---\n{want[name].Markdown}\n--- body ---\n{guide.ContentHtml}");
                    }
                }
                if (body.QuerySelector(".adsbygoogle") is not null) failures.Add($"{name}: AdSense unit kept");
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
            sb.Append(r.Next(12) switch
            {
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
