using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Load;

/// <summary>
/// Bounds how deeply Markdown can nest, so hostile input (thousands of <c>&gt;</c>, list markers,
/// <c>[</c> or <c>*</c>) cannot exhaust the stack, or trip Markdig's own depth check, in the parser,
/// the renderer or our own tree walks. Two passes: <see cref="Limit"/> on the
/// text before parsing (block containers), <see cref="Flatten"/> on the syntax tree after it (inlines).
/// What goes past a limit is kept as plain text.
/// </summary>
public static class DepthGuard
{
    /// <summary>Deepest block nesting (quotes and lists) kept as markup.</summary>
    public const int MaxDepth = 48;

    /// <summary>Deepest inline nesting (emphasis, links, brackets) kept as markup.</summary>
    public const int MaxInlineDepth = 32;

    /// <summary>
    /// Escapes container markers past <see cref="MaxDepth"/>. <paramref name="escaped"/> gets each changed
    /// 0-based line and the column where the escape went in; lines for which <paramref name="leave"/> says
    /// true are kept as written. Whether a line is code is not known here, before parsing: SafeMarkdown
    /// parses the escaped text, asks <see cref="MarkdownShape"/> which escaped lines are code, and leaves those.
    /// </summary>
    public static string Limit(string text, Action<int, int>? escaped = null, Func<int, bool>? leave = null)
    {
        if (!NeedsWork(text)) return text;
        var sb = new StringBuilder(text.Length);
        var index = 0;
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var line = text.AsSpan(range);
            var at = leave?.Invoke(index) == true ? -1 : CutAt(line);
            if (at >= 0)
            {
                escaped?.Invoke(index, at);
                sb.Append(line[..at]).Append('\\').Append(line[at..]);
            }
            else sb.Append(line);
            sb.Append('\n');
            index++;
        }
        sb.Length--;
        return sb.ToString();
    }

    private static bool NeedsWork(string text)
    {
        foreach (var range in text.AsSpan().Split('\n'))
        {
            if (CutAt(text.AsSpan(range)) >= 0) return true;
        }
        return false;
    }

    /// <summary>Index just past a block container marker starting at <paramref name="i"/>, or -1 when there is none.</summary>
    private static int MarkerEnd(ReadOnlySpan<char> line, int i)
    {
        static bool SpaceOrEnd(ReadOnlySpan<char> l, int k) => k >= l.Length || l[k] is ' ' or '\t';
        var c = line[i];
        if (c == '>') return i + 1;
        if (c is '-' or '*' or '+') return SpaceOrEnd(line, i + 1) ? i + 1 : -1;
        var j = i;
        while (j < line.Length && j - i < 9 && char.IsAsciiDigit(line[j])) j++;
        if (j == i || j >= line.Length || line[j] is not ('.' or ')')) return -1;
        return SpaceOrEnd(line, j + 1) ? j + 1 : -1;
    }

    /// <summary>Where the escape goes on a line that nests too deeply, or -1 when the line is within the limit.</summary>
    private static int CutAt(ReadOnlySpan<char> line)
    {
        var depth = 0;
        var indent = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == ' ') { indent++; i++; continue; }
            if (c == '\t') { indent += 4; i++; continue; }
            var j = MarkerEnd(line, i);
            if (j < 0) break;
            // Each nested list level indents by at least two columns, so deep indentation counts too.
            if (++depth + indent / 2 > MaxDepth)
            {
                // Escape the marker that would open one level too many: the rest is plain text.
                // For "12." the escape goes before the dot ("12\."), as CommonMark wants.
                return j > i + 1 && line[j - 1] is '.' or ')' ? j - 1 : i;
            }
            i = j;
        }
        return -1;
    }

    /// <summary>
    /// Replaces each inline nested deeper than <see cref="MaxInlineDepth"/> with its source text as a
    /// literal. <paramref name="text"/> is the text the document was parsed from; <paramref name="flattened"/>
    /// gets the 0-based line of each replaced inline. Iterative, so it is safe on any depth.
    /// </summary>
    public static void Flatten(MarkdownDocument document, string text, Action<int>? flattened = null)
    {
        var blocks = new Stack<ContainerBlock>();
        blocks.Push(document);
        var deep = new List<Inline>();
        var inlines = new Stack<(ContainerInline Node, int Depth)>();
        while (blocks.Count > 0)
        {
            foreach (var block in blocks.Pop())
            {
                if (block is ContainerBlock c) blocks.Push(c);
                else if (block is LeafBlock { Inline: { } root }) inlines.Push((root, 0));
            }
            while (inlines.Count > 0)
            {
                var (node, depth) = inlines.Pop();
                for (var child = node.FirstChild; child is not null; child = child.NextSibling)
                {
                    if (child is not ContainerInline inner) continue;
                    if (depth + 1 > MaxInlineDepth) deep.Add(inner);
                    else inlines.Push((inner, depth + 1));
                }
            }
        }
        foreach (var node in deep)
        {
            var literal = new LiteralInline(SourceOf(node, text)) { Line = node.Line, Column = node.Column, Span = node.Span };
            node.ReplaceBy(literal, copyChildren: false);
            flattened?.Invoke(node.Line);
        }
    }

    private static string SourceOf(Inline node, string text)
    {
        var span = node.Span;
        if (span.Start >= 0 && span.End < text.Length && span.End >= span.Start) return text.Substring(span.Start, span.Length);
        // No usable span: collect the literal text without recursion.
        var sb = new StringBuilder();
        var stack = new Stack<Inline>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is LiteralInline l) sb.Append(l.Content.ToString());
            else if (n is ContainerInline ci)
            {
                for (var ch = ci.LastChild; ch is not null; ch = ch.PreviousSibling) stack.Push(ch);
            }
        }
        return sb.ToString();
    }
}
