using System.Diagnostics;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using GuideBuilder.Validate;
using GuideBuilder.Write;
using GuideBuilder.Model;

namespace GuideBuilder.Building;

/// <summary>What one <see cref="LiveSite.Update"/> did.</summary>
public sealed record LiveUpdate(long ElapsedMs, int Read, int Prepared, int Validated, bool Structural);

/// <summary>
/// The site kept in memory for <c>serve</c>: the <see cref="Pipeline"/>'s steps, as <see cref="SiteBuilder"/>
/// runs them, run once for everything, then again only for what an edit touches. Per guide it keeps
/// the parsed source, the rendered body (UTF-8) and its diagnostics. An edited guide is
/// re-read and re-shaped; it and every guide whose links may point at it (matched by file-name
/// stem, an over-approximation) are re-validated. An edit that keeps every page's URL touches no
/// other guide: the site model is patched (see <see cref="SiteModelBuilder.Patch"/>), a new title or
/// date included (the page moves in its lists, its category's neighbours are linked again); a new URL,
/// category or tag rebuilds it on the next request. Pages, listings and feeds
/// are rendered on request through the pipeline's <see cref="RenderStep"/>, so an edit never re-renders pages nobody
/// asked for; the step is kept and updated in place when the model is patched (<see cref="RenderStep.Update"/>).
/// The links the templates write (<c>link.template</c>) are checked as build checks them, over every page
/// and listing while loading; after a change, in the background (<see cref="OutputChecked"/> says when), again
/// only the pages it touched when the model was patched (the re-shaped guides, the pages whose previous/next link
/// changed, the listings that hold them), else every page.
/// Not thread-safe by itself: callers hold one lock around <see cref="Update"/> and <see cref="Get"/>.
/// </summary>
public sealed class LiveSite
{
    private readonly BuildOptions _options;
    private readonly Pipeline _pipeline;
    private readonly Dictionary<string, SourceEntry> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GuideEntry> _guides = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _linkers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);
    private readonly Dictionary<Guide, PageModel> _models = [];
    private readonly HashSet<string> _diagnosed = new(StringComparer.Ordinal);
    private (SiteModel Site, Dictionary<Guide, PageModel> Pages)? _model;
    private IReadOnlyList<Diagnostic>? _diagnosticList;
    private Dictionary<string, int> _orderIndex = new(StringComparer.Ordinal);
    private List<Diagnostic> _urlDiagnostics = [];
    private List<Diagnostic> _ledgerDiagnostics = [];
    private ContentFiles _files = new([], [], []);
    private HashSet<string> _fileSet = new(StringComparer.Ordinal);
    private List<Guide> _ordered = [];
    private List<string> _unpublished = [];
    private SiteIndex? _index;
    private Redirects _redirects = Redirects.None;
    private TemplateEngine _templates;
    private DiagnosticBag _templateDiagnostics;
    private RenderStep? _render;
    // Output paths whose links are to be checked again on the kept render step; null: every page (a new step).
    private HashSet<string>? _recheck;
    // The site's own templates may show a page on pages other than its own, its neighbours' and the listings that hold it.
    private bool _templatesReachOtherPages;
    private readonly object _findingsGate = new();
    private List<Diagnostic> _outputFindings = [];
    private Task _outputCheck = Task.CompletedTask;
    private CancellationTokenSource _outputStop = new();

    public LiveSite(SiteConfig config, BuildOptions options)
    {
        Config = config;
        _options = options;
        _pipeline = new Pipeline(config, options);
        _templateDiagnostics = new DiagnosticBag(config.Rules);
        _templates = new TemplateEngine(config.TemplatesDir, config.SiteDir, _templateDiagnostics);
        _templatesReachOtherPages = TemplatesReachOtherPages(config);
    }

    /// <summary>
    /// True when the site's own templates mention <c>pages</c>, <c>prev</c> or <c>next</c>: then a page may show other
    /// pages than the built-in theme's do (see <see cref="RenderStep.ListingsShowing"/>), and a change re-checks
    /// the links of every page.
    /// </summary>
    private static bool TemplatesReachOtherPages(SiteConfig config) =>
        LeanGuides.SiteTemplatesMention(config.TemplatesDir, "pages") || LeanGuides.SiteTemplatesMention(config.TemplatesDir, "prev")
        || LeanGuides.SiteTemplatesMention(config.TemplatesDir, "next");

    public SiteConfig Config { get; }

    /// <summary>Published guides (drafts included when the options say so).</summary>
    public int Pages => _ordered.Count;

    private sealed record SourceEntry(DateTime Modified, long Length, GuideSource? Source, IReadOnlyList<Diagnostic> Diagnostics);

    private sealed record GuideEntry(Guide Guide, IReadOnlyList<Diagnostic> Diagnostics, string[] LinkStems);

    /// <summary>Loads and checks every guide. Call once before anything else.</summary>
    public LiveUpdate Build()
    {
        var sw = Stopwatch.StartNew();
        _files = _pipeline.Discover(Config.OutputDir);
        _fileSet = new HashSet<string>(_files.All, StringComparer.Ordinal);
        var read = ReadSources(_files.Markdown);
        var (prepared, validated) = Relink(_files.Markdown, all: true);
        _render = NewRender();
        var found = CheckOutput(_render, null, CancellationToken.None);
        _recheck = new HashSet<string>(StringComparer.Ordinal);
        lock (_findingsGate) _outputFindings = found;
        return new LiveUpdate(sw.ElapsedMilliseconds, read, prepared, validated, Structural: true);
    }

    /// <summary>
    /// Raised on a background thread when the output's links have been checked again after a change; <see cref="Diagnostics"/>
    /// holds the new findings. A handler must not wait for anything the caller of <see cref="Update"/> holds.
    /// </summary>
    public event Action? OutputChecked;

    /// <summary>
    /// The pipeline's render step over the output files at <paramref name="paths"/> (null: every guide page and listing,
    /// as build runs it; nothing kept), for the links the templates wrote: the <c>link.template</c> findings of the
    /// whole output (the step keeps what the other pages found).
    /// </summary>
    private List<Diagnostic> CheckOutput(RenderStep step, IReadOnlyList<string>? paths, CancellationToken stop, int cores = -1)
    {
        var options = new ParallelOptions { CancellationToken = stop, MaxDegreeOfParallelism = cores };
        if (paths is null)
        {
            Parallel.ForEach(_ordered.ToList(), options, g => step.Page(g));
            Parallel.For(0, step.ListingCount, options, i => step.Listing(i));
        }
        else
        {
            Parallel.ForEach(paths, options, p => step.File(p));
        }
        var bag = new DiagnosticBag(Config.Rules);
        step.Report(bag);
        return bag.Sorted().ToList();
    }

    /// <summary>How long after a change the background check of the output's links starts: the page a browser asks for
    /// right after a save is rendered first, and a burst of saves starts one check. Tests shorten it.</summary>
    internal TimeSpan CheckDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// Checks the output's links again in the background, on the site as it is now, on one core (the other answers
    /// requests), after <see cref="CheckDelay"/>: the pages <see cref="_recheck"/> names on the kept render step (which
    /// requests render on too), or every page of a new one. The render step is made here, before the check starts, so
    /// the site model is only ever built on the caller's thread. The next change stops the check before it touches
    /// anything (<see cref="StopOutputCheck"/>); what it did not finish is checked the next time.
    /// </summary>
    private void StartOutputCheck()
    {
        var step = _render ??= NewRender();
        if (_recheck is { Count: 0 }) return;
        var paths = _recheck?.ToList();
        LastChecked = paths;
        var stop = _outputStop = new CancellationTokenSource();
        _outputCheck = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(CheckDelay, stop.Token);
                var found = CheckOutput(step, paths, stop.Token, cores: 1);
                lock (_findingsGate)
                {
                    if (stop.IsCancellationRequested) return;
                    _outputFindings = found;
                    _diagnosticList = null;
                    // Every change waits for this task to end before it adds pages to check.
                    _recheck = new HashSet<string>(StringComparer.Ordinal);
                }
                OutputChecked?.Invoke();
            }
            catch (OperationCanceledException)
            {
            }
        });
    }

    private void StopOutputCheck()
    {
        _outputStop.Cancel();
        try
        {
            _outputCheck.Wait();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is OperationCanceledException))
        {
        }
    }

    /// <summary>Stops the background check of the output's links (a site that is replaced).</summary>
    public void Close() => StopOutputCheck();

    /// <summary>The output paths the last background check rendered again; null when it was every page (tests).</summary>
    internal IReadOnlyList<string>? LastChecked { get; private set; }

    /// <summary>Waits until the output's links are checked on the site as it is now (tests).</summary>
    internal void WaitForOutputCheck() => _outputCheck.Wait();

    /// <summary>
    /// Brings the site up to date after the given files changed (absolute paths; created, edited or
    /// deleted). Files under the content folder are re-read only when their time stamp or size moved.
    /// Template changes reload the templates. site.yml is the caller's business (it means a new LiveSite).
    /// Returns null when none of the paths belongs to the site.
    /// </summary>
    public LiveUpdate? Update(IEnumerable<string> changedPaths)
    {
        var sw = Stopwatch.StartNew();
        var content = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Config.ContentDir)) + Path.DirectorySeparatorChar;
        var templates = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Config.TemplatesDir)) + Path.DirectorySeparatorChar;
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var structural = false;
        var templatesChanged = false;
        var rescan = false;
        foreach (var full in changedPaths.Select(p => Path.GetFullPath(p)).Distinct())
        {
            // The templates or content folder itself (or a folder above it) may have appeared, vanished or been replaced.
            var above = full + Path.DirectorySeparatorChar;
            var aboveContent = content.StartsWith(above, StringComparison.Ordinal);
            if (full.StartsWith(templates, StringComparison.Ordinal) || templates.StartsWith(above, StringComparison.Ordinal))
            {
                templatesChanged = true;
                if (!aboveContent) continue;
            }
            if (aboveContent)
            {
                rescan = true;
                continue;
            }
            if (!full.StartsWith(content, StringComparison.Ordinal)) continue;
            var rel = full[content.Length..].Replace('\\', '/');
            var exists = File.Exists(full);
            if (exists != _fileSet.Contains(rel) || Directory.Exists(full)) structural = true;
            changed.Add(rel);
        }
        if (changed.Count == 0 && !templatesChanged && !rescan) return null;
        StopOutputCheck();
        try
        {
            return Apply(sw, changed, structural, templatesChanged, rescan);
        }
        finally
        {
            StartOutputCheck();
        }
    }

    private LiveUpdate Apply(Stopwatch sw, HashSet<string> changed, bool structural, bool templatesChanged, bool rescan)
    {
        _diagnosticList = null;
        if (rescan)
        {
            // Rare (a checkout, a folder moved back): everything is looked at again; unchanged files are not re-read.
            Discover();
            foreach (var gone in _sources.Keys.Where(k => !_fileSet.Contains(k)).ToList())
            {
                _sources.Remove(gone);
                Mark(gone);
            }
            var reread = ReadSources(_files.Markdown);
            var (p, v) = Relink(_files.All, all: true);
            if (templatesChanged) ReloadTemplates();
            return new LiveUpdate(sw.ElapsedMilliseconds, reread, p, v, Structural: true);
        }
        if (structural) Discover();

        var markdown = changed.Where(r => IsMarkdown(r)).ToList();
        foreach (var rel in markdown.Where(r => !_fileSet.Contains(r)))
        {
            _sources.Remove(rel);
            Mark(rel);
        }
        if (structural)
        {
            // A folder moved or vanished: drop every source that is gone.
            foreach (var gone in _sources.Keys.Where(k => !_fileSet.Contains(k)).ToList())
            {
                _sources.Remove(gone);
                Mark(gone);
                markdown.Add(gone);
            }
        }
        var read = ReadSources(markdown.Where(_fileSet.Contains).Concat(structural ? _files.Markdown.Where(m => !_sources.ContainsKey(m)) : []).Distinct().ToList());
        var (prepared, validated) = changed.Count > 0 || structural ? Relink(changed, all: false) : (0, 0);

        if (templatesChanged) ReloadTemplates();
        return new LiveUpdate(sw.ElapsedMilliseconds, read, prepared, validated, structural);
    }

    private void ReloadTemplates()
    {
        _templateDiagnostics = new DiagnosticBag(Config.Rules);
        _templates = new TemplateEngine(Config.TemplatesDir, Config.SiteDir, _templateDiagnostics);
        _templatesReachOtherPages = TemplatesReachOtherPages(Config);
        _diagnosticList = null;
        Invalidate();
    }

    private static bool IsMarkdown(string rel) =>
        rel.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || rel.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>Looks at the content folder again; a folder that vanished while serving is an empty site, not an error.</summary>
    private void Discover()
    {
        _files = Directory.Exists(Config.ContentDir) ? _pipeline.Discover(Config.OutputDir) : new ContentFiles([], [], []);
        _fileSet = new HashSet<string>(_files.All, StringComparer.Ordinal);
    }

    /// <summary>Reads the given guides whose time stamp or size differs from the cached copy; returns how many were read.</summary>
    private int ReadSources(IReadOnlyList<string> rels)
    {
        var results = new SourceEntry?[rels.Count];
        Parallel.For(0, rels.Count, i =>
        {
            var rel = rels[i];
            var full = Path.Combine(Config.ContentDir, rel);
            var info = new FileInfo(full);
            if (!info.Exists) return;
            if (_sources.TryGetValue(rel, out var old) && old.Modified == info.LastWriteTimeUtc && old.Length == info.Length) return;
            var bag = new DiagnosticBag(Config.Rules);
            var src = _pipeline.Read(rel, bag);
            results[i] = new SourceEntry(info.LastWriteTimeUtc, info.Length, src, bag.Sorted());
        });
        var read = 0;
        for (var i = 0; i < rels.Count; i++)
        {
            if (results[i] is not { } entry) continue;
            _sources[rels[i]] = entry;
            Mark(rels[i]);
            read++;
        }
        return read;
    }

    /// <summary>
    /// Assigns URLs, re-shapes guides whose source changed, updates the index and re-validates the
    /// changed guides and those that link to them (or everything when <paramref name="all"/>).
    /// </summary>
    private (int Prepared, int Validated) Relink(IEnumerable<string> changedRels, bool all)
    {
        var changed = new HashSet<string>(changedRels, StringComparer.Ordinal);
        if (!all && RelinkEdited(changed) is { } quick) return quick;
        var oldUrls = _guides.ToDictionary(kv => kv.Key, kv => kv.Value.Guide.Url, StringComparer.Ordinal);

        // URLs: the pipeline's step, keeping the guide of a source that is unchanged and at the same URL.
        var urlBag = new DiagnosticBag(Config.Rules);
        var unpublished = new List<string>();
        var drafts = new List<string>();
        var sources = _sources.Select(kv => (kv.Key, kv.Value.Source)).ToList();
        var includeOnly = Pipeline.IncludeOnly(sources);
        var published = _pipeline.AssignUrls(sources, unpublished, urlBag,
            (src, url) => _guides.TryGetValue(src.ContentRelativePath, out var cached) && ReferenceEquals(cached.Guide.Source, src) && cached.Guide.Url == url ? cached.Guide : null,
            includeOnly, drafts);
        _urlDiagnostics = urlBag.Sorted().ToList();

        // Which pages changed shape: new, gone, re-read, or moved to another URL.
        var publishedRels = new HashSet<string>(published.Select(g => g.Source.ContentRelativePath), StringComparer.Ordinal);
        var fresh = published.Where(g => !_guides.TryGetValue(g.Source.ContentRelativePath, out var e) || !ReferenceEquals(e.Guide, g)).ToList();
        var gone = _guides.Keys.Where(k => !publishedRels.Contains(k)).ToList();
        var structural = all || gone.Count > 0 || fresh.Any(g => !oldUrls.TryGetValue(g.Source.ContentRelativePath, out var u) || u != g.Url)
            || !unpublished.SequenceEqual(_unpublished) || _index is null || changed.Any(c => !IsMarkdown(c))
            || fresh.Any(g => _guides.TryGetValue(g.Source.ContentRelativePath, out var e) && (!Guide.SameTerms(e.Guide.Meta, g.Meta) || !SameAliases(e.Guide.Meta, g.Meta)));

        // Stems of everything that changed: links whose last segment matches may have changed meaning.
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rel in changed.Concat(gone).Concat(fresh.Select(g => g.Source.ContentRelativePath))) AddStems(stems, rel, null);
        foreach (var g in fresh)
        {
            if (g.Meta.Slug is { } slug) stems.Add(slug.ToLowerInvariant());
            if (oldUrls.TryGetValue(g.Source.ContentRelativePath, out var u)) AddStems(stems, u.TrimEnd('/'), null);
        }

        var toCheck = new HashSet<string>(fresh.Select(g => g.Source.ContentRelativePath), StringComparer.Ordinal);
        foreach (var stem in stems)
        {
            if (_linkers.TryGetValue(stem, out var linkers)) toCheck.UnionWith(linkers.Where(publishedRels.Contains));
        }
        if (all) toCheck.UnionWith(publishedRels);

        foreach (var rel in gone) Forget(rel);

        // Re-shape from the cached source: validation rewrites links in the tree, so a page is
        // shaped afresh each time it is validated (no file is read again). The index holds the new
        // guide objects before the pass, so links between them resolve to the new versions.
        var byRel = published.ToDictionary(g => g.Source.ContentRelativePath, StringComparer.Ordinal);
        var work = toCheck.Select(rel =>
        {
            var g = byRel[rel];
            return _guides.TryGetValue(rel, out var e) && ReferenceEquals(e.Guide, g) ? new Guide(g.Source, g.Url) : g;
        }).ToList();
        foreach (var g in work) byRel[g.Source.ContentRelativePath] = g;
        published = published.Select(g => byRel[g.Source.ContentRelativePath]).ToList();

        if (structural || _index is null)
        {
            _index = new SiteIndex(published, unpublished, _files.All) { Drafts = drafts.ToHashSet(StringComparer.Ordinal) };
            var ledgerBag = new DiagnosticBag(Config.Rules);
            _redirects = Pipeline.CollectRedirects(published, _index, ledgerBag);
            _pipeline.CheckLedger(published, _redirects, ledgerBag, unpublished);
            _ledgerDiagnostics = ledgerBag.Sorted().ToList();
        }
        else
        {
            foreach (var g in work)
            {
                _index.ByPath[g.Source.ContentRelativePath] = g;
                _index.ByUrl[g.Url] = g;
            }
        }
        _unpublished = unpublished;
        _index.Includes = Pipeline.IncludeSources(sources, includeOnly);
        var swaps = Process(work);
        _ordered = published;
        _orderIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < published.Count; i++) _orderIndex[published[i].Source.ContentRelativePath] = i;
        PatchModel(structural ? null : swaps);
        return (work.Count, work.Count);
    }

    /// <summary>
    /// The common edit: guides that were published, still are, at the same URL. Nothing else in the
    /// site moves, so only they and the guides linking to them are re-shaped and re-checked, without
    /// walking the whole site. Null when the edit is anything else (the full walk handles it).
    /// </summary>
    private (int Prepared, int Validated)? RelinkEdited(HashSet<string> changed)
    {
        var work = new List<Guide>();
        foreach (var rel in changed)
        {
            if (!IsMarkdown(rel) || !_guides.TryGetValue(rel, out var entry) || !_sources.TryGetValue(rel, out var source)) return null;
            if (source.Source is not { } src || (src.Meta.Draft && !_options.Drafts)) return null;
            if (!src.Includes.SequenceEqual(entry.Guide.Source.Includes, StringComparer.Ordinal)) return null;   // a file became include-only, or stopped being one
            if (ReferenceEquals(src, entry.Guide.Source)) continue;   // touched, not changed
            if (Pipeline.UrlFor(src, out var slugError) != entry.Guide.Url || slugError is not null || !Guide.SameTerms(entry.Guide.Meta, src.Meta)
                || !SameAliases(entry.Guide.Meta, src.Meta)) return null;
            work.Add(new Guide(src, entry.Guide.Url));
        }
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in work)
        {
            AddStems(stems, g.Source.ContentRelativePath, null);
            AddStems(stems, g.Url.TrimEnd('/'), null);
            if (g.Meta.Slug is { } slug) stems.Add(slug.ToLowerInvariant());
        }
        var seen = new HashSet<string>(work.Select(g => g.Source.ContentRelativePath), StringComparer.Ordinal);
        foreach (var stem in stems)
        {
            if (!_linkers.TryGetValue(stem, out var linkers)) continue;
            foreach (var rel in linkers)
            {
                if (seen.Add(rel) && _guides.TryGetValue(rel, out var e)) work.Add(new Guide(e.Guide.Source, e.Guide.Url));
            }
        }
        if (work.Count == 0) return (0, 0);
        foreach (var g in work)
        {
            _index!.ByPath[g.Source.ContentRelativePath] = g;
            _index.ByUrl[g.Url] = g;
        }
        var swaps = Process(work);
        foreach (var g in work)
        {
            _ordered[_orderIndex[g.Source.ContentRelativePath]] = g;
        }
        PatchModel(swaps);
        return (work.Count, work.Count);
    }

    /// <summary>
    /// The pipeline's per-guide pass over <paramref name="work"/> against the current index, then the
    /// fragments it queued; keeps each guide's diagnostics. Returns (old, new) guide pairs.
    /// </summary>
    private List<(Guide Old, Guide New)> Process(List<Guide> work)
    {
        var links = _pipeline.Links(_index!);
        var bags = new DiagnosticBag[work.Count];
        var deferred = new System.Collections.Concurrent.ConcurrentQueue<DeferredFragment>();
        var needs = new LeanNeeds(Links: true, Removals: false);
        Parallel.For(0, work.Count, i =>
        {
            bags[i] = new DiagnosticBag(Config.Rules);
            _pipeline.Pass(work[i], links, bags[i], deferred, needs);
        });
        Pipeline.CheckFragments(deferred);
        var swaps = new List<(Guide Old, Guide New)>();
        for (var i = 0; i < work.Count; i++)
        {
            var g = work[i];
            var rel = g.Source.ContentRelativePath;
            if (_guides.TryGetValue(rel, out var old)) swaps.Add((old.Guide, g));
            Forget(rel);
            var linkStems = LinkStems(g);
            _guides[rel] = new GuideEntry(g, bags[i].Sorted(), linkStems);
            Mark(rel);
            foreach (var s in linkStems)
            {
                if (!_linkers.TryGetValue(s, out var set)) _linkers[s] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(rel);
            }
        }
        return swaps;
    }

    /// <summary>
    /// Swaps re-shaped guides into the site model and the render step, and notes which pages to check again: the
    /// guides', the pages whose previous/next link changed, the listings that hold them. Drops the model and the step
    /// (rebuilt for the next request, every page checked again) when that cannot be done in place.
    /// </summary>
    private void PatchModel(List<(Guide Old, Guide New)>? swaps)
    {
        var relinked = new HashSet<string>(StringComparer.Ordinal);
        _model = _model is { } current && swaps is not null
            ? new SiteModelBuilder(Config, _ordered, _options.LiveReload, _models).Patch(current, swaps, relinked)
            : null;
        if (_model is not { } patched || _render is not { } step)
        {
            Invalidate();
            return;
        }
        step.Update(_ordered, patched.Site, swaps!);
        _cache.Clear();
        if (_recheck is not { } recheck) return;
        if (_templatesReachOtherPages)
        {
            _recheck = null;
            return;
        }
        foreach (var (_, fresh) in swaps!)
        {
            recheck.Add(fresh.OutputPath);
            recheck.UnionWith(step.ListingsShowing(fresh));
        }
        foreach (var url in relinked) recheck.Add(url + "index.html");
    }

    /// <summary>Keeps <see cref="_diagnosed"/> (the files with any diagnostic) in step with one file's entries.</summary>
    private void Mark(string rel)
    {
        var any = (_sources.TryGetValue(rel, out var s) && s.Diagnostics.Count > 0)
            || (_guides.TryGetValue(rel, out var g) && g.Diagnostics.Count > 0);
        if (any) _diagnosed.Add(rel);
        else _diagnosed.Remove(rel);
    }

    private void Forget(string rel)
    {
        if (!_guides.Remove(rel, out var old)) return;
        Mark(rel);
        _models.Remove(old.Guide);
        foreach (var s in old.LinkStems)
        {
            if (_linkers.TryGetValue(s, out var set)) set.Remove(rel);
        }
    }

    /// <summary>Last path segment without extension, lower-cased; for <c>index</c> files also the folder's name.</summary>
    private static void AddStems(HashSet<string> stems, string path, string? pageDir)
    {
        var p = path.Replace('\\', '/').TrimEnd('/');
        if (pageDir is not null && p.Length == 0) p = pageDir;
        var slash = p.LastIndexOf('/');
        var last = slash >= 0 ? p[(slash + 1)..] : p;
        var dot = last.LastIndexOf('.');
        var stem = (dot > 0 ? last[..dot] : last).ToLowerInvariant();
        if (stem == "index" && slash > 0) AddStems(stems, p[..slash], null);
        if (stem == "index" && slash < 0) stems.Add("");
        stems.Add(stem);
    }

    private static string[] LinkStems(Guide g)
    {
        var stems = new HashSet<string>(StringComparer.Ordinal);
        var dir = UrlPaths.DirectoryOf(g.Source.ContentRelativePath);
        foreach (var link in g.Links)
        {
            if (UrlPaths.IsExternal(link.Url)) continue;
            var (path, _, _) = UrlPaths.Split(link.Url.Trim());
            if (path.Length == 0) continue;   // same page: re-checked with the page itself
            AddStems(stems, UrlPaths.Decode(path), dir);
        }
        foreach (var target in g.IncludeTargets) AddStems(stems, target, null);
        return stems.ToArray();
    }

    private void Invalidate()
    {
        _render = null;
        _recheck = null;
        _cache.Clear();
    }

    /// <summary>Every current diagnostic, sorted by file, line, column, code.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics()
    {
        // Only the files known to have diagnostics are visited; the list is kept until the next change.
        lock (_findingsGate)
        {
            if (_diagnosticList is { } list) return list;
            var all = _diagnosed.SelectMany(rel =>
                    (_sources.TryGetValue(rel, out var s) ? s.Diagnostics : []).Concat(_guides.TryGetValue(rel, out var g) ? g.Diagnostics : []))
                .Concat(_urlDiagnostics)
                .Concat(_ledgerDiagnostics)
                .Concat(_outputFindings)
                .Concat(_templateDiagnostics.Sorted().Distinct());   // a page rendered again reports its template's error again
            return _diagnosticList = DiagnosticBag.Sort(all);
        }
    }

    /// <summary>
    /// The file at a URL path of the site (leading '/', base path already removed): a rendered page,
    /// a theme asset or a content asset. Null when the site has no such file.
    /// </summary>
    public SiteFile? Get(string urlPath)
    {
        if (FilePath(urlPath, _pipeline.BasePath) is not { } path) return null;
        if (_cache.TryGetValue(path, out var text)) return new SiteFile(path, null, text);

        if (RedirectAt(path) is { } redirected)
        {
            _cache[path] = redirected;
            return new SiteFile(path, null, redirected);
        }
        _render ??= NewRender();
        var rendered = path == SitePages.SearchIndexPath ? SearchIndex(_render) : _render.File(path)?.Text;
        if (rendered is null)
        {
            _templates.ReportRenderErrors();
            _diagnosticList = null;
        }
        if (rendered is not null)
        {
            _cache[path] = rendered;
            return new SiteFile(path, null, rendered);
        }
        if (path.StartsWith("assets/", StringComparison.Ordinal) && _templates.ReadThemeFile(path) is { } bytes) return new SiteFile(path, bytes, null);
        if (_fileSet.Contains(path) && !IsMarkdown(path))
        {
            var full = Path.Combine(Config.ContentDir, path);
            try
            {
                return new SiteFile(path, File.ReadAllBytes(full), null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// The output file a URL path names (base path removed, <c>index.html</c> added to a folder), as the output
    /// folder spells it; null for a path with a <c>.</c>, <c>..</c> or hidden segment.
    /// </summary>
    internal static string? FilePath(string urlPath, string basePath)
    {
        var path = Uri.UnescapeDataString(urlPath).TrimStart('/');
        if (basePath.Length > 1 && ("/" + path).StartsWith(basePath, StringComparison.Ordinal)) path = ("/" + path)[basePath.Length..];
        if (path.Length == 0 || path.EndsWith('/')) path += "index.html";
        return path.Split('/').Any(s => s is ".." or "." || s.StartsWith('.')) ? null : path;
    }

    /// <summary>True when <paramref name="urlPath"/> names a folder of the site that has an index page (for redirects to the slash form).</summary>
    public bool IsFolder(string urlPath)
    {
        var path = urlPath.Trim('/');
        return path.Length > 0 && !path.EndsWith(".html", StringComparison.Ordinal) && Get("/" + path + "/") is not null;
    }

    /// <summary>A redirect page or the <c>_redirects</c> file, as the build writes them; null for any other path.</summary>
    private string? RedirectAt(string path)
    {
        if (_redirects.ByUrl.Count == 0) return null;
        if (path == RedirectPages.RedirectsFile) return RedirectPages.File(_redirects, _pipeline.BasePath);
        if (!path.EndsWith("/index.html", StringComparison.Ordinal) || _redirects.Find(path[..^"index.html".Length]) is not { } r) return null;
        // The target as it is now (an edit replaces the guide object).
        var target = _index is not null && _index.ByUrl.TryGetValue(r.Target.Url, out var now) ? now : r.Target;
        return RedirectPages.Html(r with { Target = target }, Config);
    }

    private static bool SameAliases(Load.FrontMatter a, Load.FrontMatter b) =>
        a.Aliases.Select(x => x.Value).SequenceEqual(b.Aliases.Select(x => x.Value), StringComparer.Ordinal);

    /// <summary>How many times the site model was built whole (an edit that patches it in place does not count).</summary>
    internal int ModelBuilds { get; private set; }

    /// <summary>How many render steps were made (an edit that updates the kept one in place does not count).</summary>
    internal int RenderSteps { get; private set; }

    /// <summary>The pipeline's render step over the site as it is now, its model kept (and patched) between requests.</summary>
    private RenderStep NewRender()
    {
        var builder = new SiteModelBuilder(Config, _ordered, _options.LiveReload, _models);
        RenderSteps++;
        if (_model is null) ModelBuilds++;
        _model ??= builder.Build();
        return _pipeline.Render(_ordered, _templates, _files.Assets, builder, dropBodies: false, built: _model);
    }

    private static string SearchIndex(RenderStep step)
    {
        using var buffer = new MemoryStream();
        step.WriteSearchIndex(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

/// <summary>One file of a served site: rendered text or raw bytes.</summary>
public sealed record SiteFile(string Path, byte[]? Bytes, string? Text);

/// <summary>
/// The last build's output folder, when the build cache proves it is exactly what <c>build</c> would write now:
/// the build memo's key (every file of the content and templates folders by size and time stamp, site.yml, the
/// options, the GuideBuilder build; see <see cref="BuildMemo"/>) equals the key of the inputs as they are, the
/// memo's published.yml is the one on disk, and every file the manifest lists is in the output folder with its
/// recorded size and time stamp. <c>serve</c> answers from it while its own site loads (a warm start): what
/// it serves then is, byte for byte, what build made; it serves only the files the manifest lists (a file added
/// to the output since is not the build's). Only reads the cache and the output.
/// </summary>
public sealed class BuiltOutput
{
    private readonly string _basePath;
    private readonly Dictionary<string, ManifestEntry> _files;

    private BuiltOutput(string folder, IReadOnlyList<Diagnostic> diagnostics, int pages, string basePath, Dictionary<string, ManifestEntry> files)
    {
        Folder = folder;
        Diagnostics = diagnostics;
        Pages = pages;
        _basePath = basePath;
        _files = files;
    }

    /// <summary>The output folder.</summary>
    public string Folder { get; }

    /// <summary>The last build's report (the memo's).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Pages the last build published.</summary>
    public int Pages { get; }

    /// <summary>
    /// The site's output folder when it is current (see the class), else null. The inputs (a look at every file of the
    /// content and templates folders) and the output (a look at every file the manifest lists) are proved on two
    /// threads at once.
    /// </summary>
    public static BuiltOutput? Find(SiteConfig config)
    {
        try
        {
            if (BuildCache.OpenToRead(config)?.GetMemo(write: true) is not { Written: true } memo) return null;
            var output = config.OutputDir;
            var intact = Task.Run(() => IntactFiles(output, OutputManifest.PathFor(config.CacheDir)));
            var files = Pipeline.Discover(config, output, null);
            var started = DateTime.UtcNow;
            var key = BuildMemo.KeyOf(config, new BuildOptions(), output, files, started);
            // A build with --strict that was written made the same files.
            if (key is not null && key != memo.Key) key = BuildMemo.KeyOf(config, new BuildOptions { Strict = true }, output, files, started);
            var current = key is not null && key == memo.Key && memo.Ledger == BuildMemo.LedgerOf(config);
            if (intact.GetAwaiter().GetResult() is not { } built || !current) return null;
            var basePath = Uri.TryCreate(config.BaseUrl, UriKind.Absolute, out var bu) ? bu.AbsolutePath : "/";
            return new BuiltOutput(output, memo.Diagnostics, memo.Pages, basePath, built);
        }
        catch (Exception e) when (e is ConfigException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The manifest's files when every one is in the output folder with its recorded size and time stamp, else null.</summary>
    private static Dictionary<string, ManifestEntry>? IntactFiles(string output, string manifestPath)
    {
        var entries = OutputManifest.Read(manifestPath, output);
        if (entries.Count == 0) return null;
        foreach (var (rel, e) in entries)
        {
            var info = new FileInfo(Path.Combine(output, rel));
            if (!info.Exists || e.Size != info.Length || e.ModifiedTicks != info.LastWriteTimeUtc.Ticks) return null;
        }
        return entries;
    }

    /// <summary>The built file at a URL path (pages as text, other files as bytes), or null when the build wrote none there.</summary>
    public SiteFile? Get(string urlPath)
    {
        if (LiveSite.FilePath(urlPath, _basePath) is not { } path || !_files.ContainsKey(path)) return null;
        var full = Path.Combine(Folder, path);
        try
        {
            if (!File.Exists(full)) return null;
            var bytes = File.ReadAllBytes(full);
            return path.EndsWith(".html", StringComparison.Ordinal) ? new SiteFile(path, null, System.Text.Encoding.UTF8.GetString(bytes)) : new SiteFile(path, bytes, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="urlPath"/> names a folder with an index page in the output.</summary>
    public bool IsFolder(string urlPath)
    {
        var path = urlPath.Trim('/');
        return path.Length > 0 && !path.EndsWith(".html", StringComparison.Ordinal) && Get("/" + path + "/") is not null;
    }
}
