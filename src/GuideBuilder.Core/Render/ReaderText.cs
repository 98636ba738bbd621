using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Render;

/// <summary>
/// The text a reader sees in a block after it has been shaped: literals, code and the keys of
/// <c>&lt;kbd&gt;</c> combos (which <see cref="Strip.AstStripper.PlainText"/> cannot see, because
/// they are HTML inlines by then). Used for step text in JSON-LD and for the search index.
/// </summary>
internal static class ReaderText
{
    private const string KbdOpen = "<kbd>";
    private const string KbdClose = "</kbd>";

    public static string Of(Block block)
    {
        var sb = new StringBuilder();
        Append(block, sb);
        return Collapse(sb.ToString());
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

    private static void Append(Block block, StringBuilder sb)
    {
        switch (block)
        {
            case FigureBlock:
                break;
            case LeafBlock { Inline: { } inline }:
                foreach (var d in inline.Descendants())
                {
                    switch (d)
                    {
                        case LiteralInline l when !InsideImage(l):
                            sb.Append(l.Content.AsSpan());
                            break;
                        case CodeInline code:
                            sb.Append(code.Content);
                            break;
                        case LineBreakInline:
                            sb.Append(' ');
                            break;
                        case HtmlInline html when IsKbd(html.Tag):
                            sb.Append(System.Net.WebUtility.HtmlDecode(html.Tag[KbdOpen.Length..^KbdClose.Length]));
                            break;
                    }
                }
                sb.Append(' ');
                break;
            case LeafBlock leaf:
                sb.Append(leaf.Lines.ToString()).Append(' ');
                break;
            case ContainerBlock c:
                foreach (var child in c) Append(child, sb);
                break;
        }
    }

    private static bool IsKbd(string tag) =>
        tag.StartsWith(KbdOpen, StringComparison.Ordinal) && tag.EndsWith(KbdClose, StringComparison.Ordinal) && tag.Length > KbdOpen.Length + KbdClose.Length - 1;

    private static bool InsideImage(Inline inline)
    {
        for (var p = inline.Parent; p is not null; p = p.Parent)
        {
            if (p is LinkInline { IsImage: true }) return true;
        }
        return false;
    }
}
