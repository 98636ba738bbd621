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
/// The <see cref="Pipeline"/> over the whole site, written to the output folder (<c>build</c>) or not (<c>check</c>). Per-guide stages run in parallel; the site-wide steps between them
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

    /// <summary>The body store for a build of so many guides (<see cref="BodyStore.For"/>; tests ask for one on disk).</summary>
    internal Func<int, BodyStore> StoreFor { get; init; } = BodyStore.For;

    public BuildResult Build()
    {
        var started = DateTime.UtcNow;
        var total = Stopwatch.StartNew();
        var sw = Stopwatch.StartNew();
        var output = options.OutputOverride is { } o ? Path.GetFullPath(o) : Config.OutputDir;
        if (options.Write) SiteWriter.CheckOutputPath(Config, output);
        // Load: read every file (bodies packed as UTF-8 as they are read), then give each guide its URL.
        var cache = options.NoCache ? null : BuildCache.Open(Config, _diagnostics);
        var files = Pipeline.Discover(Config, output, _diagnostics);
        // The whole build as one cached step: nothing it reads changed, so its result is the last one (see BuildMemo).
        // The output folder is looked at while the inputs are: on two cores the two take the time of one.
        var intact = cache is null || !options.Write ? null : Task.Run(() => BuildMemo.OutputIntact(output, OutputManifest.PathFor(Config.CacheDir)));
        var intactDone = intact is null;
        var memoKey = cache is null || _diagnostics.Sorted().Count > 0 ? null : BuildMemo.KeyOf(Config, options, output, files, started);
        if (memoKey is not null && cache!.GetMemo(options.Write) is { } memo && memo.Key == memoKey && memo.Ledger == BuildMemo.LedgerOf(Config)
            && (!options.Write || (intactDone = intact!.Result)))
        {
            _diagnostics.AddResolved(memo.Diagnostics);
            return new BuildResult(_diagnostics.Sorted(), memo.Pages, memo.Stripped, total.ElapsedMilliseconds, new StageTimings(sw.ElapsedMilliseconds, 0, 0, 0, 0), memo.Written, []);
        }
        // Not replayed: the look at the output folder ends before anything is written there.
        if (!intactDone) intact!.Wait();
        var pipeline = new Pipeline(Config, options);
        var progress = options.Progress;
        progress?.Begin("load", files.Markdown.Count, "files");
        using var store = StoreFor(files.Markdown.Count);
        pipeline.Bodies = store;
        var sources = new (string Rel, GuideSource? Source)[files.Markdown.Count];
        var bodies = new ConcurrentDictionary<string, (StoredBytes, int[])>(StringComparer.Ordinal);
        var hashes = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        Parallel.For(0, files.Markdown.Count, i =>
        {
            var rel = files.Markdown[i];
            var sha = cache is null ? null : new byte[32];
            var src = pipeline.Read(rel, _diagnostics, sha);
            if (sha is not null && src is not null) hashes[rel] = Convert.ToHexStringLower(sha);
            if (pipeline.Publishes(src))
            {
                var (lean, packed) = LeanGuides.Pack(src!, store);
                if (packed is not null) bodies[rel] = packed.Value;
                src = lean;
            }
            sources[i] = (rel, src);
            progress?.Step();
        });
        var unpublished = new List<string>();
        var includeOnly = Pipeline.IncludeOnly(sources);
        for (var i = 0; i < sources.Length; i++)
        {
            // An include-only file is spliced into every page that includes it: it keeps its whole text.
            if (includeOnly.Contains(sources[i].Rel) && sources[i].Source is { } lean && bodies.TryRemove(sources[i].Rel, out var packedBody)) sources[i] = (sources[i].Rel, LeanGuides.Unpack(lean, packedBody));
        }
        var drafts = new List<string>();
        var guides = pipeline.AssignUrls(sources, unpublished, _diagnostics, includeOnly: includeOnly, drafts: drafts);
        foreach (var g in guides) g.PackedBody = bodies.TryGetValue(g.Source.ContentRelativePath, out var body) ? body : null;
        // The guides hold their bodies now; the pass drops each one's (and its line map) when it is done with it.
        bodies.Clear();
        var loadMs = sw.ElapsedMilliseconds;

        // One pass per guide on all cores (see Pipeline.Pass); anchors on other pages are checked after
        // the pass, when every page's ids are known.
        sw.Restart();
        var index = new SiteIndex(guides, unpublished, files.All) { Includes = Pipeline.IncludeSources(sources, includeOnly), Drafts = drafts.ToHashSet(StringComparer.Ordinal) };
        var redirects = Pipeline.CollectRedirects(guides, index, _diagnostics);
        Array.Clear(sources);   // the guides and the index hold what is still needed; the rest goes with each pass
        var links = pipeline.Links(index);
        var deferred = new ConcurrentQueue<DeferredFragment>();
        var ticks = new StageTicks();
        var stripped = 0;
        var needs = new LeanNeeds(Links: Config.External.Enabled, Removals: options.StripReportPath is not null);
        var keys = cache is null ? null : new PassKeys(cache, PassKeys.SettingsKey(Config, options, needs, pipeline.RecordsIds), index, hashes);
        // Unless the site's templates list other pages' JSON-LD, each page's is made right after its pass and waits
        // in the store, so the step texts it is made from need not stay in memory until the page is rendered.
        var modelBuilder = new SiteModelBuilder(Config, guides, options.LiveReload) { DeferJsonLd = !LeanGuides.SiteTemplatesMention(Config.TemplatesDir, "json_ld") };
        progress?.Begin("check", guides.Count, "guides");
        Parallel.ForEach(guides, guide =>
        {
            Interlocked.Add(ref stripped, pipeline.CachedPass(guide, links, _diagnostics, deferred, needs, keys, ticks));
            if (modelBuilder.DeferJsonLd) LeanGuides.StoreJsonLd(guide, modelBuilder, store);
            LeanGuides.DropKeyLines(guide);
            progress?.Step();
        });
        hashes.Clear();   // read only by the pass's cache keys
        var passMs = sw.ElapsedMilliseconds;

        // Validate: anchors across pages, then external links when asked for.
        sw.Restart();
        Pipeline.CheckFragments(deferred);
        pipeline.CheckLedger(guides, redirects, _diagnostics, unpublished);
        if (Config.External.Enabled)
        {
            progress?.Begin("external links", 0, "links");
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
        var templates = new TemplateEngine(Config.TemplatesDir, Config.SiteDir, _diagnostics);
        var render = pipeline.Render(guides, templates, files.Assets, modelBuilder, dropBodies: true);
        if (options.StripReportPath is { } reportPath) Guarded(() => StripReport.Write(reportPath, guides, stripped, output));
        var errors = _diagnostics.HasErrors || (options.Strict && _diagnostics.Count(Severity.Warning) > 0);
        // --no-cache leaves the cache's state alone: a build into another folder keeps the manifest of the folder the cached builds publish.
        var manifestPath = OutputManifest.PathFor(Config.CacheDir);
        if (options.NoCache && OutputManifest.Describes(manifestPath) is { } described && described != output) manifestPath = null;
        using var writer = options.Write && !errors ? Guarded(() => SiteWriter.Open(output, manifestPath)) : null;
        long renderTicks = 0, writeTicks = 0;
        // Only what changed is rendered: a page whose render key is the one recorded, and whose published file is intact, is kept as it is.
        var skip = RenderSkip.For(new SiteBuilderContext(Config, options, cache, writer, render, modelBuilder));
        progress?.Begin(writer is null ? "render" : "write", guides.Count, "guides");
        void RenderPage(Guide guide)
        {
            var t0 = Stopwatch.GetTimestamp();
            var page = render.Page(guide);
            var t1 = Stopwatch.GetTimestamp();
            if (page.Text is { } html)
            {
                writer?.WriteText(page.Path, html);
                skip?.Rendered(page);
            }
            Interlocked.Add(ref renderTicks, t1 - t0);
            Interlocked.Add(ref writeTicks, Stopwatch.GetTimestamp() - t1);
        }
        Parallel.ForEach(guides, guide =>
        {
            if (skip is null || !skip.TryKeep(guide, render, writer!)) RenderPage(guide);
            progress?.Step();
        });
        // Listings, each written as soon as it is rendered (the big ones — home, search index — are not all held at once).
        var t2 = Stopwatch.GetTimestamp();
        progress?.Begin("listings", render.ListingCount + 1, "pages");
        if (skip is null || !skip.TryKeepSearchIndex(guides, render, writer!))
        {
            writer?.WriteStream(SitePages.SearchIndexPath, render.WriteSearchIndex);
            skip?.Rendered(new RenderedFile(SitePages.SearchIndexPath, null));
        }
        progress?.Step();
        var listingPaths = render.ListingPaths.ToList();
        Parallel.For(0, render.ListingCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            progress?.Step();
            if (skip is not null && skip.TryKeep(i, listingPaths[i], render, writer!)) return;
            if (render.Listing(i) is not { Text: { } content } listing) return;
            writer?.WriteText(listing.Path, content);
            skip?.Rendered(listing);
        });
        // A kept page that links to a fragment another page no longer has is rendered after all, to be reported.
        if (skip is not null)
        {
            foreach (var path in render.KeptWithDeadFragments())
            {
                if (render.GuideAt(path) is { } guide) RenderPage(guide);
                else if (listingPaths.IndexOf(path) is var i and >= 0 && render.Listing(i) is { Text: { } content } listing)
                {
                    writer?.WriteText(listing.Path, content);
                    skip.Rendered(listing);
                }
            }
        }
        renderTicks += (Stopwatch.GetTimestamp() - t2) * Environment.ProcessorCount;
        render.Report(_diagnostics);
        var written = false;
        string? ledgerNote = null;
        errors = _diagnostics.HasErrors || (options.Strict && _diagnostics.Count(Severity.Warning) > 0);
        if (writer is not null && !errors)
        {
            var t3 = Stopwatch.GetTimestamp();
            progress?.Begin("assets", files.Assets.Count, "files");
            Parallel.ForEach(files.Assets, asset =>
            {
                progress?.Step();
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
            foreach (var redirect in redirects.ByUrl.Values) writer.WriteText(RedirectPages.PathOf(redirect), RedirectPages.Html(redirect, Config));
            if (redirects.ByUrl.Count > 0) writer.WriteText(RedirectPages.RedirectsFile, RedirectPages.File(redirects, pipeline.BasePath));
            if (writer.Fault is { } fault)
            {
                ReportWriteFault(writer, fault, output);
            }
            else if (!_diagnostics.HasErrors)
            {
                // The ledger is staged before the swap and put in place right after it: a failed build writes neither.
                using var ledger = options.NoLedger ? null : Guarded(() => LedgerFile.Stage(Config.SiteDir, w => pipeline.Ledger.Write(guides, redirects, w)));
                if (options.NoLedger || ledger is not null)
                {
                    cache?.Close();   // before the manifest, which records that there is a cache
                    written = Guarded(() =>
                    {
                        writer.Commit();
                        return true;
                    });
                    if (written) ledgerNote = Guarded(() => ledger?.Commit());
                    if (written) skip?.Save(writer);
                }
            }
            writeTicks += (Stopwatch.GetTimestamp() - t3) * Environment.ProcessorCount;
        }
        cache?.Close();
        var result = _diagnostics.Sorted();
        if (memoKey is not null && (written || !options.Write) && !result.Any(d => d.Rule.StartsWith("io.", StringComparison.Ordinal))
            && BuildMemo.KeyOf(Config, options, output, files, started) == memoKey)
        {
            // The inputs looked at again: one edited, added or deleted while the build ran changes the key (an edited one is
            // younger than the build's start: no key at all), and then no memo is recorded.
            cache!.PutMemo(options.Write, new BuildMemo
            {
                Key = memoKey,
                Ledger = BuildMemo.LedgerOf(Config),
                Diagnostics = result.Where(d => d.Rule != Rules.CacheReset.Name).ToList(),
                Pages = guides.Count,
                Stripped = stripped,
                Written = written,
            });
        }
        // The fused pass is split between the two stages in proportion to the time spent in each.
        var fusedMs = sw.ElapsedMilliseconds;
        var writeMs = renderTicks + writeTicks == 0 ? 0 : fusedMs * writeTicks / (renderTicks + writeTicks);
        var renderMs = fusedMs - writeMs + bodyMs;
        return new BuildResult(result, guides.Count, stripped, total.ElapsedMilliseconds,
            new StageTimings(loadMs, stripMs, renderMs, validateMs, writeMs), written, guides) 
        {
            Changes = writer?.Changes ?? OutputChanges.None,
            Ledger = ledgerNote,
            KeptFiles = skip is null ? null : (skip.Kept, guides.Count + render.ListingCount + 1),
        };
    }

    /// <summary>Runs a step that touches the file system; a failure of the machine becomes its one io.* diagnostic.</summary>
    private T? Guarded<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (IoFaultException e)
        {
            e.Fault.ReportTo(_diagnostics, Config.SiteDir);
            return default;
        }
    }

    private void Guarded(Action step) => Guarded(() =>
    {
        step();
        return true;
    });

    /// <summary>
    /// The writer's first fault as one diagnostic. The partial copy is removed first, so a full disk is reported with
    /// the room there really is for the next try, beside the size of the whole site.
    /// </summary>
    private void ReportWriteFault(SiteWriter writer, IoFault fault, string output)
    {
        if (fault.Rule == Rules.IoNoSpace)
        {
            try
            {
                writer.Abandon();
            }
            catch (Exception e) when (IoFault.IsIo(e))
            {
            }
            var volume = Path.GetDirectoryName(Path.GetFullPath(output))!;
            fault = fault with { Needed = writer.Bytes, Free = IoFault.FreeSpace(volume), Volume = volume };
        }
        fault.ReportTo(_diagnostics, Config.SiteDir);
    }
}
