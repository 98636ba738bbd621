using System.Diagnostics;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using GuideBuilder.Validate;
using GuideBuilder.Model;

namespace GuideBuilder.Bench.Runner;

/// <summary>
/// <c>breakdown --site DIR</c>: runs the per-guide steps of the pipeline on one thread, guide by
/// guide, and prints CPU time and bytes allocated per step. Shows which step to optimise.
/// </summary>
public static class Breakdown
{
    public static int Execute(string site, int repeat)
    {
        var config = SiteConfigLoader.Load(Path.Combine(site, "site.yml"));
        var strip = StripRules.Create(config.Strip);
        var files = ContentFiles.Discover(config.ContentDir, config.SiteDir, config.OutputDir);
        for (var round = 0; round < repeat; round++)
        {
            var bag = new DiagnosticBag(config.Rules);
            var steps = new Dictionary<string, (double Ms, long Bytes)>();
                        T Step<T>(string name, Func<T> f)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var r = f();
                var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                var (ms, b) = steps.GetValueOrDefault(name);
                steps[name] = (ms + used.TotalMilliseconds, b + GC.GetTotalAllocatedBytes(precise: true) - before);
                return r;
            }
            var guides = new List<Guide>();
            foreach (var rel in files.Markdown)
            {
                var full = Path.Combine(config.ContentDir, rel);
                var src = Step("read+frontmatter", () => GuideReader.Read(full, "content/" + rel, rel, bag));
                if (src is null) continue;
                var g = new Guide(src, rel[..^3] + "/");
                guides.Add(g);
                var report = new PageReporter(g, bag);
                MarkdownShape shape = null!;
                var first = Step("markdig-parse", () => SafeMarkdown.Parse(g.Source.Body.Text, (_, _) => { }, _ => { }, out shape));
                var text = Step("marker-regions", () => MarkerRegions.Apply(g.Source.Body, strip, shape));
                g.Lines = text.Lines;
                g.Removals.AddRange(text.Removals);
                g.Document = ReferenceEquals(text.Lines, g.Source.Body) ? first
                    : Step("markdig-parse (again)", () => SafeMarkdown.Parse(g.Lines.Text, (_, _) => { }, _ => { }));
                Step("ast-strip", () => { AstStripper.Apply(g.Document, strip, g.Lines.ToSource, g.Removals, (_, _) => { }); return 0; });
                Step("analyze", () => { GuideAnalyzer.Analyze(g, (_, _, _) => { }); return 0; });
                // What the measuring itself costs per step (reading CPU time and allocation counters): subtract from each row.
                Step("(empty step)", () => 0);
            }
            var index = new SiteIndex(guides, [], files.All);
            var links = new LinkValidator(index, strip, "/");
            var sanitizer = new BodySanitizer(config.Sanitize);
            var sanitized = 0;
            foreach (var g in guides)
            {
                var report = new PageReporter(g, bag);
                var resolved = Step("resolve-links", () => links.Resolve(g));
                Step("shape-links", () => { LinkValidator.Shape(g, resolved); return 0; });
                Step("validate", () => { links.Check(g, resolved, report); HeadingRules.Check(report); GuideLint.Check(report); return 0; });
                var lines = BodySanitizer.Needs(g) ? new BodyLineMap() : null;
                g.ContentHtml = Step("render-body", () => PageRenderer.RenderBody(g, lines));
                if (lines is not null) sanitized++;
                var ids = new List<string>();
                g.ContentHtml = Step("sanitize", () => lines is not null ? sanitizer.Sanitize(g, g.ContentHtml, report, lines, ids) : g.ContentHtml);
                Step("page-ids (ledger)", () => PageIds.Of(g, ids.Count > 0 ? ids : PageIds.FromTree(g.Document!) ?? PageIds.Read(g.ContentHtml!)).Count);
            }
            Console.WriteLine($"pages through the HTML sanitizer: {sanitized} of {guides.Count}");
            var model = Step("site-model", () => new SiteModelBuilder(config, guides, liveReload: false).Build());
            var templates = new TemplateEngine(config.TemplatesDir, config.SiteDir, bag);
            Step("templates+pages", () => new GuideBuilder.Write.SitePages(config, model, templates).RenderAll(guides));
            Console.WriteLine($"round {round + 1}, {guides.Count} guides, CPU time (one thread except templates+pages):");
            foreach (var (name, (ms, bytes)) in steps)
            {
                Console.WriteLine($"  {name,-18} {ms,8:F0} ms  {ms * 1000 / guides.Count,7:F0} µs/guide  {bytes / guides.Count / 1024,6} KB/guide");
            }
        }
        return 0;
    }
}
