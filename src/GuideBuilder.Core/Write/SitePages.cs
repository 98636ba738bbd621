using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using GuideBuilder.Load;
using GuideBuilder.Render;
using Scriban.Runtime;
using GuideBuilder.Model;

namespace GuideBuilder.Write;

/// <summary>
/// Every file of the published site that comes from templates or the model: guide pages, home,
/// category and tag pages, 404, sitemap.xml, the Atom feed, robots.txt and the search index.
/// </summary>
public sealed class SitePages(SiteConfig config, (SiteModel Site, Dictionary<Guide, PageModel> Pages) model, TemplateEngine templates)
{
    public const int FeedSize = 20;

    // Every page writes its dates in its own language, wherever it is listed: set once, before any render.
    private readonly Dictionary<Guide, PageModel> _pages = Labelled(model.Pages, templates);

    private static Dictionary<Guide, PageModel> Labelled(Dictionary<Guide, PageModel> pages, TemplateEngine templates)
    {
        foreach (var page in pages.Values) page.Labels = templates.Labels.For(page.Lang);
        return pages;
    }

    public const string SearchIndexPath = "search-index.json";

    /// <summary>The site model the templates see as <c>site</c>.</summary>
    public SiteModel Site => model.Site;

    /// <summary>Guides per category or tag page (see <see cref="PagerModel.ListSize"/>).</summary>
    public const int ListSize = PagerModel.ListSize;

    /// <summary>How many pages a list of <paramref name="count"/> guides takes.</summary>
    public static int PageCount(int count) => PagerModel.PageCount(count);

    /// <summary>URL (relative to the site root) of page <paramref name="number"/> (1-based) of a term's list.</summary>
    public static string PageUrl(string termUrl, int number) => number == 1 ? termUrl : $"{termUrl}page/{number}/";

    /// <summary>Guides listed on the home page; the rest are reached through categories, tags and search.</summary>
    public const int HomeSize = 100;

    private Dictionary<string, object?> HomeGlobals() => new()
    {
        ["pages"] = model.Site.Pages.Count <= HomeSize ? model.Site.Pages : model.Site.Pages.Take(HomeSize).ToList(),
        ["total"] = model.Site.Pages.Count,
    };

    /// <summary>Output path ('/'-separated, relative to the output folder) → file content, guide pages included.</summary>
    public List<(string Path, string Content)> RenderAll(IReadOnlyList<Guide> guides)
    {
        var results = new (string, string)?[guides.Count];
        Parallel.For(0, guides.Count, i =>
        {
            if (RenderGuide(guides[i]) is { } html) results[i] = (guides[i].OutputPath, html);
        });
        var files = results.Where(r => r is not null).Select(r => r!.Value).ToList();
        files.AddRange(RenderListings(guides));
        return files;
    }

    /// <summary>
    /// Renders the one file at <paramref name="path"/> (as <see cref="RenderAll"/> would), or null when the
    /// site has no such file. <c>serve</c> renders on request with this instead of rendering everything.
    /// </summary>
    public string? Render(string path, IReadOnlyDictionary<string, Guide> guidesByOutputPath, IReadOnlyList<Guide> guides)
    {
        if (guidesByOutputPath.TryGetValue(path, out var g) && _pages.ContainsKey(g))
        {
            return RenderGuide(g);
        }
        // The listings are the build's own jobs (made as closures, rendered only when asked for).
        foreach (var job in ListingJobs(guides))
        {
            if (job.Path == path) return job.Render();
        }
        return null;
    }

    /// <summary>One guide's page through guide.html and layout.html; null (with a diagnostic) on a template error. Thread-safe.</summary>
    public string? RenderGuide(Guide g)
    {
        var page = _pages[g];
        if (page.ContentHtml.Length == 0 && g.BodyUtf8 is { Length: > 0 } body) page.ContentHtml = Encoding.UTF8.GetString(body.Get());
        var globals = Scratch(ref _bodyGlobals);
        globals["page"] = page;
        return Layout("guide.html", page.Url, page.Title, page.Description, page.Canonical, page, globals);
    }

    // Each thread reuses two variable sets (the page template's and the layout's) instead of building a
    // dictionary and a ScriptObject for each per page; each is cleared before use.
    [ThreadStatic] private static ScriptObject? _bodyGlobals;
    [ThreadStatic] private static ScriptObject? _layoutGlobals;

    private static ScriptObject Scratch(ref ScriptObject? slot)
    {
        var globals = slot ??= new ScriptObject();
        globals.Clear();
        return globals;
    }

    /// <summary>The template model of a guide's page (its <c>ContentHtml</c> is set just before rendering).</summary>
    public PageModel PageOf(Guide g) => _pages[g];

    /// <summary>
    /// For <c>serve</c>: the site model after an edit patched it (<see cref="SiteModelBuilder.Patch"/>, which keeps the
    /// page dictionary and updates it in place); the <paramref name="fresh"/> page models get their labels. Listing
    /// jobs made before this read the old model: make them again (<see cref="ListingJobs"/>).
    /// </summary>
    public void Replace(SiteModel site, IEnumerable<PageModel> fresh)
    {
        foreach (var page in fresh) page.Labels = templates.Labels.For(page.Lang);
        model = (site, model.Pages);
    }

    /// <summary>Every file that is not a guide page: home, categories, tags, 404, sitemap, feed, robots.txt, search index. Rendered in parallel, listed in a fixed order.</summary>
    public List<(string Path, string Content)> RenderListings(IReadOnlyList<Guide> guides)
    {
        var jobs = ListingJobs(guides);
        var results = new string?[jobs.Count];
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => results[i] = jobs[i].Render());
        var files = new List<(string, string)>();
        for (var i = 0; i < jobs.Count; i++)
        {
            if (results[i] is { } content) files.Add((jobs[i].Path, content));
        }
        return files;
    }

    /// <summary>The files of <see cref="RenderListings"/>, each with the function that renders it (null on a template error), so a caller can write each as soon as it is rendered.</summary>
    public List<(string Path, Func<string?> Render)> ListingJobs(IReadOnlyList<Guide> guides)
    {
        var site = model.Site;
        var labels = templates.Labels.For(site.Language);
        var jobs = new List<(string Path, Func<string?> Render)>
        {
            ("index.html", () => Layout("home.html", "", site.Title, site.Description, config.BaseUrl, null, HomeGlobals())),
        };
        foreach (var (terms, kind) in new[] { (site.Categories, "Category"), (site.Tags, "Tag") })
        {
            foreach (var term in terms)
            {
                for (var n = 1; n <= PageCount(term.Count); n++)
                {
                    var number = n;
                    jobs.Add((PageUrl(term.Url, n) + "index.html", () => Term(term, kind, number, labels)));
                }
            }
        }
        jobs.Add(("categories/index.html", () => Layout("terms.html", "categories/", labels.AllCategories, "", config.BaseUrl + "categories/", null,
            new Dictionary<string, object?> { ["terms"] = site.Categories, ["kind"] = "Categories" })));
        jobs.Add(("tags/index.html", () => Layout("terms.html", "tags/", labels.AllTags, "", config.BaseUrl + "tags/", null,
            new Dictionary<string, object?> { ["terms"] = site.Tags, ["kind"] = "Tags" })));
        jobs.Add(("404.html", () => Layout("404.html", "", labels.NotFound, "", config.BaseUrl + "404.html", null, new Dictionary<string, object?>(), absoluteRoot: true)));
        jobs.Add(("sitemap.xml", () => Sitemap(site)));
        jobs.Add(("feed.xml", () => Atom(site)));
        jobs.Add(("robots.txt", () => $"User-agent: *\nAllow: /\n\nSitemap: {config.BaseUrl}sitemap.xml\n"));
        jobs.Add((SearchIndexPath, () => SearchIndex(guides)));
        return jobs;
    }

    /// <summary>The page template an output file of <see cref="ListingJobs"/> is rendered with, or null for a file written from code.</summary>
    public static string? TemplateOf(string path) => path switch
    {
        "index.html" => "home.html",
        "404.html" => "404.html",
        "categories/index.html" or "tags/index.html" => "terms.html",
        _ when path.EndsWith(".html", StringComparison.Ordinal) => "list.html",
        _ => null,
    };

    /// <summary>Page <paramref name="number"/> of a category's or tag's list, <see cref="ListSize"/> guides a page.</summary>
    private string? Term(TermModel term, string kind, int number, LabelsModel labels)
    {
        var count = PageCount(term.Count);
        var url = PageUrl(term.Url, number);
        var pages = count == 1 ? term.Pages : term.Pages.Skip((number - 1) * ListSize).Take(ListSize).ToList();
        var pager = count == 1 ? null : new PagerModel(number, count,
            number > 1 ? PageUrl(term.Url, number - 1) : null,
            number < count ? PageUrl(term.Url, number + 1) : null);
        // The title in the site's language: "Category: Printers", "(Page 2 of 3)" after it on later pages.
        var title = $"{(kind == "Category" ? labels.Category : labels.Tag)}: {term.Name}";
        if (number > 1) title += " (" + labels.PageOf.Replace("{n}", number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{count}", count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) + ")";
        return Layout("list.html", url, title, "", config.BaseUrl + url, null,
            new Dictionary<string, object?> { ["pages"] = pages, ["term"] = term, ["kind"] = kind, ["pager"] = pager });
    }

    /// <summary>Renders a page template, then wraps it in layout.html.</summary>
    private string? Layout(string template, string url, string title, string description, string canonical, PageModel? page,
        Dictionary<string, object?> globals, bool absoluteRoot = false)
    {
        var script = Scratch(ref _bodyGlobals);
        foreach (var (k, v) in globals) script[k] = v;
        return Layout(template, url, title, description, canonical, page, script, absoluteRoot);
    }

    private string? Layout(string template, string url, string title, string description, string canonical, PageModel? page,
        ScriptObject globals, bool absoluteRoot = false)
    {
        templates.BeginPage();
        var root = absoluteRoot ? RootPath() : RootFor(url);
        var home = root.Length == 0 ? "./" : root;
        var labels = templates.Labels.For(page?.Lang ?? model.Site.Language);
        globals["site"] = model.Site;
        globals["root"] = root;
        globals["home"] = home;
        globals["labels"] = labels;
        var body = templates.Render(template, globals);
        globals.Clear();
        if (body is null) return null;
        var layout = Scratch(ref _layoutGlobals);
        layout["site"] = model.Site;
        layout["page"] = page;
        layout["root"] = root;
        layout["home"] = home;
        layout["labels"] = labels;
        layout["title"] = title;
        layout["description"] = description;
        layout["canonical"] = canonical;
        layout["body"] = body;
        var html = templates.Render("layout.html", layout);
        layout.Clear();
        return html;
    }

    private string RootPath() => Uri.TryCreate(config.BaseUrl, UriKind.Absolute, out var u) ? u.AbsolutePath : "/";

    /// <summary>"../" once per folder level of a clean URL.</summary>
    public static string RootFor(string url)
    {
        var depth = url.AsSpan().Count('/');
        if (depth < Roots.Length) return Roots[depth];
        return string.Concat(Enumerable.Repeat("../", depth));
    }

    private static readonly string[] Roots = [.. Enumerable.Range(0, 16).Select(d => string.Concat(Enumerable.Repeat("../", d)))];

    /// <summary>Text without the characters XML cannot hold (control characters copied in from the web would make XmlWriter throw).</summary>
    private static string? Xml(string? text) =>
        text is null || text.All(XmlConvert.IsXmlChar) ? text : new string(text.Where(XmlConvert.IsXmlChar).ToArray());

    private string Sitemap(SiteModel site)
    {
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, XmlUtf8))
        {
            w.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            w.WriteStartElement("url");
            w.WriteElementString("loc", Xml(config.BaseUrl));
            w.WriteEndElement();
            foreach (var p in site.Pages)
            {
                w.WriteStartElement("url");
                w.WriteElementString("loc", Xml(p.Canonical));
                if ((p.Updated ?? p.Date) is { } d) w.WriteElementString("lastmod", d.ToString("yyyy-MM-dd"));
                w.WriteEndElement();
            }
            foreach (var t in site.Categories.Concat(site.Tags))
            {
                w.WriteStartElement("url");
                w.WriteElementString("loc", Xml(config.BaseUrl + t.Url));
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>XML files are written as UTF-8 without a byte-order mark, and say so in their declaration.</summary>
    private static readonly XmlWriterSettings XmlUtf8 = new() { Indent = true, Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) };

    private string Atom(SiteModel site)
    {
        const string ns = "http://www.w3.org/2005/Atom";
        using var buffer = new MemoryStream();
        var newest = site.Pages.Take(FeedSize).ToList();
        var updated = newest.Select(p => p.Updated ?? p.Date).Where(d => d is not null).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max()!.Value;
        using (var w = XmlWriter.Create(buffer, XmlUtf8))
        {
            w.WriteStartElement("feed", ns);
            w.WriteAttributeString("xml", "lang", null, site.Language);
            w.WriteElementString("title", ns, Xml(site.Title));
            w.WriteElementString("id", ns, Xml(config.BaseUrl));
            w.WriteElementString("updated", ns, Dates.Iso(updated));
            Link(w, config.BaseUrl, null);
            Link(w, config.BaseUrl + "feed.xml", "self");
            w.WriteStartElement("generator", ns);
            w.WriteString("GuideBuilder");
            w.WriteEndElement();
            foreach (var p in newest)
            {
                w.WriteStartElement("entry", ns);
                if (p.Lang != site.Language) w.WriteAttributeString("xml", "lang", null, p.Lang);
                w.WriteElementString("title", ns, Xml(p.Title));
                w.WriteElementString("id", ns, Xml(p.Canonical));
                Link(w, p.Canonical, null);
                w.WriteElementString("updated", ns, Dates.Iso(p.Updated ?? p.Date ?? DateTimeOffset.UnixEpoch));
                if (p.Date is { } d) w.WriteElementString("published", ns, Dates.Iso(d));
                foreach (var author in p.Authors.DefaultIfEmpty(site.Title))
                {
                    w.WriteStartElement("author", ns);
                    w.WriteElementString("name", ns, Xml(author));
                    w.WriteEndElement();
                }
                w.WriteElementString("summary", ns, Xml(p.Excerpt));
                foreach (var c in p.Categories)
                {
                    w.WriteStartElement("category", ns);
                    w.WriteAttributeString("term", Xml(c.Name));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);

        static void Link(XmlWriter w, string href, string? rel)
        {
            w.WriteStartElement("link", ns);
            if (rel is not null) w.WriteAttributeString("rel", rel);
            w.WriteAttributeString("href", Xml(href));
            w.WriteEndElement();
        }
    }

    /// <summary>Compact index for the client-side search: title, URL, headings and the distinct words of the text.</summary>
    private string SearchIndex(IReadOnlyList<Guide> guides)
    {
        using var buffer = new MemoryStream();
        WriteSearchIndex(guides, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The search index written straight onto <paramref name="stream"/> (it is the site's biggest file: 13 MB for 10,000 guides).</summary>
    public void WriteSearchIndex(IReadOnlyList<Guide> guides, Stream stream)
    {
        // Entry by entry, flushed as it goes: serializing the whole list to a stream would first grow one buffer to the
        // file's size. Each guide's words are read back from where they wait (see Guide.SearchWords) as UTF-8, as written.
        using var writer = new Utf8JsonWriter(stream);
        writer.WriteStartArray();
        var byUrl = guides.ToDictionary(g => g.Url, StringComparer.Ordinal);
        foreach (var p in model.Site.Pages)
        {
            var g = byUrl[p.Url];
            writer.WriteStartObject();
            writer.WriteString(SearchKeys.Title, p.Title);
            writer.WriteString(SearchKeys.Url, p.Url);
            writer.WriteString(SearchKeys.Description, p.Excerpt.Length > 160 ? p.Excerpt[..160] + "…" : p.Excerpt);
            writer.WriteString(SearchKeys.Headings, string.Join(" | ", g.Headings.Where(h => h.Level > 1).Select(h => h.Text)));
            if (g.SearchWords is { } words) writer.WriteString(SearchKeys.Words, words.Get());
            else writer.WriteString(SearchKeys.Words, JoinedWords(g.PlainText));
            if (p.Lang != model.Site.Language) writer.WriteString(SearchKeys.Lang, p.Lang);
            writer.WriteEndObject();
            if (writer.BytesPending > 1 << 16) writer.Flush();
        }
        writer.WriteEndArray();
        writer.Flush();
    }

    /// <summary><see cref="Words"/> joined by spaces, as UTF-8: what the search index holds for a page's text.</summary>
    internal static byte[] WordsUtf8(string text) => Encoding.UTF8.GetBytes(JoinedWords(text));

    /// <summary><see cref="Words"/> joined by spaces.</summary>
    private static string JoinedWords(string text)
    {
        var joined = new StringBuilder(text.Length / 3);
        DistinctWords(text, null, joined);
        return joined.ToString();
    }

    /// <summary>The member names of a page in search-index.json (title, URL, description, headings, words, and the language when it is not the site's), encoded once.</summary>
    private static class SearchKeys
    {
        public static readonly JsonEncodedText Title = JsonEncodedText.Encode("t");
        public static readonly JsonEncodedText Url = JsonEncodedText.Encode("u");
        public static readonly JsonEncodedText Description = JsonEncodedText.Encode("d");
        public static readonly JsonEncodedText Headings = JsonEncodedText.Encode("h");
        public static readonly JsonEncodedText Words = JsonEncodedText.Encode("w");
        public static readonly JsonEncodedText Lang = JsonEncodedText.Encode("l");
    }

    /// <summary>The distinct words (three letters or more, lower-cased) of a text, in order of first appearance.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var words = new List<string>();
        DistinctWords(text, words, null);
        return words;
    }

    /// <summary>
    /// The distinct words of <paramref name="text"/> (runs of letters and digits, three or more, lower-cased), in order
    /// of first appearance, added to <paramref name="words"/> and/or appended to <paramref name="joined"/> with a space
    /// between. A word met again is looked up as a span: only a new word becomes a string.
    /// </summary>
    private static void DistinctWords(string text, List<string>? words, StringBuilder? joined)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        var word = System.Buffers.ArrayPool<char>.Shared.Rent(64);
        var length = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                if (length == word.Length)
                {
                    var bigger = System.Buffers.ArrayPool<char>.Shared.Rent(word.Length * 2);
                    word.AsSpan().CopyTo(bigger);
                    System.Buffers.ArrayPool<char>.Shared.Return(word);
                    word = bigger;
                }
                word[length++] = char.ToLowerInvariant(text[i]);
                continue;
            }
            if (length > 2 && !lookup.Contains(word.AsSpan(0, length)))
            {
                var w = new string(word, 0, length);
                seen.Add(w);
                words?.Add(w);
                if (joined is not null)
                {
                    if (joined.Length > 0) joined.Append(' ');
                    joined.Append(w);
                }
            }
            length = 0;
        }
        System.Buffers.ArrayPool<char>.Shared.Return(word);
    }
}
