using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Render;

/// <summary>
/// Where each part of a rendered body came from: while Markdig writes the page, the offset in the output at
/// which each block, raw HTML tag and link starts is recorded with its parsed line. An element the HTML
/// parser later finds at an offset takes the line of the last part that started at or before it, plus the
/// line breaks between them where the output keeps the source's lines (raw HTML, paragraph and link text).
/// </summary>
public sealed class BodyLineMap
{
    private readonly List<(int Offset, int Line, bool FollowsLines)> _starts = [];

    /// <summary>Starts recording what <paramref name="renderer"/> writes into <paramref name="output"/>.</summary>
    public void Record(RendererBase renderer, System.Text.StringBuilder output)
    {
        renderer.ObjectWriteBefore += (_, obj) =>
        {
            var follows = obj switch
            {
                HtmlBlock or HtmlInline or ParagraphBlock or LinkInline => true,
                Block or AutolinkInline => false,
                _ => (bool?)null,
            };
            if (follows is null) return;
            var offset = output.Length;
            // Blocks nest: an inner block that starts where its container did is the better guide.
            if (_starts.Count > 0 && _starts[^1].Offset == offset) _starts[^1] = (offset, obj.Line, follows.Value);
            else _starts.Add((offset, obj.Line, follows.Value));
        };
    }

    /// <summary>The 0-based parsed line of the output at <paramref name="offset"/> of <paramref name="html"/>; -1 when nothing was recorded before it.</summary>
    public int LineAt(string html, int offset)
    {
        var lo = 0;
        var hi = _starts.Count - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (_starts[mid].Offset <= offset)
            {
                found = mid;
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        if (found < 0) return -1;
        var (start, line, followsLines) = _starts[found];
        if (!followsLines) return line;
        var end = Math.Min(offset, html.Length);
        var breaks = 0;
        for (var i = start; i < end; i++)
        {
            if (html[i] == '\n') breaks++;
        }
        return line + breaks;
    }
}
