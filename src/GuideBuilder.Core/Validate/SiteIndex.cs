using GuideBuilder.Render;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>
/// Everything a link can point at: published guides by source path and by URL, guides that failed
/// to load (links to them are not reported: the error is at the page) or are drafts (links to them are
/// reported: nothing else says they are dead on the published site), every file in the content folder, and the pages the
/// site generates itself (home, categories, tags, feeds). Lookups are hash-based, so checking all
/// links of a site is linear in the number of links.
/// </summary>
public sealed class SiteIndex
{
    /// <summary>Files the writer adds at the site root, whatever the content.</summary>
    private static readonly string[] GeneratedFiles =
        ["", "index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt", "search-index.json", "categories", "tags"];

    public SiteIndex(IEnumerable<Guide> guides, IEnumerable<string> failedOrHidden, IEnumerable<string> files)
    {
        var termCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var g in guides)
        {
            ByPath[g.Source.ContentRelativePath] = g;
            ByUrl[g.Url] = g;
            UrlsIgnoreCase.TryAdd(g.Url.ToLowerInvariant(), g.Url);
            foreach (var c in g.FiledUnder) Term("categories", c);
            foreach (var t in g.Meta.Tags) Term("tags", t);
        }
        foreach (var name in GeneratedFiles) Generated.Add(name);
        foreach (var f in failedOrHidden) Unpublished.Add(f);
        foreach (var f in files)
        {
            Files.Add(f);
            FilesIgnoreCase.TryAdd(f.ToLowerInvariant(), f);
            var dir = UrlPaths.DirectoryOf(f);
            if (!FilesByDirectory.TryGetValue(dir, out var list)) FilesByDirectory[dir] = list = [];
            list.Add(f[(dir.Length == 0 ? 0 : dir.Length + 1)..]);
        }
        foreach (var f in Files)
        {
            for (var dir = UrlPaths.DirectoryOf(f); dir.Length > 0; dir = UrlPaths.DirectoryOf(dir))
            {
                if (!Directories.Add(dir)) break;
                DirectoriesIgnoreCase.TryAdd(dir.ToLowerInvariant(), dir);
            }
        }
        foreach (var path in Files.Concat(Directories).Concat(ByUrl.Keys).Concat(Generated))
        {
            var slash = path.IndexOf('/');
            TopLevel.Add(slash < 0 ? path : path[..slash]);
        }

        // A term's list continues on page/2/, page/3/, … (PagerModel.ListSize guides a page).
        foreach (var (path, count) in termCounts)
        {
            for (var n = 2; n <= PagerModel.PageCount(count); n++) Generated.Add($"{path}/page/{n}");
        }

        void Term(string kind, string name)
        {
            var slug = SiteModelBuilder.Slug(name);
            if (slug.Length == 0) return;
            var path = $"{kind}/{slug}";
            Generated.Add(path);
            termCounts[path] = termCounts.GetValueOrDefault(path) + 1;
        }
    }

    public Dictionary<string, Guide> ByPath { get; } = new(StringComparer.Ordinal);

    /// <summary>The include-only Markdown files, loaded: what include directives splice into pages. Links to them are broken (they are no pages).</summary>
    public Model.Includes.IncludeFiles Includes { get; set; } = Model.Includes.IncludeFiles.None;

    /// <summary>Earlier URLs of pages (front matter <c>aliases:</c>), redirected to them.</summary>
    public Redirects Redirects { get; set; } = Redirects.None;
    public Dictionary<string, Guide> ByUrl { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Unpublished { get; } = new(StringComparer.Ordinal);

    /// <summary>Drafts left out of this build (a subset of <see cref="Unpublished"/>).</summary>
    public IReadOnlySet<string> Drafts { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> FilesIgnoreCase { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> DirectoriesIgnoreCase { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> UrlsIgnoreCase { get; } = new(StringComparer.Ordinal);

    /// <summary>File names per folder, for "did you mean" hints.</summary>
    public Dictionary<string, List<string>> FilesByDirectory { get; } = new(StringComparer.Ordinal);

    /// <summary>Paths (without trailing slash) of pages and files the writer generates: home, listings, feeds.</summary>
    public HashSet<string> Generated { get; } = new(StringComparer.Ordinal);

    /// <summary>First path segments that exist in this site: a site-root link starting with anything else points at another site on the same host.</summary>
    public HashSet<string> TopLevel { get; } = new(StringComparer.OrdinalIgnoreCase);
}
