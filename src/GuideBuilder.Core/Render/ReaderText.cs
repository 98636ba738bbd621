using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Render;

/// <summary>
/// Plain text of Markdown blocks, in two views. <see cref="Of"/> is what a reader sees once the guide
/// is shaped — literals, code and the keys of <c>&lt;kbd&gt;</c> combos, without image alt text or
/// figures, whitespace collapsed — used for step text in JSON-LD and for the search index.
/// <see cref="Raw"/> keeps image alt text too; the stripper and lint judge blocks by it.
/// </summary>
internal static class ReaderText
{
    public static string Of(Block block)
    {
        var sb = new StringBuilder();
        Append(block, sb, readerView: true);
        return Collapse(sb.ToString());
    }

    /// <summary>All the text in a block, image alt text included, trimmed.</summary>
    public static string Raw(Block block)
    {
        var sb = new StringBuilder();
        Append(block, sb, readerView: false);
        return sb.ToString().Trim();
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

    private static void Append(Block block, StringBuilder sb, bool readerView)
    {
        switch (block)
        {
            case FigureBlock when readerView:
                break;
            case LeafBlock { Inline: { } inline }:
                foreach (var d in inline.Descendants())
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
                foreach (var child in c) Append(child, sb, readerView);
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
