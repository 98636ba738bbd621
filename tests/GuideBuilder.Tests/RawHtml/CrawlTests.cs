using AngleSharp.Html.Parser;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.RawHtml;

/// <summary>
/// What <c>check</c> approves, the published site serves, and what the site serves broken, <c>check</c>
/// names: a site whose guides use every link attribute the body may hold (<c>href</c>, <c>src</c>,
/// <c>srcset</c> of img and source, <c>poster</c>, audio and track <c>src</c>, figure shortcodes, fragments to
/// ids in raw HTML, headings and footnotes) is written, then every file of the output is crawled as a
/// browser would follow it. A clean build leaves no dead link; each dead one in the source is one error.
/// </summary>
public sealed class CrawlTests
{
    private const string Media =
        "See [the other page](other.md#target), [a kept id](#kept) and [the note](#fn:1).[^1]\n\n" +
        "<p><a href=\"other.md#target\">raw link</a> and <a href=\"#kept\">raw fragment</a>.</p>\n\n" +
        "<span id=\"kept\">Kept</span>\n\n" +
        "<img src=\"images/{0}.png\" srcset=\"images/{0}.png 1x, images/{0}.png 2x\" alt=\"a\">\n\n" +
        "<picture>\n<source srcset=\"images/{0}.png\" type=\"image/png\">\n<img src=\"images/shot.png\" alt=\"b\">\n</picture>\n\n" +
        "<video src=\"images/{0}.png\" poster=\"images/{0}.png\"></video>\n\n" +
        "<audio src=\"images/{0}.png\"></audio>\n\n" +
        "<video>\n<track src=\"images/{0}.png\" kind=\"captions\">\n</video>\n\n" +
        "{{{{< figure src=\"images/{0}.png\" alt=\"c\" >}}}}\n\n" +
        "![shot](images/{0}.png)\n\n" +
        "[^1]: The note.\n";

    /// <summary>Builds the site (a dead file demoted to a warning, so the site is written and can be crawled); its link findings and the crawl's.</summary>
    private static (List<Diagnostic> Findings, List<string> Dead) BuildAndCrawl(string image)
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\nrules:\n  link.asset: warning\n");
        site.Write("content/w/other.md", "---\ntitle: Other\ndescription: d\n---\n\n## Target\n\nText.\n");
        site.WriteBytes("content/w/images/shot.png", [0x89, 0x50, 0x4E, 0x47]);
        site.Write("content/w/page.md", "---\ntitle: Page\ndescription: d\n---\n\n" + string.Format(Media, image));
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var result = new SiteBuilder(config, new BuildOptions { Write = true, NoLedger = true }).Build();
        var findings = result.Diagnostics.Where(d => d.Severity == Severity.Error || d.Rule.StartsWith("link.", StringComparison.Ordinal)).ToList();
        Assert.True(File.Exists(Path.Combine(site.Output, "w", "page", "index.html")), "the site was not written");
        return (findings, Crawl(site.Output));
    }

    /// <summary>Every relative URL in every attribute a browser follows or loads, on every page of the output, that leads nowhere.</summary>
    private static List<string> Crawl(string output)
    {
        var dead = new List<string>();
        var parser = new HtmlParser();
        var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal);
        var ids = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        HashSet<string> IdsOf(string file) => ids.TryGetValue(file, out var s) ? s : ids[file] =
            parser.ParseDocument(File.ReadAllText(Path.Combine(output, file))).QuerySelectorAll("[id]").Select(e => e.Id!).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.EndsWith(".html", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var doc = parser.ParseDocument(File.ReadAllText(Path.Combine(output, file)));
            foreach (var e in doc.QuerySelectorAll("*"))
            {
                foreach (var (attr, list) in new[] { ("href", false), ("src", false), ("poster", false), ("srcset", true) })
                {
                    if (e.GetAttribute(attr) is not { } value) continue;
                    var urls = list ? HtmlFragment.SrcsetUrls(value).Select(u => u.Url) : [value];
                    foreach (var url in urls)
                    {
                        if (Target(file, url) is not var (target, fragment)) continue;
                        if (!files.Contains(target)) dead.Add($"{file}: <{e.LocalName} {attr}=\"{url}\"> -> {target} is missing");
                        else if (fragment.Length > 0 && target.EndsWith(".html", StringComparison.Ordinal) && !IdsOf(target).Contains(Uri.UnescapeDataString(fragment)))
                            dead.Add($"{file}: <{e.LocalName} {attr}=\"{url}\"> -> no id '{fragment}' on {target}");
                    }
                }
            }
        }
        return dead;
    }

    /// <summary>The output file and fragment a relative URL on <paramref name="page"/> leads to; null for other sites and schemes.</summary>
    private static (string File, string Fragment)? Target(string page, string url)
    {
        var web = WebUrl.Read(url);
        if (!web.IsRelative || url.StartsWith("//", StringComparison.Ordinal)) return null;
        var hash = url.IndexOf('#');
        var fragment = hash >= 0 ? url[(hash + 1)..] : "";
        var path = (hash >= 0 ? url[..hash] : url).Split('?')[0];
        if (path.Length == 0) return (page, fragment);
        if (path.StartsWith('/')) return null;   // site-root links are the templates' (checked by link.template)
        var resolved = new Uri(new Uri("https://site.invalid/" + page), path).AbsolutePath.TrimStart('/');
        resolved = Uri.UnescapeDataString(resolved);
        if (resolved.Length == 0 || resolved.EndsWith('/')) resolved += "index.html";
        return (resolved, fragment);
    }

    [Fact]
    public void A_site_check_approves_has_no_dead_link_in_any_attribute()
    {
        var (errors, dead) = BuildAndCrawl("shot");
        Assert.Empty(errors);
        Assert.True(dead.Count == 0, string.Join("\n", dead));
    }

    [Fact]
    public void Each_dead_reference_the_crawler_finds_is_an_error_check_named()
    {
        var (errors, dead) = BuildAndCrawl("gone");
        // img src, img srcset (twice), source srcset, video src, poster, audio src, track src, figure, Markdown image
        Assert.True(dead.Count >= 8, string.Join("\n", dead));
        Assert.All(dead, d => Assert.Contains("gone.png", d));
        var named = errors.Where(e => e.Message.Contains("gone.png", StringComparison.Ordinal)).ToList();
        // one finding per URL written in the source: img src, both srcset candidates, source srcset, video src,
        // poster, audio src, track src, the figure shortcode and the Markdown image
        Assert.True(named.Count == 10, string.Join("\n", named.Select(ReportFormatter.Line)));
        Assert.True(dead.Count <= named.Count, "the crawler found a dead link check did not name");
        Assert.All(named, e => Assert.Equal("link.asset", e.Rule));
    }
}
