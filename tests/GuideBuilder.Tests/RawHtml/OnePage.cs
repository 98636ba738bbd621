using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.RawHtml;

/// <summary>
/// Builds a site in process (no output written) with one guide, <c>content/w/page.md</c>, beside
/// <c>content/w/other.md</c> (headings <c>## Target</c>) and <c>content/w/images/shot.png</c>, and
/// hands back the page's rendered body, parsed, and its diagnostics.
/// </summary>
internal sealed class OnePage
{
    private OnePage(string body, IReadOnlyList<Diagnostic> diagnostics, Guide? guide)
    {
        Body = body;
        Diagnostics = diagnostics;
        Guide = guide;
        Dom = new HtmlParser().ParseDocument("<body>" + body + "</body>").Body!;
    }

    public string Body { get; }
    public IElement Dom { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
    public Guide? Guide { get; }

    /// <summary>The body's text with runs of white space made one space.</summary>
    public string Text => string.Join(' ', Dom.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public IEnumerable<string> Rules(string rule) => Diagnostics.Where(d => d.Rule == rule).Select(ReportFormatter.Line);

    public static OnePage Build(string markdown, string siteYml = "")
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n" + siteYml);
        site.Write("content/w/other.md", "---\ntitle: Other\ndescription: d\n---\n\n## Target\n\nText.\n");
        site.WriteBytes("content/w/images/shot.png", [0x89, 0x50, 0x4E, 0x47]);
        site.Write("content/w/page.md", "---\ntitle: Page\ndescription: d\n---\n\n" + markdown.Replace("\r\n", "\n"));
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var result = new SiteBuilder(config, new BuildOptions { Write = false, KeepHtml = true }).Build();
        var guide = result.Guides.SingleOrDefault(g => g.Source.ContentRelativePath == "w/page.md");
        return new OnePage(guide?.ContentHtml ?? "", result.Diagnostics.Where(d => d.Location.File == "content/w/page.md").ToList(), guide);
    }
}
