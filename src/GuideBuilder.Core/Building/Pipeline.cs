using System.Collections.Concurrent;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model.Includes;
using GuideBuilder.Model;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using GuideBuilder.Validate;

namespace GuideBuilder.Building;

/// <summary>
/// The steps of a build, once, for every way of running them: <see cref="SiteBuilder"/> runs them over
/// the whole site and writes it (<c>build</c>, <c>check</c>); <see cref="LiveSite"/> runs them in memory
/// and again over what an edit touched (<c>serve</c>). In order:
/// <list type="number">
/// <item><see cref="Discover(string, DiagnosticBag?)"/>: the content folder's Markdown files and assets.</item>
/// <item><see cref="Read"/>: one file and its front matter.</item>
/// <item><see cref="AssignUrls"/>: each published guide's clean URL, in file order, conflicts reported.</item>
/// <item><see cref="CollectRedirects"/>: the guides' earlier URLs (<c>aliases:</c>), collisions reported.</item>
/// <item><see cref="Pass"/>: one guide on one syntax tree: strip, parse, shape, keep the old ids the ledger
/// has for it, check (fragments on other pages queued), render and sanitize its body, read its ids for the
/// ledger; then the tree is dropped. <see cref="CachedPass"/> runs it through the build cache.</item>
/// <item><see cref="CheckFragments"/>: the queued fragments, once every page's ids are known.</item>
/// <item><see cref="CheckLedger"/>: URLs the ledger has that no page or alias serves now.</item>
/// <item><see cref="Render"/>: the site model (<see cref="SiteModelBuilder"/>), then a <see cref="RenderStep"/> renders each
/// guide's page (<see cref="RenderStep.Page"/>) and the listings, feeds and sitemap (<see cref="RenderStep.Listing(int)"/>),
/// checking the links each writes, and reports what it found (<see cref="RenderStep.Report"/>).</item>
/// </list>
/// </summary>
internal sealed class Pipeline
{
    public Pipeline(SiteConfig config, BuildOptions options)
    {
        Config = config;
        Options = options;
        Strip = StripRules.Create(config.Strip, config.Sanitize.IframeHosts);
        Sanitizer = new BodySanitizer(config.Sanitize, Strip);
        BasePath = Uri.TryCreate(config.BaseUrl, UriKind.Absolute, out var bu) ? bu.AbsolutePath : "/";
        Ledger = new LedgerCheck(options.NoLedger ? null : PublishedLedger.Load(config.SiteDir));
    }

    /// <summary>The site's <c>published.yml</c> as read at the start (none with <c>--no-ledger</c>).</summary>
    public LedgerCheck Ledger { get; }

    /// <summary>True when each page's ids are read for the ledger: a ledger to compare with, or one to write.</summary>
    public bool RecordsIds => !Options.NoLedger && (Ledger.Ledger is not null || Options.Write);

    public SiteConfig Config { get; }
    public BuildOptions Options { get; }

    /// <summary>Where bodies wait between steps (in memory unless the caller sets a store on disk).</summary>
    public BodyStore Bodies { get; set; } = BodyStore.InMemory;
    public StripRules Strip { get; }
    public BodySanitizer Sanitizer { get; }

    /// <summary>The path of <c>base_url</c> (<c>/</c>, or <c>/docs/</c>…): site-root links are read below it.</summary>
    public string BasePath { get; }

    /// <summary>Step 1: every file under the content folder (the output folder left out); the folder must exist.</summary>
    public ContentFiles Discover(string output, DiagnosticBag? diagnostics = null) => Discover(Config, output, diagnostics);

    /// <summary>Step 1 for a site whose pipeline is not made yet (the build memo is looked at first).</summary>
    public static ContentFiles Discover(SiteConfig config, string output, DiagnosticBag? diagnostics)
    {
        if (!Directory.Exists(config.ContentDir))
        {
            throw new ConfigException($"content folder '{Path.GetRelativePath(config.SiteDir, config.ContentDir)}' does not exist");
        }
        return ContentFiles.Discover(config.ContentDir, config.SiteDir, output,
            diagnostics is null ? null : fault => fault.ReportTo(diagnostics, config.SiteDir), config.Exclude);
    }

    /// <summary>
    /// Step 2: reads one guide (path relative to the content folder) and the files it includes; null when it
    /// cannot be loaded (reported). With <paramref name="sha256"/>, the SHA-256 of the file's bytes is put there. A file under an <c>includes</c> folder is no page: of its diagnostics only
    /// those that keep it from loading are reported (its front matter is nobody's business).
    /// </summary>
    public GuideSource? Read(string rel, DiagnosticBag diagnostics, byte[]? sha256 = null)
    {
        var full = Path.Combine(Config.ContentDir, rel);
        var siteRel = Path.GetRelativePath(Config.SiteDir, full).Replace('\\', '/');
        GuideSource? source;
        if (IncludeFiles.InIncludesFolder(rel))
        {
            var quiet = new DiagnosticBag(Config.Rules);
            source = GuideReader.Read(full, siteRel, rel, quiet, sha256);
            foreach (var d in quiet.Sorted().Where(d => d.Rule == Rules.SourceUnreadable.Name || d.Rule == Rules.FrontMatterInvalid.Name || d.Rule.StartsWith("io.", StringComparison.Ordinal)))
            {
                diagnostics.Report(Rules.Find(d.Rule)!, d.Location, d.Message);
            }
        }
        else
        {
            source = GuideReader.Read(full, siteRel, rel, diagnostics, sha256);
        }
        return source is null ? null : source with { Includes = IncludeScan.Targets(source) };
    }

    /// <summary>Step 2b: the Markdown files that are include-only, hence not pages (see <see cref="IncludeFiles.IncludeOnly"/>).</summary>
    public static HashSet<string> IncludeOnly(IEnumerable<(string Rel, GuideSource? Source)> sources) => IncludeFiles.IncludeOnly(sources);

    /// <summary>The loaded include-only files, for <see cref="Pass"/> to splice into pages.</summary>
    public static IncludeFiles IncludeSources(IEnumerable<(string Rel, GuideSource? Source)> sources, HashSet<string> includeOnly) =>
        new(sources.Where(s => includeOnly.Contains(s.Rel)).ToDictionary(s => s.Rel, s => s.Source, StringComparer.Ordinal));

    /// <summary>True when a loaded guide is part of the site: not a draft, unless drafts are asked for.</summary>
    public bool Publishes(GuideSource? source) => source is not null && (!source.Meta.Draft || Options.Drafts);

    /// <summary>
    /// Step 3: gives each published guide its clean URL, in order of path. A bad slug is a
    /// <c>frontmatter.invalid</c>; two sources for one URL are both named and the second is skipped.
    /// Guides not published are added to <paramref name="unpublished"/>, drafts among them also to <paramref name="drafts"/>. <paramref name="make"/> may
    /// hand back a guide kept from an earlier run for the same source and URL.
    /// </summary>
    public List<Guide> AssignUrls(IEnumerable<(string Rel, GuideSource? Source)> sources, ICollection<string> unpublished,
        DiagnosticBag diagnostics, Func<GuideSource, string, Guide?>? make = null, IReadOnlySet<string>? includeOnly = null,
        ICollection<string>? drafts = null)
    {
        var byUrl = new Dictionary<string, Guide>(StringComparer.OrdinalIgnoreCase);
        var list = new List<Guide>();
        foreach (var (rel, src) in sources.OrderBy(s => s.Rel, StringComparer.Ordinal))
        {
            if (src is null || !Publishes(src) || includeOnly?.Contains(rel) == true)
            {
                unpublished.Add(rel);
                if (src is not null && includeOnly?.Contains(rel) != true) drafts?.Add(rel);
                continue;
            }
            var url = UrlFor(src, out var slugError);
            if (slugError is not null)
            {
                var line = src.Meta.KeyLines.GetValueOrDefault("slug", 1);
                diagnostics.Report(Rules.FrontMatterInvalid, new SourceLocation(src.SiteRelativePath, line, 1), slugError);
                unpublished.Add(rel);
                continue;
            }
            if (byUrl.TryGetValue(url, out var other))
            {
                diagnostics.Report(Rules.OutputConflict, new SourceLocation(src.SiteRelativePath, 1, 1),
                    $"this page and {other.Source.SiteRelativePath} would both be written to {url}index.html; this one is skipped");
                unpublished.Add(rel);
                continue;
            }
            var guide = make?.Invoke(src, url) ?? new Guide(src, url);
            byUrl[url] = guide;
            list.Add(guide);
        }
        return list;
    }

    /// <summary>The clean URL of a guide: its folder, then its slug or file name (<c>index</c> names the folder).</summary>
    public static string UrlFor(GuideSource src, out string? error)
    {
        error = null;
        var rel = src.ContentRelativePath;
        var dir = UrlPaths.DirectoryOf(rel);
        var name = Path.GetFileNameWithoutExtension(rel);
        if (src.Meta.Slug is { } slug)
        {
            if (slug.Contains("..") || slug.Contains('/') || slug.Contains('\\') || slug.Trim('.').Length == 0)
            {
                error = $"slug '{slug}' must be a single path segment without '..' or slashes";
                return "";
            }
            name = slug;
        }
        if (name.Equals("index", StringComparison.OrdinalIgnoreCase))
        {
            return dir.Length == 0 ? "" : dir + "/";
        }
        return (dir.Length == 0 ? "" : dir + "/") + name + "/";
    }

    /// <summary>Step 3b: the guides' aliases, checked against the index (which then resolves links to them).</summary>
    public static Redirects CollectRedirects(IReadOnlyList<Guide> guides, SiteIndex index, DiagnosticBag diagnostics)
    {
        var redirects = Redirects.Collect(guides, index, diagnostics);
        index.Redirects = redirects;
        return redirects;
    }

    /// <summary>The link checker for one state of the site index.</summary>
    public LinkValidator Links(SiteIndex index) => new(index, Strip, BasePath, Config.Links.OtherSites);

    /// <summary>
    /// Step 4, for one guide: strip, parse and shape it, check it against the site index (fragments on
    /// other pages go to <paramref name="deferred"/>), render its body into <see cref="Guide.BodyUtf8"/>,
    /// then drop the tree (see <see cref="LeanGuides"/>). Returns how many removals it made.
    /// </summary>
    public int Pass(Guide guide, LinkValidator links, DiagnosticBag diagnostics, ConcurrentQueue<DeferredFragment> deferred,
        LeanNeeds needs, StageTicks? ticks = null) => RunPass(guide, links, diagnostics, deferred, needs, ticks, asked: null);

    /// <summary><see cref="Pass"/>, noting in <paramref name="asked"/> what it asked of the site index.</summary>
    private int RunPass(Guide guide, LinkValidator links, DiagnosticBag diagnostics, ConcurrentQueue<DeferredFragment> deferred,
        LeanNeeds needs, StageTicks? ticks, IndexFacts? asked)
    {
        var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
        var lean = guide.Source;
        guide.Source = LeanGuides.SourceOf(guide);
        guide.PackedBody = null;
        Prepare(guide, Strip, diagnostics, links.Index.Includes);
        var report = new PageReporter(guide, diagnostics);
        Ledger.KeepOldIds(guide, report);
        var resolved = links.Resolve(guide);
        LinkValidator.Shape(guide, resolved);
        if (asked is not null) asked.Links = resolved;
        var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
        Check(guide, links, resolved, diagnostics, deferred);
        var t2 = System.Diagnostics.Stopwatch.GetTimestamp();
        var ids = RecordsIds ? new List<string>() : null;
        var body = Sanitizer.Render(guide, report, ids);
        // the sanitizer adds the ads only it removed
        var removals = guide.Removals.Count;
        if (ids is not null) Ledger.Record(guide, ids, report);
        guide.BodyUtf8 = Bodies.Put(System.Text.Encoding.UTF8.GetBytes(body));
        LeanGuides.Compact(guide, needs);
        guide.Source = lean;
        ticks?.Add(t1 - t0, t2 - t1, System.Diagnostics.Stopwatch.GetTimestamp() - t2);
        return removals;
    }

    /// <summary>
    /// <see cref="Pass"/> through the build cache: the result kept under the guide's key (see <see cref="PassKeys"/>) when
    /// there is one, else <see cref="Pass"/>, whose result is then kept. Either way the guide ends as the pass
    /// leaves it, its diagnostics are in <paramref name="diagnostics"/> and its fragments on other pages in
    /// <paramref name="deferred"/>, reported to <paramref name="diagnostics"/> when they are checked.
    /// </summary>
    public int CachedPass(Guide guide, LinkValidator links, DiagnosticBag diagnostics, ConcurrentQueue<DeferredFragment> deferred,
        LeanNeeds needs, PassKeys? cache, StageTicks? ticks = null)
    {
        if (cache is null) return Pass(guide, links, diagnostics, deferred, needs, ticks);
        var key = cache.KeyOf(guide, Ledger);
        if (key is not null && cache.Cache.GetPass(key) is { } kept && cache.StillHolds(kept, guide, links, Ledger))
        {
            var restored = new List<DeferredFragment>();
            kept.Restore(guide, cache.Index, Bodies, diagnostics, diagnostics, restored);
            foreach (var f in restored) deferred.Enqueue(f);
            return kept.RemovalCount;
        }
        var own = new DiagnosticBag(Config.Rules);
        var queued = new ConcurrentQueue<DeferredFragment>();
        var asked = new IndexFacts();
        var removals = RunPass(guide, links, own, queued, needs, ticks, asked);
        var found = own.Sorted();
        if (key is not null) cache.Cache.PutPass(PassEntry.Of(key, guide, removals, found, queued, asked.Links, cache.IncludeAnswers(guide.IncludeTargets), Ledger.EntryFor(guide)?.Line));
        diagnostics.AddResolved(found);
        foreach (var f in queued) deferred.Enqueue(f with { Report = new PageReporter(guide, diagnostics, f.Report.Note) });
        return removals;
    }

    /// <summary>
    /// Strip, parse and shape one guide (the per-guide part of stage 2), its include directives replaced by the
    /// files they name; returns how many removals it made.
    /// </summary>
    internal static int Prepare(Guide guide, StripRules strip, DiagnosticBag diagnostics, IncludeFiles? includes = null)
    {
        var report = new PageReporter(guide, diagnostics);
        var (document, lines, shortcodes) = Parse(guide.Source.Body, strip, guide.Removals, report);
        guide.Lines = lines;
        guide.Document = document;
        if (includes is not null)
        {
            shortcodes |= IncludeExpander.Expand(guide, includes, body =>
            {
                var (included, _, hasShortcodes) = Parse(body, strip, guide.Removals, report);
                return (included, hasShortcodes);
            }, report);
        }
        AstStripper.Apply(guide.Document, strip, guide.Lines.ToSource, guide.Removals,
            (line, message) => report.Report(Rules.StripSuspicious, line, 1, message));
        if (shortcodes)
        {
            ShortcodeConverter.Apply(guide.Document, strip, guide.Lines.ToSource, guide.Removals,
                (line, column, message) => report.Report(Rules.SourceShortcode, line, column, message));
        }
        GuideAnalyzer.Analyze(guide, (line, col, message) => report.Report(Rules.HeadingMultipleH1, line, col, message));
        return guide.Removals.Count;
    }

    /// <summary>
    /// Parses one file's body with ad marker regions stripped: the syntax tree, the lines it was parsed from
    /// (mapped to the file's lines), and whether it may hold shortcodes.
    /// </summary>
    private static (Markdig.Syntax.MarkdownDocument Document, SourceLines Lines, bool Shortcodes) Parse(SourceLines body, StripRules strip, List<Removal> removals, PageReporter report)
    {
        // The source is parsed first, so that the marker pass sees code and raw HTML as Markdig does; when
        // the pass changes nothing that tree is the page's, else the new text is parsed again.
        var problems = new List<(int Line, string Message)>();
        string? unreadable = null;
        var shortcodes = ShortcodeConverter.MightHaveShortcodes(body.Text);
        var document = SafeMarkdown.Parse(body.Text, (line, message) => problems.Add((line, message)), message => unreadable = message,
            out var shape, shortcodes ? ShortcodeConverter.ParserContext(strip) : null);
        var text = MarkerRegions.Apply(body, strip, shape);
        removals.AddRange(text.Removals);
        foreach (var (line, message) in text.Suspicious) report.Report(Rules.StripSuspicious, line, 1, message);
        if (!ReferenceEquals(text.Lines, body))
        {
            problems.Clear();
            unreadable = null;
            shortcodes = ShortcodeConverter.MightHaveShortcodes(text.Lines.Text);
            document = SafeMarkdown.Parse(text.Lines.Text, (line, message) => problems.Add((line, message)), message => unreadable = message,
                shortcodes ? ShortcodeConverter.ParserContext(strip) : null);
        }
        foreach (var (line, message) in problems) report.Report(Rules.SourceTooDeep, text.Lines.ToSource(line), 1, message);
        if (unreadable is not null) report.Report(Rules.SourceUnreadable, IncludeLines.IsIncluded(text.Lines.ToSource(0)) ? text.Lines.ToSource(0) : 1, 1, unreadable);
        return (document, text.Lines, shortcodes);
    }

    /// <summary>
    /// Checks one shaped guide: its links (by the answers <paramref name="resolved"/> the index gave), headings and
    /// lint. Reads the guide and its tree, never changes them. With <paramref name="deferred"/>, anchors on other pages
    /// are queued (see <see cref="LinkValidator.CheckDeferred"/>).
    /// </summary>
    internal static void Check(Guide guide, LinkValidator links, PageLinks resolved, DiagnosticBag diagnostics, ConcurrentQueue<DeferredFragment>? deferred = null)
    {
        var report = new PageReporter(guide, diagnostics);
        links.Check(guide, resolved, report, deferred);
        HeadingRules.Check(report);
        GuideLint.Check(report);
    }

    /// <summary>What one pass asked of the site index, for the build cache to ask again (see <see cref="PassKeys.StillHolds"/>).</summary>
    private sealed class IndexFacts
    {
        public PageLinks? Links { get; set; }
    }

    /// <summary>
    /// Step 7: the render step for the site's published <paramref name="guides"/> (in order) once their pass is done:
    /// the site model, and the output links checked against the guides' pages, the listings, the theme's assets and
    /// the content folder's <paramref name="assets"/>. The site model is <paramref name="built"/> when given (one kept
    /// and patched between edits), else <paramref name="model"/> builds it. Template errors go to <paramref name="templates"/>' diagnostics.
    /// With <paramref name="dropBodies"/> (build) each guide's body is let go once its page is rendered (see <see cref="RenderStep.DropBodies"/>).
    /// </summary>
    public RenderStep Render(IReadOnlyList<Guide> guides, TemplateEngine templates, IEnumerable<string> assets, SiteModelBuilder model,
        bool dropBodies, (SiteModel Site, Dictionary<Guide, PageModel> Pages)? built = null) =>
        new(Config, guides, model, templates, assets, built) { DropBodies = dropBodies, KeepHtml = Options.KeepHtml };

    /// <summary>Step 5: the fragments <see cref="Pass"/> queued, now that every page's ids are known.</summary>
    public static void CheckFragments(ConcurrentQueue<DeferredFragment> deferred)
    {
        LinkValidator.CheckDeferred(deferred);
        deferred.Clear();
    }

    /// <summary>Step 6: every URL in the ledger that no guide and no alias serves is <c>url.removed</c>.</summary>
    public void CheckLedger(IReadOnlyList<Guide> guides, Redirects redirects, DiagnosticBag diagnostics, IEnumerable<string> unpublished)
    {
        Ledger.CheckRemoved(guides, redirects, diagnostics, unpublished);
    }
}
