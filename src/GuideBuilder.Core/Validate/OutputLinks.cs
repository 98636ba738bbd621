using System.Collections.Concurrent;
using System.Xml;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens;
using AngleSharp.Text;
using GuideBuilder.Diagnostics;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>
/// Checks the links of the output being built, after rendering and before publishing: every relative
/// <c>href</c>, <c>src</c> and <c>srcset</c> a page's templates wrote (and URLs under <c>base_url</c>, as in
/// canonical links, the feed and the sitemap) must name a file of the output, and every <c>#fragment</c> an id
/// on its page. A guide's body is left out: its links were checked, with their Markdown lines, before it was
/// rendered. A dead link is <c>link.template</c> at the template place that wrote it, once per place, with the
/// number of pages it is on.
/// </summary>
public sealed class OutputLinks
{
    private readonly HashSet<string> _files;
    private readonly string _baseUrl;
    private readonly string _basePath;
    private readonly ConcurrentDictionary<string, HashSet<string>> _ids = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Page, string Url, string Target, string Fragment, SourceLocation Where)> _fragments = new();
    private readonly ConcurrentDictionary<(string File, int Line, string Kind), (int Pages, string Page, SourceLocation Where, string Example)> _dead = new();

    /// <param name="files">Every file the output will hold, '/'-separated, relative to the output folder.</param>
    /// <param name="baseUrl">site.yml's base_url, ending in '/'.</param>
    public OutputLinks(IEnumerable<string> files, string baseUrl)
    {
        _files = new HashSet<string>(files, StringComparer.Ordinal);
        _baseUrl = baseUrl;
        _basePath = Uri.TryCreate(baseUrl, UriKind.Absolute, out var u) ? u.AbsolutePath : "/";
    }

    /// <summary>
    /// Scans one rendered HTML page at <paramref name="path"/>. <paramref name="body"/> is the range of the guide's
    /// own body in it (not scanned) and <paramref name="bodyIds"/> the ids the body holds. <paramref name="writerOf"/>
    /// names the template place that wrote a URL; it is asked only about dead links and must be called on the
    /// rendering thread, so it is asked here for a dead file at once and for a fragment on another page before
    /// the page is checked.
    /// </summary>
    public void Page(string path, string html, (int Start, int Length)? body, IEnumerable<string> bodyIds, Func<string, SourceLocation> writerOf)
    {
        var ids = new HashSet<string>(bodyIds, StringComparer.Ordinal);
        var urls = new List<string>();
        var text = body is { } b ? string.Concat(html.AsSpan(0, b.Start), html.AsSpan(b.Start + b.Length)) : html;
        Scan(text, urls, ids);
        _ids[path] = ids;
        var dir = UrlPaths.DirectoryOf(path);
        foreach (var url in urls)
        {
            if (Resolve(dir, url) is not var (target, fragment)) continue;
            if (target.Length > 0 && !_files.Contains(target))
            {
                Dead(writerOf(url), path, "file", $"'{url}' on {path} leads to '{target}', which the output does not have");
                continue;
            }
            if (fragment is null || fragment.Length == 0 || fragment == "top") continue;
            var decoded = UrlPaths.Decode(fragment);
            if (target.Length == 0 || target == path)
            {
                if (!ids.Contains(fragment) && !ids.Contains(decoded)) Dead(writerOf(url), path, "fragment", $"'{url}' on {path}: no element with id '{decoded}' on the page");
            }
            else
            {
                _fragments.Enqueue((path, url, target, decoded, writerOf(url)));
            }
        }
    }

    /// <summary>Checks the URLs under base_url in the feed or sitemap at <paramref name="path"/>.</summary>
    public void Xml(string path, string xml, SourceLocation where)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            var url = reader.LocalName switch
            {
                "link" => reader.GetAttribute("href"),
                "loc" or "id" => reader.ReadElementContentAsString(),
                _ => null,
            };
            if (url is null || !url.StartsWith(_baseUrl, StringComparison.Ordinal)) continue;
            if (Resolve("", url) is var (target, _) && target.Length > 0 && !_files.Contains(target))
            {
                Dead(where, path, "file", $"'{url}' in {path} leads to '{target}', which the output does not have");
            }
        }
    }

    /// <summary>
    /// Checks the fragments that point at other pages (every page's ids are known by now), then reports each dead
    /// place once, but for template lines <paramref name="reported"/> says are already reported (a misspelt name there).
    /// </summary>
    public void Report(DiagnosticBag diagnostics, Func<string, int, bool> reported)
    {
        foreach (var (page, url, target, fragment, where) in _fragments)
        {
            if (_ids.TryGetValue(target, out var ids) && !ids.Contains(fragment))
            {
                Dead(where, page, "fragment", $"'{url}' on {page}: no element with id '{fragment}' on {target}");
            }
        }
        _fragments.Clear();
        foreach (var (pages, _, where, example) in _dead.Values.OrderBy(d => d.Where.File, StringComparer.Ordinal).ThenBy(d => d.Where.Line).ThenBy(d => d.Example, StringComparer.Ordinal))
        {
            if (reported(where.File, where.Line)) continue;
            diagnostics.Report(Rules.LinkTemplate, where, pages == 1 ? example : $"{example} (and {pages - 1} more like it)");
        }
        _dead.Clear();
    }

    // One report per template line and kind (a file, a fragment): the same mistake shows on every page that line writes.
    // The example is the first page in path order, so the report does not depend on which thread came first.
    private void Dead(SourceLocation where, string page, string kind, string message) =>
        _dead.AddOrUpdate((where.File, where.Line, kind), (1, page, where, message),
            (_, d) => string.CompareOrdinal(page, d.Page) < 0 ? (d.Pages + 1, page, where, message) : (d.Pages + 1, d.Page, d.Where, d.Example));

    /// <summary>The output file and fragment a URL on a page in <paramref name="dir"/> names; null for a URL that is not this output's (another scheme, another site, serve's own script).</summary>
    private (string Target, string? Fragment)? Resolve(string dir, string url)
    {
        url = url.Trim();
        if (url.StartsWith(_baseUrl, StringComparison.Ordinal)) url = "/" + url[_baseUrl.Length..];
        else if (url.Length == 0 || UrlPaths.IsExternal(url)) return null;
        var (pathPart, _, fragment) = UrlPaths.Split(url);
        if (pathPart.StartsWith('/'))
        {
            if (!pathPart.StartsWith(_basePath, StringComparison.Ordinal) || pathPart.StartsWith("/__guidebuilder/", StringComparison.Ordinal)) return null;
            pathPart = pathPart[_basePath.Length..];
            dir = "";
        }
        if (pathPart.Length == 0 && !url.StartsWith('/')) return ("", fragment);
        var target = UrlPaths.Combine(dir, UrlPaths.Decode(pathPart));
        if (target is null) return ("../", fragment);   // above the site's root: never a file of it
        if (target.Length == 0 || pathPart.EndsWith('/')) target = target.Length == 0 ? "index.html" : target + "/index.html";
        else if (!_files.Contains(target) && _files.Contains(target + "/index.html")) target += "/index.html";
        return (target, fragment);
    }

    /// <summary>The URLs in href, src and srcset, and every id (and a's name), of an HTML page, read with AngleSharp's tokenizer.</summary>
    private static void Scan(string html, List<string> urls, HashSet<string> ids)
    {
        var tokenizer = new HtmlTokenizer(new TextSource(html), HtmlEntityProvider.Resolver)
        {
            SkipDataText = true,
            SkipComments = true,
        };
        while (true)
        {
            var token = tokenizer.Get();
            if (token.Type == HtmlTokenType.EndOfFile) break;
            if (token.Type != HtmlTokenType.StartTag || token is not HtmlTagToken tag) continue;
            foreach (var attribute in tag.Attributes)
            {
                switch (attribute.Name)
                {
                    case "href" or "src":
                        urls.Add(attribute.Value);
                        break;
                    case "srcset":
                        foreach (var candidate in attribute.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            urls.Add(candidate.Split(' ', 2)[0]);
                        }
                        break;
                    case "id":
                    case "name" when tag.Name == "a":
                        ids.Add(attribute.Value);
                        break;
                }
            }
            // As the tree builder does: the text of these elements is not markup.
            tokenizer.State = tag.Name switch
            {
                "script" => HtmlParseMode.Script,
                "style" or "xmp" or "iframe" or "noembed" or "noframes" => HtmlParseMode.Rawtext,
                "textarea" or "title" => HtmlParseMode.RCData,
                _ => tokenizer.State,
            };
        }
    }
}
