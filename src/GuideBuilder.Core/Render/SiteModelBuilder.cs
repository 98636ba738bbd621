using GuideBuilder.Load;
using GuideBuilder.Model;

namespace GuideBuilder.Render;

/// <summary>
/// Builds the template model for the whole site: pages newest first, categories, tags, previous/next links.
/// <paramref name="cache"/> (used by serve) keeps each guide's own page model between builds, keyed by
/// the guide object, so only guides that were re-shaped are modelled again.
/// </summary>
public sealed partial class SiteModelBuilder(SiteConfig config, IReadOnlyList<Guide> guides, bool liveReload,
    IDictionary<Guide, PageModel>? cache = null)
{
    public (SiteModel Site, Dictionary<Guide, PageModel> Pages) Build()
    {
        var pages = new Dictionary<Guide, PageModel>();
        // A site has few distinct terms and many pages naming them: each is slugged once.
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        string SlugOf(string name) => slugs.TryGetValue(name, out var s) ? s : slugs[name] = Slug(name);
        var categories = new Dictionary<string, (string Name, List<PageModel> Pages)>(StringComparer.Ordinal);
        var tags = new Dictionary<string, (string Name, List<PageModel> Pages)>(StringComparer.Ordinal);
        var ordered = guides.OrderByDescending(g => g.Meta.Date ?? DateTimeOffset.MinValue)
            .ThenBy(g => g.Title, StringComparer.OrdinalIgnoreCase).ToList();
        // Each guide's own model depends on that guide alone: built on all cores (serve's cache is not thread-safe).
        var models = new PageModel[ordered.Count];
        if (cache is null) Parallel.For(0, ordered.Count, i => models[i] = PageFor(ordered[i]));
        else for (var i = 0; i < ordered.Count; i++) models[i] = PageFor(ordered[i]);
        for (var i = 0; i < ordered.Count; i++)
        {
            var g = ordered[i];
            var model = models[i];
            pages[g] = model;
            foreach (var c in g.FiledUnder) Add(categories, SlugOf(c), c, model);
            foreach (var t in g.Meta.Tags) Add(tags, SlugOf(t), t, model);
        }
        var categoryModels = Terms(categories, "categories");
        var tagModels = Terms(tags, "tags");
        var byName = categoryModels.ToDictionary(c => c.Slug);
        var tagByName = tagModels.ToDictionary(t => t.Slug);
        foreach (var (g, model) in pages)
        {
            var cats = g.FiledUnder.Select(c => byName[SlugOf(c)]).Distinct().ToList();
            var ts = g.Meta.Tags.Select(t => tagByName[SlugOf(t)]).Distinct().ToList();
            pages[g] = model with { Categories = cats, Category = cats.FirstOrDefault(), Tags = ts };
        }
        // Previous/next within the first category, oldest to newest.
        foreach (var group in pages.GroupBy(p => p.Value.Category?.Slug ?? ""))
        {
            var seq = group.OrderBy(p => p.Key.Meta.Date ?? DateTimeOffset.MinValue).ThenBy(p => p.Value.Title, StringComparer.OrdinalIgnoreCase).ToList();
            for (var i = 0; i < seq.Count; i++)
            {
                if (i > 0) seq[i].Value.Prev = new PageLink(seq[i - 1].Value.Title, seq[i - 1].Value.Url);
                if (i < seq.Count - 1) seq[i].Value.Next = new PageLink(seq[i + 1].Value.Title, seq[i + 1].Value.Url);
            }
        }
        var all = ordered.Select(g => pages[g]).ToList();
        var byUrl = all.ToDictionary(p => p.Url);
        var site = new SiteModel(config.Title, config.BaseUrl, config.Description, config.Language, all,
            Terms(categories, "categories", byUrl), Terms(tags, "tags", byUrl), "GuideBuilder " + Version, liveReload);
        return (site, pages);
    }

    /// <summary>A guide's own page model (no categories, tags or neighbours yet), from the cache when it has one.</summary>
    private PageModel PageFor(Guide g)
    {
        if (cache is not null && cache.TryGetValue(g, out var cached)) return cached;
        var canonical = config.BaseUrl + g.Url;
        var thumbnail = Absolute(g, g.Meta.Thumbnail);
        var image = ImageOf(g, thumbnail);
        var model = new PageModel
        {
            Title = g.Title,
            TitleId = g.TitleId,
            Url = g.Url,
            Canonical = canonical,
            Description = g.Meta.Description ?? g.Meta.Excerpt ?? "",
            Excerpt = g.Meta.Excerpt ?? g.Meta.Description ?? g.Summary ?? Excerpt(g.PlainText),
            Date = g.Meta.Date,
            Updated = g.Meta.Updated,
            Keywords = g.Meta.Keywords,
            Thumbnail = thumbnail,
            Image = image,
            ContentHtml = g.ContentHtml,
            Toc = Toc(g),
            ReadingMinutes = g.ReadingMinutes,
            StepCount = g.Steps.Count,
            JsonLd = DeferJsonLd ? "" : PageRenderer.HowToJsonLd(g, canonical, u => Absolute(g, u) ?? u, image, LangOf(g), AuthorsOf(g)),
            Draft = g.Meta.Draft,
            Lang = LangOf(g),
            Authors = AuthorsOf(g),
        };
        if (cache is not null) cache[g] = model;
        return model;
    }

    /// <summary>The h2 and h3 headings with an id and some text, in order.</summary>
    private static List<TocEntry> Toc(Guide g)
    {
        var h1 = g.Headings.FirstOrDefault(x => x.Level == 1);
        var toc = new List<TocEntry>();
        foreach (var h in g.Headings)
        {
            if (h.Level is 2 or 3 && h.Id.Length > 0 && !string.IsNullOrWhiteSpace(h.Text) && h != h1) toc.Add(new TocEntry(h.Level, h.Text, h.Id));
        }
        return toc;
    }

    /// <summary>
    /// Leaves <see cref="PageModel.JsonLd"/> empty; the caller sets it from <see cref="JsonLdFor(Guide, PageModel)"/> just
    /// before rendering each page, so a large site does not hold every page's JSON-LD at once.
    /// </summary>
    public bool DeferJsonLd { get; init; }

    /// <summary>The JSON-LD of <paramref name="g"/>'s page, as <see cref="Build"/> sets it unless deferred.</summary>
    public string JsonLdFor(Guide g, PageModel page) => PageRenderer.HowToJsonLd(g, page.Canonical, u => Absolute(g, u) ?? u, page.Image, page.Lang, page.Authors);

    /// <summary>
    /// The same JSON-LD from the guide alone (it reads nothing site-wide), so it can be made as soon as the guide
    /// is through its pass and the step texts, which nothing else reads, dropped (see <c>LeanGuides</c>).
    /// </summary>
    public string JsonLdFor(Guide g) =>
        PageRenderer.HowToJsonLd(g, config.BaseUrl + g.Url, u => Absolute(g, u) ?? u, ImageOf(g, Absolute(g, g.Meta.Thumbnail)), LangOf(g), AuthorsOf(g));

    /// <summary>The page's image: its thumbnail, else the first step's image.</summary>
    private string? ImageOf(Guide g, string? thumbnail) =>
        thumbnail ?? g.Steps.Select(s => s.Image is null ? null : Absolute(g, s.Image)).FirstOrDefault(u => u is not null);

    private string LangOf(Guide g) => g.Meta.Lang ?? config.Language;

    private IReadOnlyList<string> AuthorsOf(Guide g) => g.Meta.Authors.Count > 0 ? g.Meta.Authors : config.Authors;

    public static string Version => typeof(SiteModelBuilder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private static void Add(Dictionary<string, (string, List<PageModel>)> map, string slug, string name, PageModel page)
    {
        if (slug.Length == 0) return;
        if (!map.TryGetValue(slug, out var entry)) map[slug] = entry = (name, []);
        entry.Item2.Add(page);
    }

    private static List<TermModel> Terms(Dictionary<string, (string Name, List<PageModel> Pages)> map, string prefix,
        Dictionary<string, PageModel>? byUrl = null)
    {
        return map.OrderBy(kv => kv.Value.Name, StringComparer.OrdinalIgnoreCase)
            .Select(kv => new TermModel(kv.Value.Name, kv.Key, $"{prefix}/{kv.Key}/",
                byUrl is null ? kv.Value.Pages : kv.Value.Pages.Select(p => byUrl[p.Url]).ToList()))
            .ToList();
    }

    /// <summary>Lower-case, letters and digits kept, everything else one hyphen.</summary>
    public static string Slug(string text)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>
    /// An image URL as written in the guide (relative to its Markdown file, or to the site root when
    /// it starts with '/') as an absolute URL under base_url; external URLs pass through.
    /// </summary>
    private string? Absolute(Guide g, string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (url.StartsWith("//", StringComparison.Ordinal)) return "https:" + url;
        if (UrlPaths.IsExternal(url))
        {
            // Only web URLs: a "javascript:" or "data:" thumbnail must not reach og:image or JSON-LD.
            return url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http:", StringComparison.OrdinalIgnoreCase) ? url : null;
        }
        var target = UrlPaths.Combine(UrlPaths.DirectoryOf(g.Source.ContentRelativePath), url);
        return target is null ? null : config.BaseUrl + target;
    }

    /// <summary>
    /// The text's words joined by single spaces, cut at a word boundary before 200 characters with "…".
    /// Reads only as far as the cut: a page's whole plain text is not split and joined for 200 characters.
    /// </summary>
    internal static string Excerpt(string text)
    {
        const int Max = 200;
        var flat = new System.Text.StringBuilder(Max + 64);
        var i = 0;
        // Stop once the flattened text is longer than Max: only its first Max + 1 characters decide the cut.
        while (flat.Length <= Max)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length) break;
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            if (flat.Length > 0) flat.Append(' ');
            flat.Append(text, start, i - start);
        }
        if (flat.Length <= Max) return flat.ToString();
        var cut = LastSpace(flat, Max);
        return flat.ToString(0, cut > 0 ? cut : Max) + "…";

        static int LastSpace(System.Text.StringBuilder sb, int from)
        {
            for (var k = from; k >= 0; k--)
            {
                if (sb[k] == ' ') return k;
            }
            return -1;
        }
    }
}
