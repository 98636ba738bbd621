using System.Text;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Render;
using GuideBuilder.Validate;
using GuideBuilder.Write;

namespace GuideBuilder.Building;

/// <summary>One file of the output as rendered: its path (relative to the output folder) and its text, null on a template error (reported).</summary>
public sealed record RenderedFile(string Path, string? Text)
{
    /// <summary>The links and ids its templates wrote, when they were checked (a guide page or an HTML listing).</summary>
    public WrittenLinks? Links { get; init; }
}

/// <summary>
/// Steps 7 and 8 of the <see cref="Pipeline"/> (made by <see cref="Pipeline.Render"/>): guide pages, then the
/// listings (home, categories, tags, 404, sitemap, feed, robots.txt), through the templates, each checked for
/// the links its templates wrote (<see cref="OutputLinks"/>, rule <c>link.template</c>) as soon as it is
/// rendered, against every file of the output being built. <see cref="Report"/> ends the step: fragments that
/// point at other pages are checked and each dead place and template error is reported once. Thread-safe:
/// pages may be rendered on all cores. For <c>serve</c>, <see cref="Update"/> brings the step up to date in place
/// after an edit that keeps every output path; what each page found is kept per page, so only the pages the edit
/// touched are checked again before the next <see cref="Report"/>.
/// </summary>
public sealed class RenderStep
{
    private readonly SiteModelBuilder _model;
    private readonly TemplateEngine _templates;
    private readonly OutputLinks _links;
    private IReadOnlyList<Guide> _guides;
    private List<(string Path, Func<string?> Render)> _listings;
    private readonly Dictionary<string, Guide> _byPath;

    internal RenderStep(SiteConfig config, IReadOnlyList<Guide> guides, SiteModelBuilder model, TemplateEngine templates, IEnumerable<string> assets,
        (SiteModel Site, Dictionary<Guide, PageModel> Pages)? built)
    {
        _guides = guides;
        _model = model;
        _templates = templates;
        Pages = new SitePages(config, built ?? model.Build(), templates);
        // The search index, the biggest file, is streamed onto its file (WriteSearchIndex) rather than rendered to a string.
        _listings = Pages.ListingJobs(guides).Where(j => j.Path != SitePages.SearchIndexPath).ToList();
        _byPath = guides.ToDictionary(g => g.OutputPath, StringComparer.Ordinal);
        _links = new OutputLinks(
            guides.Select(g => g.OutputPath).Concat(_listings.Select(j => j.Path)).Append(SitePages.SearchIndexPath).Concat(templates.AssetNames()).Concat(assets),
            config.BaseUrl);
    }

    private static readonly IReadOnlySet<string> NoIds = new HashSet<string>();

    /// <summary>
    /// Set only by bench/template-links-cost.sh, to measure what the output link check costs: a build with
    /// <c>GUIDEBUILDER_BENCH_NO_LINK_TEMPLATE=1</c> in its environment renders every page but checks none of its links.
    /// </summary>
    internal const string BenchSkipVariable = "GUIDEBUILDER_BENCH_NO_LINK_TEMPLATE";

    private static readonly bool Unchecked = Environment.GetEnvironmentVariable(BenchSkipVariable) == "1";

    /// <summary>The site's pages and model, as the templates see them.</summary>
    public SitePages Pages { get; }

    /// <summary>
    /// True (build) to let go of each guide's body once its page is rendered: a page is rendered once, and only a
    /// page per core is held as HTML. False (serve) keeps the body in the page model, to render the page again.
    /// </summary>
    public bool DropBodies { get; init; }

    /// <summary>True to keep each page's body and whole HTML on its guide (<see cref="Guide.ContentHtml"/>, <see cref="Guide.Html"/>), for tests.</summary>
    public bool KeepHtml { get; init; }

    /// <summary>The listings' output paths, in a fixed order (the search index is not one: see <see cref="WriteSearchIndex"/>).</summary>
    public IEnumerable<string> ListingPaths => _listings.Select(j => j.Path);

    /// <summary>How many listings there are (<see cref="Listing(int)"/> takes 0 to this minus 1).</summary>
    public int ListingCount => _listings.Count;

    /// <summary>Step 7: one guide's page through guide.html and layout.html, its template-written links checked.</summary>
    public RenderedFile Page(Guide guide)
    {
        var page = Pages.PageOf(guide);
        if (page.ContentHtml.Length == 0) page.ContentHtml = guide.BodyUtf8 is { } body ? Encoding.UTF8.GetString(body.Get()) : "";
        if (DropBodies) guide.BodyUtf8 = null;
        // made after the pass and kept in the store (see LeanGuides.StoreJsonLd), else made now
        if (_model.DeferJsonLd) page.JsonLd = guide.JsonLd is { } jsonLd ? Encoding.UTF8.GetString(jsonLd.Get()) : _model.JsonLdFor(guide, page);
        if (DropBodies) guide.JsonLd = null;
        var html = Pages.RenderGuide(guide);
        if (_model.DeferJsonLd) page.JsonLd = "";
        WrittenLinks? written = null;
        if (html is not null && !Unchecked)
        {
            var bodyAt = page.ContentHtml.Length == 0 ? -1 : html.IndexOf(page.ContentHtml, StringComparison.Ordinal);
            written = _links.Page(guide.OutputPath, html, bodyAt < 0 ? null : (bodyAt, page.ContentHtml.Length), guide.Ids, url => _templates.WriterOf(url, "guide.html"));
        }
        if (KeepHtml)
        {
            guide.ContentHtml = page.ContentHtml;
            guide.Html = html;
        }
        else if (DropBodies)
        {
            page.ContentHtml = "";
        }
        return new RenderedFile(guide.OutputPath, html) { Links = written };
    }

    /// <summary>
    /// Step 7 for a page not rendered again, because its bytes are those published (see <see cref="RenderSkip"/>): its
    /// template-written links (<paramref name="written"/>, kept from the build that rendered it) are checked against this
    /// output as <see cref="Page"/> checks them. False when one is dead: then the page must be rendered, to be reported.
    /// </summary>
    public bool Keep(Guide guide, WrittenLinks written) => !Unchecked && _links.Keep(guide.OutputPath, written, guide.Ids);

    /// <summary><see cref="Keep(Guide, WrittenLinks)"/> for listing number <paramref name="index"/> (an HTML one: see <see cref="Keepable"/>).</summary>
    public bool Keep(int index, WrittenLinks written) => !Unchecked && Keepable(_listings[index].Path) && _links.Keep(_listings[index].Path, written, NoIds);

    /// <summary>True for a listing whose links are read as HTML (the others, feed and sitemap, are always rendered).</summary>
    public static bool Keepable(string path) => SitePages.TemplateOf(path) is not null;

    /// <summary>The guide whose page is at <paramref name="path"/>, or null.</summary>
    public Guide? GuideAt(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>
    /// The kept pages that link to a fragment another page no longer has: to render after all (see
    /// <see cref="OutputLinks.KeptWithDeadFragments"/>), before <see cref="Report"/>.
    /// </summary>
    public IReadOnlyCollection<string> KeptWithDeadFragments() => _links.KeptWithDeadFragments();

    /// <summary>Step 8: listing number <paramref name="index"/> (in the order of <see cref="ListingPaths"/>), its links checked.</summary>
    public RenderedFile Listing(int index)
    {
        var (path, render) = _listings[index];
        var content = render();
        WrittenLinks? written = null;
        if (content is not null && !Unchecked)
        {
            if (SitePages.TemplateOf(path) is { } template) written = _links.Page(path, content, null, NoIds, url => _templates.WriterOf(url, template));
            else if (path.EndsWith(".xml", StringComparison.Ordinal)) _links.Xml(path, content, new SourceLocation("(generated)/" + path, 0, 0));
        }
        return new RenderedFile(path, content) { Links = written };
    }

    /// <summary>
    /// The file at <paramref name="path"/> (a guide page or a listing), rendered and checked as <see cref="Page"/> and
    /// <see cref="Listing(int)"/> do; null when the site has no such rendered file. For <c>serve</c>, which renders on request.
    /// </summary>
    public RenderedFile? File(string path)
    {
        if (_byPath.TryGetValue(path, out var guide)) return Page(guide);
        for (var i = 0; i < _listings.Count; i++)
        {
            if (_listings[i].Path == path) return Listing(i);
        }
        return null;
    }

    /// <summary>
    /// For <c>serve</c>: the step after an edit that kept every page's URL, categories and tags, in place of a new one.
    /// <paramref name="site"/> is the patched site model (<see cref="SiteModelBuilder.Patch"/>, which updated the page
    /// dictionary this step renders from), <paramref name="guides"/> the site's guides now and <paramref name="swaps"/>
    /// the guides the edit replaced. The output's files are the same, so the link check's set of files stands; the
    /// pages the edit changed are to be rendered again (see <see cref="ListingsShowing"/>) before the next <see cref="Report"/>.
    /// Not thread-safe: no page may be rendered meanwhile.
    /// </summary>
    public void Update(IReadOnlyList<Guide> guides, SiteModel site, IReadOnlyCollection<(Guide Old, Guide New)> swaps)
    {
        _guides = guides;
        foreach (var (old, fresh) in swaps)
        {
            _byPath.Remove(old.OutputPath);
            _byPath[fresh.OutputPath] = fresh;
        }
        Pages.Replace(site, swaps.Select(s => Pages.PageOf(s.New)));
        _listings = Pages.ListingJobs(guides).Where(j => j.Path != SitePages.SearchIndexPath).ToList();
    }

    /// <summary>
    /// The listings whose model holds <paramref name="guide"/>'s page: the lists of its categories and tags (every page of
    /// each: a move can carry it, or push another guide, across a page break) and every listing that is not a term's list
    /// (home, 404, the term indexes, sitemap, feed). With the built-in list and card templates no other listing shows it.
    /// </summary>
    public IEnumerable<string> ListingsShowing(Guide guide)
    {
        var page = Pages.PageOf(guide);
        foreach (var term in page.Categories.Concat(page.Tags))
        {
            for (var n = 1; n <= SitePages.PageCount(term.Count); n++) yield return SitePages.PageUrl(term.Url, n) + "index.html";
        }
        foreach (var (path, _) in _listings)
        {
            if (!IsTermList(path)) yield return path;
        }
    }

    private static bool IsTermList(string path) =>
        (path.StartsWith("categories/", StringComparison.Ordinal) || path.StartsWith("tags/", StringComparison.Ordinal))
        && path is not "categories/index.html" and not "tags/index.html";

    /// <summary>Step 8b: the search index, streamed onto <paramref name="stream"/> (its path is <see cref="SitePages.SearchIndexPath"/>).</summary>
    public void WriteSearchIndex(Stream stream) => Pages.WriteSearchIndex(_guides, stream);

    /// <summary>
    /// Ends the step: fragments on other pages are checked against the pages rendered so far, then each dead
    /// template place (<c>link.template</c>) and each template error met while rendering is reported once.
    /// </summary>
    public void Report(DiagnosticBag diagnostics)
    {
        if (Unchecked)
        {
            // A skipped check is never reported as a passed one: the report says the links went unchecked.
            diagnostics.AddResolved([new Diagnostic(Rules.LinkTemplate.Code, Rules.LinkTemplate.Name, Severity.Info,
                $"the links templates write were not checked: {BenchSkipVariable}=1 is set (for measuring the check's cost only)", new SourceLocation("(generated)", 0, 0))]);
        }
        _links.Report(diagnostics, _templates.HasNameProblem);
        _templates.ReportRenderErrors();
    }
}
