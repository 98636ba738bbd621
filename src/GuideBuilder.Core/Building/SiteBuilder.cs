using System.Collections.Concurrent;
using System.Diagnostics;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using GuideBuilder.Validate;
using GuideBuilder.Write;
using GuideBuilder.Model;

namespace GuideBuilder.Building;

/// <summary>
/// The pipeline, in order. Per-guide stages run in parallel; the site-wide steps between them
/// (index, listings) are linear in the number of guides.
/// <list type="number">
/// <item>Load: discover <c>content/**/*.md</c>, read front matter (bad pages are reported and skipped), give each guide its URL.</item>
/// <item>One pass per guide, on one syntax tree: strip ad marker regions from the text, parse, strip ad HTML, links and
/// disclaimers from the tree, shape steps, keys, figures and the title, collect headings, ids and links, check
/// headings and links against the site index (paths and URLs only), rewrite links, render the body. The tree is then dropped.</item>
/// <item>Validate: anchors on other pages, now that every page's ids are known; external links when asked for.</item>
/// <item>Write: pages through the templates, listings, feeds and assets into a staging folder, swapped in on success.</item>
/// </list>
/// </summary>
public sealed class SiteBuilder(SiteConfig config, BuildOptions options)
{
    private readonly DiagnosticBag _diagnostics = new(config.Rules);

    public SiteConfig Config { get; } = config;

    public BuildResult Build()
    {
        var total = Stopwatch.StartNew();
        var sw = Stopwatch.StartNew();
        var output = options.OutputOverride is { } o ? Path.GetFullPath(o) : Config.OutputDir;
        if (options.Write) SiteWriter.CheckOutputPath(Config, output);
        var strip = StripRules.Create(Config.Strip);

        // Load
        if (!Directory.Exists(Config.ContentDir))
        {
            throw new ConfigException($"content folder '{Path.GetRelativePath(Config.SiteDir, Config.ContentDir)}' does not exist");
        }
        var files = ContentFiles.Discover(Config.ContentDir, Config.SiteDir, output);
        var sources = new ConcurrentBag<GuideSource>();
        var unpublished = new ConcurrentBag<string>();
        var bodies = new ConcurrentDictionary<string, (byte[], int[])>(StringComparer.Ordinal);
        Parallel.ForEach(files.Markdown, rel =>
        {
            var full = Path.Combine(Config.ContentDir, rel);
            var siteRel = Path.GetRelativePath(Config.SiteDir, full).Replace('\\', '/');
            var src = GuideReader.Read(full, siteRel, rel, _diagnostics);
            if (src is null || (src.Meta.Draft && !options.Drafts))
            {
                unpublished.Add(rel);
                return;
            }
            var (lean, packed) = LeanGuides.Pack(src);
            if (packed is not null) bodies[rel] = packed.Value;
            sources.Add(lean);
        });
        var guides = AssignUrls(sources.OrderBy(s => s.ContentRelativePath, StringComparer.Ordinal), unpublished);
        foreach (var g in guides) g.PackedBody = bodies.TryGetValue(g.Source.ContentRelativePath, out var body) ? body : null;
        var loadMs = sw.ElapsedMilliseconds;

        // One pass per guide on all cores: strip, parse and shape it, check it, check and rewrite its
        // links against the site index (which needs only paths and URLs, known after loading), render
        // its body; then its syntax tree is dropped. Anchors on other pages are checked after the pass,
        // when every page's ids are known.
        sw.Restart();
        var index = new SiteIndex(guides, unpublished, files.All);
        var basePath = Uri.TryCreate(Config.BaseUrl, UriKind.Absolute, out var bu) ? bu.AbsolutePath : "/";
        var links = new LinkValidator(index, strip, basePath, Config.Links.OtherSites);
        var sanitizer = new BodySanitizer(Config.Sanitize);
        var deferred = new ConcurrentQueue<DeferredFragment>();
        var ticks = new StageTicks();
        var stripped = 0;
        var needs = new LeanNeeds(Links: Config.External.Enabled, Removals: options.StripReportPath is not null);
        Parallel.ForEach(guides, guide => Interlocked.Add(ref stripped, LeanGuides.Process(guide, strip, links, sanitizer, _diagnostics, deferred, ticks, needs)));
        var passMs = sw.ElapsedMilliseconds;

        // Validate: anchors across pages, then external links when asked for.
        sw.Restart();
        LinkValidator.CheckDeferred(deferred);
        deferred.Clear();
        if (Config.External.Enabled)
        {
            new ExternalLinkChecker(Config.External, ExternalLinkChecker.CachePathFor(Config.SiteDir)).Check(guides, _diagnostics, links.SkipExternal);
        }
        var passTicks = Math.Max(1, ticks.Prepare + ticks.Validate + ticks.Render);
        var stripMs = passMs * ticks.Prepare / passTicks;
        var validateMs = sw.ElapsedMilliseconds + passMs * ticks.Validate / passTicks;
        var bodyMs = passMs - stripMs - passMs * ticks.Validate / passTicks;

        // Render + write. Pages are rendered and written in one pass on all cores, so only a page per
        // core is held as HTML; the listings follow. With errors nothing is written (pages are still
        // rendered, for template diagnostics); a template error found on the way leaves the staging
        // folder unswapped, so the published output never changes on a failed build.
        sw.Restart();
        var modelBuilder = new SiteModelBuilder(Config, guides, options.LiveReload) { DeferJsonLd = !LeanGuides.SiteTemplatesMention(Config.TemplatesDir, "json_ld") };
        var site = modelBuilder.Build();
        var templates = new TemplateEngine(Config.TemplatesDir, Config.SiteDir, _diagnostics);
        var pages = new SitePages(Config, site, templates);
        if (options.StripReportPath is { } reportPath) StripReport.Write(reportPath, guides, stripped, output);
        var errors = _diagnostics.HasErrors || (options.Strict && _diagnostics.Count(Severity.Warning) > 0);
        using var writer = options.Write && !errors ? SiteWriter.Open(output) : null;
        long renderTicks = 0, writeTicks = 0;
        Parallel.ForEach(guides, guide =>
        {
            var t0 = Stopwatch.GetTimestamp();
            var page = pages.PageOf(guide);
            page.ContentHtml = guide.BodyUtf8 is { } body ? System.Text.Encoding.UTF8.GetString(body) : "";
            guide.BodyUtf8 = null;
            if (modelBuilder.DeferJsonLd) page.JsonLd = modelBuilder.JsonLdFor(guide, page);
            var html = pages.RenderGuide(guide);
            if (modelBuilder.DeferJsonLd) page.JsonLd = "";
            var t1 = Stopwatch.GetTimestamp();
            if (html is not null) writer?.WriteText(guide.OutputPath, html);
            Interlocked.Add(ref renderTicks, t1 - t0);
            Interlocked.Add(ref writeTicks, Stopwatch.GetTimestamp() - t1);
            if (options.KeepHtml)
            {
                guide.ContentHtml = page.ContentHtml;
                guide.Html = html;
            }
            else
            {
                page.ContentHtml = "";
            }
        });
        // Listings, each written as soon as it is rendered (the big ones — home, search index — are not all held at once).
        var t2 = Stopwatch.GetTimestamp();
        // The search index, the biggest file, is streamed onto its file rather than rendered to a string.
        var jobs = pages.ListingJobs(guides).Where(j => j.Path != SitePages.SearchIndexPath).ToList();
        writer?.WriteStream(SitePages.SearchIndexPath, stream => pages.WriteSearchIndex(guides, stream));
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            if (jobs[i].Render() is { } content) writer?.WriteText(jobs[i].Path, content);
        });
        renderTicks += (Stopwatch.GetTimestamp() - t2) * Environment.ProcessorCount;
        var written = false;
        errors = _diagnostics.HasErrors || (options.Strict && _diagnostics.Count(Severity.Warning) > 0);
        if (writer is not null && !errors)
        {
            var t3 = Stopwatch.GetTimestamp();
            Parallel.ForEach(files.Assets, asset =>
            {
                if (writer.TryCopy(Path.Combine(Config.ContentDir, asset), asset) is { } copyError)
                {
                    var siteRel = Path.GetRelativePath(Config.SiteDir, Path.Combine(Config.ContentDir, asset)).Replace('\\', '/');
                    _diagnostics.Report(Rules.SourceUnreadable, new SourceLocation(siteRel, 0, 0), copyError);
                }
            });
            foreach (var name in templates.AssetNames())
            {
                if (templates.ReadThemeFile(name) is { } bytes) writer.WriteBytes(name, bytes);
            }
            if (!_diagnostics.HasErrors)
            {
                writer.Commit();
                written = true;
            }
            writeTicks += (Stopwatch.GetTimestamp() - t3) * Environment.ProcessorCount;
        }
        // The fused pass is split between the two stages in proportion to the time spent in each.
        var fusedMs = sw.ElapsedMilliseconds;
        var writeMs = renderTicks + writeTicks == 0 ? 0 : fusedMs * writeTicks / (renderTicks + writeTicks);
        var renderMs = fusedMs - writeMs + bodyMs;
        return new BuildResult(_diagnostics.Sorted(), guides.Count, stripped, total.ElapsedMilliseconds,
            new StageTimings(loadMs, stripMs, renderMs, validateMs, writeMs), written, guides);
    }

    /// <summary>Strip, parse and shape one guide (the per-guide part of stage 2); returns how many removals it made.</summary>
    internal static int Prepare(Guide guide, StripRules strip, DiagnosticBag diagnostics)
    {
        var report = new PageReporter(guide, diagnostics);
        var text = MarkerRegions.Apply(guide.Source.Body, strip);
        guide.Lines = text.Lines;
        guide.Removals.AddRange(text.Removals);
        foreach (var (line, message) in text.Suspicious) report.Report(Rules.StripSuspicious, line, 1, message);
        guide.Document = SafeMarkdown.Parse(guide.Lines.Text,
            (line, message) => report.Report(Rules.SourceTooDeep, guide.Lines.ToSource(line), 1, message),
            message => report.Report(Rules.SourceUnreadable, 1, 1, message));
        AstStripper.Apply(guide.Document, strip, guide.Lines.ToSource, guide.Removals,
            (line, message) => report.Report(Rules.StripSuspicious, line, 1, message));
        GuideAnalyzer.Analyze(guide, (line, col, message) => report.Report(Rules.HeadingMultipleH1, line, col, message));
        return guide.Removals.Count;
    }

    /// <summary>
    /// Validate one guide against the site index, rewriting its links, then its headings and lint.
    /// With <paramref name="deferred"/>, anchors on other pages are queued (see <see cref="LinkValidator.Validate"/>).
    /// </summary>
    internal static void Check(Guide guide, LinkValidator links, DiagnosticBag diagnostics, ConcurrentQueue<DeferredFragment>? deferred = null)
    {
        var report = new PageReporter(guide, diagnostics);
        links.Validate(guide, report, deferred);
        HeadingRules.Check(report);
        GuideLint.Check(report);
    }

    /// <summary>Gives each guide its clean URL; two sources that map to one URL are both reported and the second skipped.</summary>
    private List<Guide> AssignUrls(IEnumerable<GuideSource> sources, ConcurrentBag<string> unpublished)
    {
        var byUrl = new Dictionary<string, Guide>(StringComparer.OrdinalIgnoreCase);
        var list = new List<Guide>();
        foreach (var src in sources)
        {
            var url = UrlFor(src, out var slugError);
            if (slugError is not null)
            {
                var line = src.Meta.KeyLines.GetValueOrDefault("slug", 1);
                _diagnostics.Report(Rules.FrontMatterInvalid, new SourceLocation(src.SiteRelativePath, line, 1), slugError);
                unpublished.Add(src.ContentRelativePath);
                continue;
            }
            if (byUrl.TryGetValue(url, out var other))
            {
                _diagnostics.Report(Rules.OutputConflict, new SourceLocation(src.SiteRelativePath, 1, 1),
                    $"this page and {other.Source.SiteRelativePath} would both be written to {url}index.html; this one is skipped");
                unpublished.Add(src.ContentRelativePath);
                continue;
            }
            var guide = new Guide(src, url);
            byUrl[url] = guide;
            list.Add(guide);
        }
        return list;
    }

    internal static string UrlFor(GuideSource src, out string? error)
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
}
