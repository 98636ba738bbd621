using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Model;

/// <summary>
/// Plain text of Markdown blocks, in two views. <see cref="Of"/> is what a reader sees once the guide
/// is shaped — literals, code and the keys of <c>&lt;kbd&gt;</c> combos, without image alt text or
/// figures, whitespace collapsed — used for step text in JSON-LD and for the search index.
/// <see cref="Raw"/> keeps image alt text too; the stripper and lint judge blocks by it.
/// </summary>
internal static class ReaderText
{
    /// <summary>Builders reused per thread: these run once or more per block of every guide.</summary>
    [ThreadStatic] private static StringBuilder? _text;
    [ThreadStatic] private static StringBuilder? _collapsed;

    public static string Of(Block block)
    {
        var sb = Rent(ref _text);
        Append(block, sb, readerView: true);
        var result = Collapse(sb, Rent(ref _collapsed));
        sb.Clear();
        return result;
    }

    /// <summary>Appends <see cref="Of"/> of <paramref name="block"/> to <paramref name="target"/> without building the string.</summary>
    public static void AppendOf(Block block, StringBuilder target)
    {
        var sb = Rent(ref _text);
        Append(block, sb, readerView: true);
        CollapseInto(sb, target);
        sb.Clear();
    }

    /// <summary><c>Collapse(Raw(block))</c>, built once.</summary>
    public static string CollapsedRaw(Block block)
    {
        var sb = Rent(ref _text);
        Append(block, sb, readerView: false);
        var result = Collapse(sb, Rent(ref _collapsed));
        sb.Clear();
        return result;
    }

    /// <summary>True when <see cref="Raw"/> of <paramref name="block"/> is not empty.</summary>
    public static bool HasRawText(Block block)
    {
        var sb = Rent(ref _text);
        Append(block, sb, readerView: false);
        var any = false;
        foreach (var chunk in sb.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (!char.IsWhiteSpace(c))
                {
                    any = true;
                    break;
                }
            }
            if (any) break;
        }
        sb.Clear();
        return any;
    }

    /// <summary>All the text in a block, image alt text included, in the thread's builder, with the bounds of its trimmed part.</summary>
    private static (StringBuilder Text, int Start, int End) RawTrimmed(Block block)
    {
        var sb = Rent(ref _text);
        Append(block, sb, readerView: false);
        var start = 0;
        var end = sb.Length;
        while (start < end && char.IsWhiteSpace(sb[start])) start++;
        while (end > start && char.IsWhiteSpace(sb[end - 1])) end--;
        return (sb, start, end);
    }

    /// <summary>All the text in a block, image alt text included, trimmed.</summary>
    public static string Raw(Block block)
    {
        var (sb, start, end) = RawTrimmed(block);
        var result = start == end ? "" : sb.ToString(start, end - start);
        sb.Clear();
        return result;
    }

    /// <summary>
    /// Words in <see cref="Raw"/> of <paramref name="block"/>, counted as runs of characters other than ' '
    /// (as <c>Split(' ', RemoveEmptyEntries).Length</c> counts them), without building the string.
    /// </summary>
    public static int RawWordCount(Block block)
    {
        var (sb, start, end) = RawTrimmed(block);
        var count = 0;
        var inWord = false;
        var pos = 0;
        foreach (var chunk in sb.GetChunks())
        {
            var span = chunk.Span;
            for (var k = 0; k < span.Length; k++, pos++)
            {
                if (pos < start || pos >= end) continue;
                var w = span[k] != ' ';
                if (w && !inWord) count++;
                inWord = w;
            }
        }
        sb.Clear();
        return count;
    }

    private static StringBuilder Rent(ref StringBuilder? cached)
    {
        // A builder grown for a huge page is dropped rather than kept by the thread.
        if (cached is { Capacity: > 1 << 16 }) cached = null;
        var sb = cached ??= new StringBuilder(256);
        sb.Clear();
        return sb;
    }

    /// <summary>Runs of whitespace become one space; the ends are trimmed.</summary>
    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var gap = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                gap = sb.Length > 0;
                continue;
            }
            if (gap) sb.Append(' ');
            gap = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary><see cref="Collapse(string)"/> of the text in <paramref name="source"/>, built in <paramref name="sb"/>.</summary>
    private static string Collapse(StringBuilder source, StringBuilder sb)
    {
        CollapseInto(source, sb);
        var result = sb.ToString();
        sb.Clear();
        return result;
    }

    /// <summary>Appends the collapsed text of <paramref name="source"/> to <paramref name="sb"/> (which may already hold text).</summary>
    private static void CollapseInto(StringBuilder source, StringBuilder sb)
    {
        var gap = false;
        var wrote = false;
        foreach (var chunk in source.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (char.IsWhiteSpace(c))
                {
                    gap = wrote;
                    continue;
                }
                if (gap) sb.Append(' ');
                gap = false;
                wrote = true;
                sb.Append(c);
            }
        }
    }

    private static void Append(Block block, StringBuilder sb, bool readerView)
    {
        switch (block)
        {
            case FigureBlock when readerView:
                break;
            case LeafBlock { Inline: { } inline }:
                foreach (var d in new InlineWalk(inline))
                {
                    switch (d)
                    {
                        case LiteralInline l when !readerView || !InsideImage(l):
                            sb.Append(l.Content.AsSpan());
                            break;
                        case CodeInline code:
                            sb.Append(code.Content);
                            break;
                        case LineBreakInline:
                            sb.Append(' ');
                            break;
                        case KeyInline key:
                            sb.Append(key.Key);
                            break;
                    }
                }
                sb.Append(' ');
                break;
            case LeafBlock leaf:
                sb.Append(leaf.Lines.ToString()).Append(' ');
                break;
            case ContainerBlock c:
                for (var i = 0; i < c.Count; i++) Append(c[i], sb, readerView);
                break;
        }
    }

    private static bool InsideImage(Inline inline)
    {
        for (var p = inline.Parent; p is not null; p = p.Parent)
        {
            if (p is LinkInline { IsImage: true }) return true;
        }
        return false;
    }
}
