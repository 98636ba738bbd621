using System.Text;
using GuideBuilder.Building;
using GuideBuilder.Model;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Strip;

namespace GuideBuilder.Tests.Strip;

/// <summary>One guide body through the build's own per-guide pass (strip, parse, shape) and body renderer, in memory.</summary>
internal sealed record MarkerPage(string Html, IReadOnlyList<Removal> Removals, IReadOnlyList<Diagnostic> Diagnostics)
{
    private static readonly StripRules Rules = StripRules.Create(new StripSettings());

    public static MarkerPage Of(string body)
    {
        var bag = new DiagnosticBag();
        var bytes = Encoding.UTF8.GetBytes("---\ntitle: Marker test\n---\n" + body);
        var source = GuideReader.Parse(bytes, "/site/content/t.md", "content/t.md", "t.md", bag)
            ?? throw new InvalidOperationException("the test page did not load");
        var guide = new Guide(source, "t/");
        Pipeline.Prepare(guide, Rules, bag);
        return new MarkerPage(PageRenderer.RenderBody(guide), guide.Removals, bag.Sorted());
    }

    /// <summary>What Markdig alone makes of <paramref name="body"/>, nothing stripped: the reference for what is code.</summary>
    public static string Unstripped(string body) => Markdig.Markdown.ToHtml(body, Markdown.Pipeline);

    public bool HasRemovals => Removals.Count > 0;
}
