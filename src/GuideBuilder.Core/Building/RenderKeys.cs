using System.Security.Cryptography;
using System.Text;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Render;
using GuideBuilder.Write;

namespace GuideBuilder.Building;

/// <summary>
/// The render key of each output file: the SHA-256 of everything its bytes are made from, so that an equal key means
/// equal bytes (see <see cref="RenderSkip"/>). Every key starts with the site-wide part: the GuideBuilder build (its
/// embedded theme and labels), the settings (site.yml as read), every file of the templates folder, and the site's own
/// fields the templates read (<c>site.title</c>, <c>site.base_url</c>…). Then:
/// <list type="bullet">
/// <item>a guide's page: its whole page model (title, dates, description, excerpt, terms, table of contents, previous
/// and next…), its body and its JSON-LD; and the listing digest below as well when guide.html or layout.html may read
/// other pages (<see cref="ReadsOtherPages"/>);</item>
/// <item>a listing (home, category, tag and terms pages, 404, feed, sitemap, robots.txt): the listing digest, every
/// page's model but its body, in the site's order;</item>
/// <item>the search index: the listing digest and each guide's headings and search words.</item>
/// </list>
/// </summary>
internal sealed class RenderKeys
{
    private readonly string _site;
    private readonly string _listings;
    private readonly string _guides;
    private readonly SiteModelBuilder _model;

    public RenderKeys(SiteConfig config, BuildOptions options, SiteModel site, SiteModelBuilder model, TemplateEngine templates)
    {
        _model = model;
        var parts = new StringBuilder();
        parts.Append(BuildCache.ToolVersion).Append('\n')
            .Append(System.Text.Json.JsonSerializer.Serialize(config, CacheJson.Default.SiteConfig)).Append('\n')
            .Append(options.LiveReload).Append(model.DeferJsonLd).Append('\n');
        if (Directory.Exists(config.TemplatesDir))
        {
            foreach (var file in Directory.EnumerateFiles(config.TemplatesDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                parts.Append(Path.GetRelativePath(config.TemplatesDir, file)).Append(' ').Append(FileHash.ForKey(file)).Append('\n');
            }
        }
        parts.Append(site.Title).Append('\0').Append(site.BaseUrl).Append('\0').Append(site.Description).Append('\0')
            .Append(site.Language).Append('\0').Append(site.Generator).Append('\0').Append(site.LiveReload);
        _site = BuildCache.Key("render", parts.ToString());
        using var listing = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(listing, _site);
        foreach (var page in site.Pages)
        {
            AddPage(listing, page);
            if (!model.DeferJsonLd) Add(listing, page.JsonLd);
        }
        foreach (var terms in new[] { site.Categories, site.Tags })
        {
            Add(listing, terms.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var term in terms) AddTerm(listing, term, withPages: true);
        }
        _listings = Convert.ToHexStringLower(listing.GetHashAndReset());
        _guides = ReadsOtherPages(templates) ? _listings : _site;
    }

    /// <summary>The key of a guide's page; <paramref name="page"/> is its model as the templates will see it.</summary>
    public string Page(Guide guide, PageModel page)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, _guides);
        Add(hash, guide.OutputPath);
        AddPage(hash, page);
        if (guide.BodyUtf8 is { } body) hash.AppendData(SHA256.HashData(body.Get()));
        Add(hash, "body");
        if (!_model.DeferJsonLd) Add(hash, page.JsonLd);
        else if (guide.JsonLd is { } jsonLd) hash.AppendData(SHA256.HashData(jsonLd.Get()));
        else Add(hash, _model.JsonLdFor(guide, page));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The key of a listing (any file of <see cref="SitePages.ListingJobs"/> but the search index).</summary>
    public string Listing(string path) => BuildCache.Key(_listings, path);

    /// <summary>The key of the search index: the listings' inputs and each guide's headings and words.</summary>
    public string SearchIndex(IReadOnlyList<Guide> guides, SiteModel site)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, _listings);
        Add(hash, SitePages.SearchIndexPath);
        var byUrl = guides.ToDictionary(g => g.Url, StringComparer.Ordinal);
        foreach (var page in site.Pages)
        {
            var g = byUrl[page.Url];
            foreach (var h in g.Headings)
            {
                Add(hash, h.Level.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Add(hash, h.Text);
            }
            if (g.SearchWords is { } words) hash.AppendData(SHA256.HashData(words.Get()));
            else Add(hash, g.PlainText);
            Add(hash, "end");
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, string? text)
    {
        if (text is not null) hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData(text is null ? "\u0001\0"u8 : "\0"u8);
    }

    /// <summary>Every field of a page model the templates can read but its body and JSON-LD.</summary>
    private static void AddPage(IncrementalHash hash, PageModel p)
    {
        Add(hash, p.Title);
        Add(hash, p.TitleId);
        Add(hash, p.Url);
        Add(hash, p.Canonical);
        Add(hash, p.Description);
        Add(hash, p.Excerpt);
        Add(hash, p.Date?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add(hash, p.Updated?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Add(hash, string.Join('\u0002', p.Keywords));
        Add(hash, p.Thumbnail);
        Add(hash, p.Image);
        foreach (var t in p.Toc) Add(hash, $"{t.Level}\u0002{t.Title}\u0002{t.Id}");
        Add(hash, $"{p.ReadingMinutes} {p.StepCount} {p.Draft} {p.Toc.Count}");
        Add(hash, p.Prev is { } prev ? prev.Title + "\u0002" + prev.Url : null);
        Add(hash, p.Next is { } next ? next.Title + "\u0002" + next.Url : null);
        Add(hash, p.Lang);
        Add(hash, string.Join('\u0002', p.Authors));
        foreach (var list in new[] { p.Categories, p.Tags })
        {
            Add(hash, list.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var term in list) AddTerm(hash, term, withPages: false);
        }
        if (p.Category is { } category) AddTerm(hash, category, withPages: false);
        else Add(hash, null);
    }

    private static void AddTerm(IncrementalHash hash, TermModel term, bool withPages)
    {
        Add(hash, term.Name);
        Add(hash, term.Slug);
        Add(hash, term.Url);
        if (!withPages) return;
        Add(hash, term.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var page in term.Pages) Add(hash, page.Url);
    }

    /// <summary>The names a guide page's templates may read beyond its own model: a term's pages or count, all pages.</summary>
    private static readonly string[] OtherPageNames = ["pages", "count", "size", "include", "import", "eval", "this"];

    /// <summary>The fields of <c>site</c> that say nothing of other pages.</summary>
    private static readonly HashSet<string> SiteScalars = new(StringComparer.Ordinal) { "title", "base_url", "description", "language", "generator", "live_reload" };

    /// <summary>
    /// True unless guide.html and layout.html (the site's or the theme's) provably read nothing of other pages: their
    /// code (between <c>{{</c> and <c>}}</c>) names no term's pages or count, no list size but of the page's own lists,
    /// no include, and <c>site</c> only with one of its own fields. Then a page's key leaves the other pages out, and a
    /// title edit re-renders only that page, its neighbours and the listings; else every page's key holds every page.
    /// </summary>
    public static bool ReadsOtherPages(TemplateEngine templates)
    {
        foreach (var name in new[] { "guide.html", "layout.html" })
        {
            if (templates.ReadThemeFile(name) is not { } bytes) return true;
            var text = Encoding.UTF8.GetString(bytes);
            for (var at = text.IndexOf("{{", StringComparison.Ordinal); at >= 0; at = text.IndexOf("{{", at, StringComparison.Ordinal))
            {
                var end = text.IndexOf("}}", at + 2, StringComparison.Ordinal);
                if (end < 0) return true;
                if (!ProvablyOwn(text[(at + 2)..end])) return true;
                at = end + 2;
            }
        }
        return false;
    }

    /// <summary>True when a piece of template code reads only the page's own model, the labels and site-wide scalars.</summary>
    private static bool ProvablyOwn(string code)
    {
        if (code.Contains('$') || code.Contains('[')) return false;
        var tokens = new List<(string Name, int End)>();
        for (var i = 0; i < code.Length;)
        {
            if (char.IsLetterOrDigit(code[i]) || code[i] == '_')
            {
                var start = i;
                while (i < code.Length && (char.IsLetterOrDigit(code[i]) || code[i] == '_')) i++;
                tokens.Add((code[start..i], i));
            }
            else i++;
        }
        for (var k = 0; k < tokens.Count; k++)
        {
            var (name, end) = tokens[k];
            if (name == "size")
            {
                // page.toc.size, page.authors.size, page.tags.size: the page's own lists.
                if (k < 2 || tokens[k - 2].Name != "page" || tokens[k - 1].Name is not ("toc" or "authors" or "tags" or "categories" or "keywords")) return false;
                continue;
            }
            if (Array.IndexOf(OtherPageNames, name) >= 0) return false;
            if (name != "site") continue;
            if (end >= code.Length || code[end] != '.' || k + 1 >= tokens.Count || !SiteScalars.Contains(tokens[k + 1].Name)) return false;
        }
        return true;
    }
}
