using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Load;

/// <summary>
/// Which lines of a Markdown text Markdig parsed as code, and which places as raw HTML. The passes
/// that work on the text's lines (ad marker regions, the heading repair, the depth guard) ask this
/// instead of tracking fences themselves, so they see code exactly where the renderer will: fences of
/// either kind and any length, indented code, both inside block quotes, list items and footnotes at
/// any depth, and code spans, which are never raw HTML.
/// </summary>
/// <remarks>Lines are 0-based indexes into the text; columns are 0-based character offsets in a line.</remarks>
public sealed class MarkdownShape
{
    private readonly MarkdownDocument? _document;
    private readonly string _text;
    private readonly Dictionary<int, int> _escapes;
    private int[]? _lineStarts;
    private HashSet<int>? _codeLines;
    private Dictionary<int, List<(int Start, int End)>>? _html;

    /// <summary>
    /// The shape of <paramref name="text"/>, parsed into <paramref name="document"/>. <paramref name="escapes"/>
    /// lists the lines where the parsed text has one character more than the caller's lines (a depth-guard
    /// escape inserted at that column), so callers can ask in their own columns.
    /// </summary>
    public MarkdownShape(MarkdownDocument document, string text, IEnumerable<(int Line, int At)>? escapes = null)
    {
        _document = document;
        _text = text;
        _escapes = escapes?.ToDictionary(e => e.Line, e => e.At) ?? [];
    }

    private MarkdownShape()
    {
        _text = "";
        _escapes = [];
    }

    /// <summary>For text Markdig could not parse: no line is code and every place may be HTML, as if there were no Markdown at all.</summary>
    public static MarkdownShape Unknown { get; } = new();

    /// <summary>True when line <paramref name="line"/> belongs to a code block, its fence lines included.</summary>
    public bool IsCode(int line)
    {
        if (_document is null) return false;
        _codeLines ??= CodeLines();
        return _codeLines.Contains(line);
    }

    /// <summary>
    /// True when the character at <paramref name="line"/>, <paramref name="column"/> is raw HTML: inside an
    /// HTML block or an inline HTML tag or comment. Text in code, in code spans or escaped is not.
    /// </summary>
    public bool IsHtml(int line, int column)
    {
        if (_document is null) return true;
        if (_escapes.TryGetValue(line, out var at) && column >= at) column++;
        _html ??= HtmlPlaces();
        if (!_html.TryGetValue(line, out var ranges)) return false;
        foreach (var (start, end) in ranges)
        {
            if (column >= start && column < end) return true;
        }
        return false;
    }

    private HashSet<int> CodeLines()
    {
        var lines = new HashSet<int>();
        foreach (var block in Blocks())
        {
            if (block is not CodeBlock code) continue;
            var last = LineOf(Math.Max(code.Span.Start, code.Span.End));
            for (var l = code.Line; l <= last; l++) lines.Add(l);
        }
        return lines;
    }

    private Dictionary<int, List<(int, int)>> HtmlPlaces()
    {
        var places = new Dictionary<int, List<(int, int)>>();
        void Add(int line, int start, int end)
        {
            if (!places.TryGetValue(line, out var list)) places[line] = list = [];
            list.Add((start, end));
        }
        var inlines = new Stack<ContainerInline>();
        foreach (var block in Blocks())
        {
            if (block is HtmlBlock html)
            {
                // An HTML block holds whole lines (after its containers' markers, which hold no '<').
                var group = html.Lines;
                for (var n = 0; n < group.Count; n++) Add(group.Lines[n].Line, 0, int.MaxValue);
            }
            else if (block is LeafBlock { Inline: { } root })
            {
                inlines.Push(root);
                while (inlines.Count > 0)
                {
                    for (var child = inlines.Pop().FirstChild; child is not null; child = child.NextSibling)
                    {
                        if (child is ContainerInline c) inlines.Push(c);
                        else if (child is HtmlInline && child.Span.Start >= 0)
                        {
                            var line = LineOf(child.Span.Start);
                            var start = LineStarts()[line];
                            Add(line, child.Span.Start - start, child.Span.End + 1 - start);
                        }
                    }
                }
            }
        }
        return places;
    }

    /// <summary>Every block of the document, without recursion (the depth guard bounds nesting, this does not rely on it).</summary>
    private IEnumerable<Block> Blocks()
    {
        var stack = new Stack<ContainerBlock>();
        stack.Push(_document!);
        while (stack.Count > 0)
        {
            foreach (var block in stack.Pop())
            {
                yield return block;
                if (block is ContainerBlock c) stack.Push(c);
            }
        }
    }

    private int[] LineStarts()
    {
        if (_lineStarts is not null) return _lineStarts;
        var starts = new List<int> { 0 };
        for (var i = _text.IndexOf('\n'); i >= 0; i = _text.IndexOf('\n', i + 1)) starts.Add(i + 1);
        return _lineStarts = [.. starts];
    }

    private int LineOf(int offset)
    {
        var starts = LineStarts();
        var i = Array.BinarySearch(starts, offset);
        return i >= 0 ? i : ~i - 1;
    }
}
