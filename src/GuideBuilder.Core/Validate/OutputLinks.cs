using System.Buffers;
using System.Collections.Concurrent;
using System.Xml;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Html.Parser.Tokens.Struct;
using AngleSharp.Text;
using GuideBuilder.Diagnostics;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>The URLs a page's templates wrote (href, src, srcset, in order) and the ids they wrote.</summary>
public sealed record WrittenLinks(IReadOnlyList<string> Urls, string[] Ids);

/// <summary>
/// Checks the links of the output being built, after rendering and before publishing: every relative
/// <c>href</c>, <c>src</c> and <c>srcset</c> a page's templates wrote (and URLs under <c>base_url</c>, as in
/// canonical links, the feed and the sitemap) must name a file of the output, and every <c>#fragment</c> an id
/// on its page. A guide's body is left out: its links were checked, with their Markdown lines, before it was
/// rendered. A dead link is <c>link.template</c> at the template place that wrote it, once per place, with the
/// number of pages it is on.
/// <para>
/// What a page found is kept per page: scanning a page again replaces what it found before, and <see cref="Report"/>
/// reads every page's findings as they are now (it can be called again after pages are scanned again). So
/// <c>serve</c> re-checks only the pages an edit touched.
/// </para>
/// </summary>
public sealed class OutputLinks
{
    private readonly HashSet<string> _files;
    private readonly string _baseUrl;
    private readonly string _basePath;
    private readonly ConcurrentDictionary<string, PageIds> _ids = new(StringComparer.Ordinal);
    // What a URL resolves to when that does not depend on the page it is on (see Resolve): most template links are
    // written from the site's root ({{ root }}…), so the same few thousand URLs are resolved once, not once a page.
    private readonly ConcurrentDictionary<string, (string Target, string? Fragment)?> _resolved = new(StringComparer.Ordinal);

    /// <summary>The ids of a page: those its templates wrote, and its body's (collected when the body was rendered).</summary>
    private sealed record PageIds(string[] Written, IReadOnlySet<string> Body)
    {
        public bool Contains(string id) => Body.Contains(id) || Array.IndexOf(Written, id) >= 0;
    }
    /// <summary>What one page found: its dead links, and its fragments on other pages (checked by <see cref="Report"/>); only pages with either are kept.</summary>
    private sealed record Findings(List<(SourceLocation Where, string Kind, string Message)> Dead, List<(string Url, string Target, string Fragment, SourceLocation Where)> Fragments);

    private readonly ConcurrentDictionary<string, Findings> _found = new(StringComparer.Ordinal);

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
    /// <returns>The URLs and ids the page's templates wrote, as read (for <see cref="Keep"/> on a later build).</returns>
    public WrittenLinks Page(string path, string html, (int Start, int Length)? body, IReadOnlySet<string> bodyIds, Func<string, SourceLocation> writerOf)
    {
        var urls = new List<string>();
        var written = new List<string>();
        if (body is { } b)
        {
            // The page without its body, in one pooled buffer: the tokenizer reads what the templates wrote as one text.
            var length = html.Length - b.Length;
            var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, length));
            html.CopyTo(0, buffer, 0, b.Start);
            html.CopyTo(b.Start + b.Length, buffer, b.Start, html.Length - b.Start - b.Length);
            Scan(buffer.AsMemory(0, length), urls, written);
            ArrayPool<char>.Shared.Return(buffer);
        }
        else
        {
            Scan(html.AsMemory(), urls, written);
        }
        var ids = new PageIds([.. written], bodyIds);
        _ids[path] = ids;
        var dir = UrlPaths.DirectoryOf(path);
        var depth = Depth(dir);
        Findings? found = null;
        foreach (var url in urls)
        {
            if (Resolved(dir, depth, url) is not var (target, fragment)) continue;
            if (ReferenceEquals(target, Outside))
            {
                (found ??= new([], [])).Dead.Add((writerOf(url), "file", $"'{url}' on {path} is outside the site: base_url publishes it under {_basePath}, so write it from {{{{ root }}}} instead"));
                continue;
            }
            if (target.Length > 0 && !_files.Contains(target))
            {
                (found ??= new([], [])).Dead.Add((writerOf(url), "file", $"'{url}' on {path} leads to '{target}', which the output does not have"));
                continue;
            }
            if (fragment is null || fragment.Length == 0 || fragment == "top") continue;
            var decoded = UrlPaths.Decode(fragment);
            if (target.Length == 0 || target == path)
            {
                if (!ids.Contains(fragment) && !ids.Contains(decoded)) (found ??= new([], [])).Dead.Add((writerOf(url), "fragment", $"'{url}' on {path}: no element with id '{decoded}' on the page"));
            }
            else
            {
                (found ??= new([], [])).Fragments.Add((url, target, decoded, writerOf(url)));
            }
        }
        Remember(path, found);
        return new WrittenLinks(urls, ids.Written);
    }

    /// <summary>What <paramref name="path"/> found this time replaces what it found before.</summary>
    private void Remember(string path, Findings? found)
    {
        if (found is null) _found.TryRemove(path, out _);
        else _found[path] = found;
    }

    /// <summary>
    /// A page that is not rendered again (its bytes are the published ones): its ids are known to the other pages, and the
    /// URLs its templates wrote (<paramref name="written"/>, from the build that rendered it) are resolved against this
    /// output. False when one of them leads nowhere, or to no id on the page itself: then the page must be rendered, so
    /// that its dead links are reported at the template places that wrote them. Fragments on other pages are checked by
    /// <see cref="KeptWithDeadFragments"/>, once every page's ids are known.
    /// </summary>
    public bool Keep(string path, WrittenLinks written, IReadOnlySet<string> bodyIds)
    {
        var ids = new PageIds(written.Ids, bodyIds);
        var dir = UrlPaths.DirectoryOf(path);
        var depth = Depth(dir);
        var elsewhere = new List<(string Target, string Fragment)>();
        foreach (var url in written.Urls)
        {
            if (Resolved(dir, depth, url) is not var (target, fragment)) continue;
            if (target.Length > 0 && !_files.Contains(target)) return false;
            if (fragment is null || fragment.Length == 0 || fragment == "top") continue;
            var decoded = UrlPaths.Decode(fragment);
            if (target.Length == 0 || target == path)
            {
                if (!ids.Contains(fragment) && !ids.Contains(decoded)) return false;
            }
            else
            {
                elsewhere.Add((target, decoded));
            }
        }
        _ids[path] = ids;
        foreach (var f in elsewhere) _keptFragments.Enqueue((path, f.Target, f.Fragment));
        return true;
    }

    private readonly ConcurrentQueue<(string Page, string Target, string Fragment)> _keptFragments = new();

    /// <summary>
    /// The kept pages (see <see cref="Keep"/>) with a fragment on another page that has no such id now: they must be
    /// rendered after all, to be reported. Call once every page is rendered or kept.
    /// </summary>
    public IReadOnlyCollection<string> KeptWithDeadFragments()
    {
        var dead = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (page, target, fragment) in _keptFragments)
        {
            if (_ids.TryGetValue(target, out var ids) && !ids.Contains(fragment)) dead.Add(page);
        }
        _keptFragments.Clear();
        return dead;
    }

    /// <summary>
    /// <see cref="Resolve"/>, kept for a URL whose meaning does not depend on the page's folder: a fragment alone, a URL
    /// from the site's root or under base_url, or one that climbs exactly to the site's root first (as <c>{{ root }}</c>
    /// writes it) — read the same from every page as deep as this one, and from no other page.
    /// </summary>
    private (string Target, string? Fragment)? Resolved(string dir, int depth, string url)
    {
        var up = 0;
        while (string.CompareOrdinal(url, up * 3, "../", 0, 3) == 0) up++;
        var independent = up == depth || url.StartsWith('#') || url.StartsWith('/') || url.StartsWith(_baseUrl, StringComparison.Ordinal);
        if (!independent) return Resolve(dir, url);
        return _resolved.TryGetValue(url, out var known) ? known : _resolved[url] = Resolve(dir, url);
    }

    /// <summary>How many folders deep <paramref name="dir"/> is ("" is 0).</summary>
    private static int Depth(string dir)
    {
        var depth = 0;
        var inSegment = false;
        foreach (var c in dir)
        {
            if (c == '/') inSegment = false;
            else if (!inSegment)
            {
                inSegment = true;
                depth++;
            }
        }
        return depth;
    }

    /// <summary>Checks the URLs under base_url in the feed or sitemap at <paramref name="path"/>.</summary>
    public void Xml(string path, string xml, SourceLocation where)
    {
        Findings? found = null;
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
                (found ??= new([], [])).Dead.Add((where, "file", $"'{url}' in {path} leads to '{target}', which the output does not have"));
            }
        }
        Remember(path, found);
    }

    /// <summary>
    /// Checks the fragments that point at other pages against every page's ids as they are now, then reports each
    /// dead place once, but for template lines <paramref name="reported"/> says are already reported (a misspelt name
    /// there). Reads the pages' findings and changes nothing: after pages are scanned again it reports them anew.
    /// </summary>
    public void Report(DiagnosticBag diagnostics, Func<string, int, bool> reported)
    {
        var dead = new Dictionary<(string File, int Line, string Kind), (int Pages, string Page, SourceLocation Where, string Example)>();
        foreach (var (page, found) in _found)
        {
            foreach (var (where, kind, message) in found.Dead) Dead(dead, where, page, kind, message);
            foreach (var (url, target, fragment, where) in found.Fragments)
            {
                if (_ids.TryGetValue(target, out var ids) && !ids.Contains(fragment))
                {
                    Dead(dead, where, page, "fragment", $"'{url}' on {page}: no element with id '{fragment}' on {target}");
                }
            }
        }
        foreach (var (pages, _, where, example) in dead.Values.OrderBy(d => d.Where.File, StringComparer.Ordinal).ThenBy(d => d.Where.Line).ThenBy(d => d.Example, StringComparer.Ordinal))
        {
            if (reported(where.File, where.Line)) continue;
            diagnostics.Report(Rules.LinkTemplate, where, pages == 1 ? example : $"{example} (and {pages - 1} more like it)");
        }
    }

    // One report per template line and kind (a file, a fragment): the same mistake shows on every page that line writes.
    // The example is the first page in path order, so the report does not depend on the order pages were checked in.
    private static void Dead(Dictionary<(string File, int Line, string Kind), (int Pages, string Page, SourceLocation Where, string Example)> dead,
        SourceLocation where, string page, string kind, string message)
    {
        var key = (where.File, where.Line, kind);
        dead[key] = dead.TryGetValue(key, out var d)
            ? string.CompareOrdinal(page, d.Page) < 0 ? (d.Pages + 1, page, where, message) : (d.Pages + 1, d.Page, d.Where, d.Example)
            : (1, page, where, message);
    }

    // The target of a URL from the host's root that is not under base_url's path.
    private const string Outside = "\0outside";

    /// <summary>The output file and fragment a URL on a page in <paramref name="dir"/> names; null for a URL that is not this output's (another scheme, another site, serve's own script).</summary>
    private (string Target, string? Fragment)? Resolve(string dir, string url)
    {
        url = url.Trim();
        if (url.StartsWith(_baseUrl, StringComparison.Ordinal)) url = _basePath + url[_baseUrl.Length..];
        else if (url.Length == 0 || UrlPaths.IsExternal(url)) return null;
        var (pathPart, _, fragment) = UrlPaths.Split(url);
        if (pathPart.StartsWith('/'))
        {
            if (pathPart.StartsWith("/__guidebuilder/", StringComparison.Ordinal)) return null;
            // base_url has a path (/docs/): a link from the host's root that leaves it is not this site's, and dead on it.
            if (!pathPart.StartsWith(_basePath, StringComparison.Ordinal)) return (Outside, fragment);
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

    // Only these attributes are kept on a token: the others' values are read past, not built.
    private static bool Wanted(ref StructHtmlToken token, ReadOnlyMemory<char> name)
    {
        var n = name.Span;
        return n.SequenceEqual("href") || n.SequenceEqual("src") || n.SequenceEqual("srcset") || n.SequenceEqual("id") || n.SequenceEqual("name");
    }

    /// <summary>
    /// The URLs in href, src and srcset, and every id (and a's name), of an HTML page, read with AngleSharp's tokenizer
    /// in its allocation-free form (tokens over the text's memory; text, comments and script bodies skipped).
    /// </summary>
    private static void Scan(ReadOnlyMemory<char> html, List<string> urls, List<string> ids)
    {
        using var tokenizer = new HtmlTokenizer(new TextSource(new ReadOnlyMemoryTextSource(html)), HtmlEntityProvider.Resolver)
        {
            SkipDataText = true,
            SkipComments = true,
            SkipScriptText = true,
            SkipRawText = true,
            SkipRCDataText = true,
            SkipPlaintext = true,
            SkipCDATA = true,
            SkipProcessingInstructions = true,
            DisableElementPositionTracking = true,
            ShouldEmitAttribute = Wanted,
        };
        while (true)
        {
            ref var token = ref tokenizer.GetStructToken();
            if (token.Type == HtmlTokenType.EndOfFile) break;
            if (token.Type != HtmlTokenType.StartTag) continue;
            var tag = token.Name.Memory.Span;
            var attributes = token.Attributes;
            for (var i = 0; i < attributes.Count; i++)
            {
                var attribute = attributes[i];
                var name = attribute.Name.Memory.Span;
                if (name.SequenceEqual("href") || name.SequenceEqual("src"))
                {
                    urls.Add(attribute.Value.ToString());
                }
                else if (name.SequenceEqual("srcset"))
                {
                    foreach (var candidate in attribute.Value.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        urls.Add(candidate.Split(' ', 2)[0]);
                    }
                }
                else if (name.SequenceEqual("id") || (name.SequenceEqual("name") && tag.SequenceEqual("a")))
                {
                    ids.Add(attribute.Value.ToString());
                }
            }
            // As the tree builder does: the text of these elements is not markup.
            if (tag.SequenceEqual("script")) tokenizer.State = HtmlParseMode.Script;
            else if (tag.SequenceEqual("style") || tag.SequenceEqual("xmp") || tag.SequenceEqual("iframe") || tag.SequenceEqual("noembed") || tag.SequenceEqual("noframes")) tokenizer.State = HtmlParseMode.Rawtext;
            else if (tag.SequenceEqual("textarea") || tag.SequenceEqual("title")) tokenizer.State = HtmlParseMode.RCData;
        }
    }
}
