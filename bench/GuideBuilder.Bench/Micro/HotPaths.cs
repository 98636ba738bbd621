using BenchmarkDotNet.Attributes;
using GuideBuilder.Bench.Corpus;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using GuideBuilder.Write;
using GuideBuilder.Model;

namespace GuideBuilder.Bench.Micro;

/// <summary>
/// The per-guide hot paths found with <c>bench breakdown</c> and dotnet-trace, each on one guide of
/// a generated 40-guide site: the text pass, Markdig parse, the syntax-tree strip (with the
/// AngleSharp pass on the link farm and AdSense blocks), the analyzer, the body render and the page
/// templates. Run: <c>dotnet run -c Release --project bench/GuideBuilder.Bench -- micro --filter '*'</c>.
/// </summary>
[MemoryDiagnoser]
public class HotPaths
{
    private string _site = "";
    private StripRules _rules = null!;
    private GuideSource _source = null!;
    private string _stripped = "";
    private MarkdownShape _shape = null!;
    private string _farm = "";
    private Guide _guide = null!;
    private SitePages _pages = null!;
    private SiteModelBuilder _model = null!;
    private PageModel _page = null!;
    private Func<string?> _tagPage = null!;

    [GlobalSetup]
    public void Setup()
    {
        _site = Path.Combine(Path.GetTempPath(), "gb-micro-" + Environment.ProcessId);
        if (Directory.Exists(_site)) Directory.Delete(_site, recursive: true);
        new CorpusGenerator(40, 42).Write(_site);
        var config = SiteConfigLoader.Load(Path.Combine(_site, "site.yml"));
        _rules = StripRules.Create(config.Strip);
        var result = new SiteBuilder(config, new BuildOptions { Write = false, KeepHtml = true }).Build();
        _guide = result.Guides[0];
        // The build leaves guides lean (their source text dropped once rendered), so the source is read again.
        var rel = _guide.Source.ContentRelativePath;
        _source = GuideReader.Read(Path.Combine(config.ContentDir, rel), "content/" + rel, rel, new DiagnosticBag())!;
        SafeMarkdown.Parse(_source.Body.Text, (_, _) => { }, _ => { }, out _shape);
        _stripped = MarkerRegions.Apply(_source.Body, _rules, _shape).Lines.Text;
        var text = _source.Body.Text;
        var farmStart = text.IndexOf("<div><ul>", StringComparison.Ordinal);
        _farm = text[farmStart..(text.IndexOf("</ul></div>", StringComparison.Ordinal) + "</ul></div>".Length)];
        _model = new SiteModelBuilder(config, result.Guides, liveReload: false);
        var site = _model.Build();
        _pages = new SitePages(config, site, new TemplateEngine(config.TemplatesDir, config.SiteDir, new DiagnosticBag()));
        _page = _pages.PageOf(_guide);
        _page.ContentHtml = PageRenderer.RenderBody(_guide);
        // The tag page listing the most guides: one _card.html include per guide.
        var busiest = site.Site.Tags.OrderByDescending(t => t.Pages.Count).First();
        _tagPage = _pages.ListingJobs(result.Guides).First(j => j.Path == busiest.Url + "index.html").Render;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_site)) Directory.Delete(_site, recursive: true);
    }

    [Benchmark(Description = "MarkerRegions.Apply (text pass)")]
    public object MarkerRegionsPass() => MarkerRegions.Apply(_source.Body, _rules, _shape);

    [Benchmark(Description = "Markdig parse")]
    public object Parse() => Markdig.Markdown.Parse(_stripped, Render.Markdown.Pipeline);

    [Benchmark(Description = "Markdig parse + AstStripper.Apply")]
    public int ParseAndStrip()
    {
        var doc = Markdig.Markdown.Parse(_stripped, Render.Markdown.Pipeline);
        var removals = new List<Removal>();
        AstStripper.Apply(doc, _rules, l => l + 1, removals, (_, _) => { });
        return removals.Count;
    }

    [Benchmark(Description = "HtmlAdCleaner.Clean (link farm)")]
    public object CleanFarm() => HtmlAdCleaner.Clean(_farm, _rules);

    [Benchmark(Description = "PageRenderer.RenderBody")]
    public string RenderBody() => PageRenderer.RenderBody(_guide);

    [Benchmark(Description = "guide.html + layout.html (Scriban)")]
    public string? RenderPage() => _pages.RenderGuide(_guide);

    [Benchmark(Description = "JSON-LD of one guide")]
    public string JsonLd() => _model.JsonLdFor(_guide, _page);

    [Benchmark(Description = "busiest tag page (list.html + a _card.html include per guide)")]
    public string? RenderTagPage() => _tagPage();
}
