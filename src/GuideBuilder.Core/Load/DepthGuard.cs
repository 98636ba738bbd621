using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Load;

/// <summary>
/// Bounds how deeply Markdown can nest, so hostile input (thousands of <c>&gt;</c>, list markers,
/// <c>[</c> or <c>*</c>) cannot exhaust the stack, or trip Markdig's own depth check, in the parser,
/// the renderer or our own tree walks. Two passes: <see cref="Limit(string, Action{int}?)"/> on the
/// text before parsing (block containers), <see cref="Flatten"/> on the syntax tree after it (inlines).
/// What goes past a limit is kept as plain text.
/// </summary>
public static class DepthGuard
{
    /// <summary>Deepest block nesting (quotes and lists) kept as markup.</summary>
    public const int MaxDepth = 48;

    /// <summary>Deepest inline nesting (emphasis, links, brackets) kept as markup.</summary>
    public const int MaxInlineDepth = 32;

    /// <summary>Escapes container markers past <see cref="MaxDepth"/>; <paramref name="limited"/> gets each changed 0-based line.</summary>
    public static string Limit(string text, Action<int>? limited = null)
    {
        if (!NeedsWork(text)) return text;
        var sb = new StringBuilder(text.Length);
        var index = 0;
        foreach (var line in text.Split('\n'))
        {
            var fixedLine = LimitLine(line);
            if (!ReferenceEquals(fixedLine, line)) limited?.Invoke(index);
            sb.Append(fixedLine).Append('\n');
            index++;
        }
        if (sb.Length > 0) sb.Length--;
        return sb.ToString();
    }

    private static bool NeedsWork(string text)
    {
        // Quick scan: only a line with many leading container markers, or a marker after very deep
        // indentation (each nested list level indents by at least two columns), needs rewriting.
        var depth = 0;
        var indent = 0;
        var atStart = true;
        foreach (var c in text)
        {
            if (c == '\n') { depth = 0; indent = 0; atStart = true; continue; }
            if (!atStart) continue;
            if (c is '>' or '-' or '*' or '+' or '.' or ')')
            {
                if (++depth + indent / 2 > MaxDepth) return true;
            }
            else if (c == ' ') indent++;
            else if (c == '\t') indent += 4;
            else if (!char.IsAsciiDigit(c)) atStart = false;
        }
        return false;
    }

    private static string LimitLine(string line)
    {
        var depth = 0;
        var indent = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == ' ') { indent++; i++; continue; }
            if (c == '\t') { indent += 4; i++; continue; }
            if (c is '>' or '-' or '*' or '+' || char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < line.Length && char.IsAsciiDigit(line[j])) j++;
                if (j > i && j < line.Length && line[j] is '.' or ')') j++;
                else if (j == i) j++;
                else break;
                if (++depth + indent / 2 > MaxDepth)
                {
                    // Escape the marker that would open one level too many: the rest is plain text.
                    // For "12." the escape goes before the dot ("12\."), as CommonMark wants.
                    var at = j > i + 1 && line[j - 1] is '.' or ')' ? j - 1 : i;
                    return line[..at] + "\\" + line[at..];
                }
                i = j;
                continue;
            }
            break;
        }
        return line;
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
