using System.Collections.Concurrent;
using GuideBuilder.Diagnostics;
using GuideBuilder.Model;
using GuideBuilder.Render;
using GuideBuilder.Validate;
using GuideBuilder.Write;

namespace GuideBuilder.Building;

/// <summary>
/// What the last build that published rendered: for each output file of the render step, its render key
/// (<see cref="RenderKeys"/>), the SHA-256 it was published with, and the links and ids its templates wrote, the
/// strings kept once in <see cref="Strings"/>.
/// </summary>
internal sealed record RenderRecord
{
    public required List<string> Strings { get; init; }
    public required List<RenderedEntry> Files { get; init; }
}

/// <summary>One file of a <see cref="RenderRecord"/>: <see cref="Links"/> and <see cref="Ids"/> index its strings.</summary>
internal sealed record RenderedEntry(string Path, string Key, string Sha256, int[] Links, int[] Ids);

/// <summary>
/// Render only what changed. A page (or listing) whose render key equals the one recorded by the last build that
/// published, and whose published file still is the one the output manifest records (its SHA-256, size and time
/// stamp), is not rendered: the file is carried into the new site as it is (same inode and time stamp), and the links
/// its templates wrote are checked again against this build's output (<see cref="RenderStep.Keep(Guide, WrittenLinks)"/>),
/// so a page that disappeared makes them dead and one that appeared mends them. A page whose links do not all hold is
/// rendered after all, and reported as a clean build reports it.
/// <para>
/// Used only when the site's templates have no problem at all (checked on a copy of the templates, so the report
/// is unchanged): a page rendered without error in the last build renders without error now from the same key.
/// Everything else is rendered.
/// </para>
/// </summary>
internal sealed class RenderSkip
{
    private readonly BuildCache _cache;
    private readonly RenderKeys _keys;
    private readonly Dictionary<string, (RenderedEntry Entry, WrittenLinks Links)> _old;
    private readonly ConcurrentDictionary<string, (string Key, WrittenLinks? Links)> _new = new(StringComparer.Ordinal);
    private int _kept;

    private RenderSkip(BuildCache cache, RenderKeys keys, RenderRecord? old)
    {
        _cache = cache;
        _keys = keys;
        _old = new(StringComparer.Ordinal);
        if (old is null) return;
        foreach (var e in old.Files)
        {
            if (e.Links.Concat(e.Ids).Any(i => i < 0 || i >= old.Strings.Count)) continue;
            _old[e.Path] = (e, new WrittenLinks(e.Links.Select(i => old.Strings[i]).ToList(), e.Ids.Select(i => old.Strings[i]).ToArray()));
        }
    }

    /// <summary>
    /// The render skip of a build that writes through the cache, or null (then every file is rendered): no cache, no
    /// writer, HTML kept for tests, or templates that report a problem.
    /// </summary>
    public static RenderSkip? For(SiteBuilderContext context)
    {
        if (context.Cache is null || context.Writer is null || context.Options.KeepHtml) return null;
        var probe = new DiagnosticBag(context.Config.Rules);
        var templates = new TemplateEngine(context.Config.TemplatesDir, context.Config.SiteDir, probe);
        foreach (var name in TemplateNames(context.Config.TemplatesDir)) templates.Get(name);
        _ = templates.Labels;
        if (probe.Sorted().Count > 0) return null;
        var keys = new RenderKeys(context.Config, context.Options, context.Render.Pages.Site, context.Model, templates);
        return new RenderSkip(context.Cache, keys, context.Cache.GetRender());
    }

    /// <summary>Every page template of the site (its own and the theme's), '/'-separated.</summary>
    private static IEnumerable<string> TemplateNames(string templatesDir)
    {
        var names = new SortedSet<string>(TemplateEngine.EmbeddedFiles(), StringComparer.Ordinal);
        if (Directory.Exists(templatesDir))
        {
            foreach (var f in Directory.EnumerateFiles(templatesDir, "*.html", SearchOption.AllDirectories)) names.Add(Path.GetRelativePath(templatesDir, f).Replace('\\', '/'));
        }
        return names.Where(n => n.EndsWith(".html", StringComparison.Ordinal) && !n.StartsWith("assets/", StringComparison.Ordinal));
    }

    /// <summary>How many files were kept, not rendered.</summary>
    public int Kept => _kept;

    /// <summary>True when the guide's page is kept as published (and its links hold); else it is to be rendered.</summary>
    public bool TryKeep(Guide guide, RenderStep render, SiteWriter writer)
    {
        var key = _keys.Page(guide, render.Pages.PageOf(guide));
        _new[guide.OutputPath] = (key, null);
        return KeepIfSame(guide.OutputPath, key, writer, links => render.Keep(guide, links));
    }

    /// <summary>True when listing number <paramref name="index"/> (at <paramref name="path"/>) is kept as published.</summary>
    public bool TryKeep(int index, string path, RenderStep render, SiteWriter writer)
    {
        var key = _keys.Listing(path);
        _new[path] = (key, null);
        return RenderStep.Keepable(path) && KeepIfSame(path, key, writer, links => render.Keep(index, links));
    }

    /// <summary>True when the search index is kept as published.</summary>
    public bool TryKeepSearchIndex(IReadOnlyList<Guide> guides, RenderStep render, SiteWriter writer)
    {
        var key = _keys.SearchIndex(guides, render.Pages.Site);
        _new[SitePages.SearchIndexPath] = (key, null);
        return KeepIfSame(SitePages.SearchIndexPath, key, writer, _ => true);
    }

    private bool KeepIfSame(string path, string key, SiteWriter writer, Func<WrittenLinks, bool> linksHold)
    {
        if (!_old.TryGetValue(path, out var old) || old.Entry.Key != key || !linksHold(old.Links) || !writer.TryKeep(path, old.Entry.Sha256)) return false;
        _new[path] = (key, old.Links);
        Interlocked.Increment(ref _kept);
        return true;
    }

    /// <summary>A file rendered and handed to the writer, with the links its templates wrote.</summary>
    public void Rendered(RenderedFile file)
    {
        if (_new.TryGetValue(file.Path, out var k)) _new[file.Path] = (k.Key, file.Links ?? new WrittenLinks([], []));
    }

    /// <summary>After the site is published: the record of what it holds, for the next build.</summary>
    public void Save(SiteWriter writer)
    {
        var strings = new List<string>();
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        int Number(string s)
        {
            if (numbers.TryGetValue(s, out var n)) return n;
            numbers[s] = strings.Count;
            strings.Add(s);
            return strings.Count - 1;
        }
        var files = new List<RenderedEntry>();
        foreach (var (path, (key, links)) in _new.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (links is null || writer.EntryOf(path) is not { } entry) continue;
            files.Add(new RenderedEntry(path, key, entry.Sha256, links.Urls.Select(Number).ToArray(), links.Ids.Select(Number).ToArray()));
        }
        _cache.PutRender(new RenderRecord { Strings = strings, Files = files });
    }
}

/// <summary>What <see cref="RenderSkip.For"/> looks at: the build's settings, cache, writer and render step.</summary>
internal sealed record SiteBuilderContext(Load.SiteConfig Config, BuildOptions Options, BuildCache? Cache, SiteWriter? Writer, RenderStep Render, SiteModelBuilder Model);
