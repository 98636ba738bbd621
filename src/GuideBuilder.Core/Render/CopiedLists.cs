using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Render;

/// <summary>
/// Two list shapes that copied posts get wrong, recognized by <see cref="GuideAnalyzer"/> during its walk:
/// <list type="bullet">
/// <item>a numbered list whose items are each nothing but one link is a table of contents (or a list of
/// links), not steps;</item>
/// <item>a pro/con list whose markers stand alone on their lines (<c>+</c>, blank line, text, blank line, …)
/// parses as empty list items (or, for <c>\-</c> and <c>−</c>, one-character paragraphs) beside separate
/// paragraphs; a run of two or more such pairs is joined back into one bullet list.</item>
/// </list>
/// Both checks look only at the blocks in front of them and stop at the first mismatch.
/// </summary>
internal static class CopiedLists
{
    /// <summary>
    /// True when <paramref name="list"/> has two or more items and each item is one paragraph holding
    /// one link and nothing else (bold or italic around the link is allowed).
    /// </summary>
    public static bool IsLinkList(ListBlock list)
    {
        if (list.Count < 2) return false;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not ListItemBlock { Count: 1 } item || item[0] is not ParagraphBlock { Inline: { } inline }) return false;
            if (LinksAlone(inline) != 1) return false;
        }
        return true;
    }

    /// <summary>How many links <paramref name="container"/> holds when it holds nothing else but whitespace and emphasis; -1 otherwise.</summary>
    private static int LinksAlone(ContainerInline container)
    {
        var links = 0;
        for (var inline = container.FirstChild; inline is not null; inline = inline.NextSibling)
        {
            switch (inline)
            {
                case LinkInline { IsImage: false }:
                    links++;
                    break;
                case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                case LineBreakInline:
                    break;
                case EmphasisInline emphasis:
                    var inner = LinksAlone(emphasis);
                    if (inner < 0) return -1;
                    links += inner;
                    break;
                default:
                    return -1;
            }
            if (links > 1) return -1;
        }
        return links;
    }

    /// <summary>
    /// When a run of two or more bare-marker pairs starts at <paramref name="index"/> in
    /// <paramref name="container"/>, replaces the run with one bullet list whose items hold the
    /// paragraphs and returns it; otherwise changes nothing and returns null.
    /// </summary>
    public static ListBlock? JoinMarkerRun(ContainerBlock container, int index)
    {
        var marker = BareMarker(container[index]);
        if (marker == '\0') return null;
        var pairs = 0;
        for (var j = index; j + 1 < container.Count; j += 2)
        {
            if (BareMarker(container[j]) != marker || container[j + 1] is not ParagraphBlock next || BareMarker(next) != '\0') break;
            pairs++;
        }
        if (pairs < 2) return null;

        var first = container[index];
        var list = new ListBlock(null!)
        {
            BulletType = marker == '−' ? '-' : marker,
            IsLoose = false,
            Line = first.Line,
            Column = first.Column,
        };
        for (var k = 0; k < pairs; k++)
        {
            var bare = container[index];
            container.RemoveAt(index);
            var paragraph = (ParagraphBlock)container[index];
            container.RemoveAt(index);
            var item = new ListItemBlock(null!) { Line = bare.Line, Column = bare.Column, Span = new(bare.Span.Start, paragraph.Span.End) };
            item.Add(paragraph);
            list.Add(item);
            list.Span = new(first.Span.Start, paragraph.Span.End);
        }
        container.Insert(index, list);
        return list;
    }

    /// <summary>
    /// The marker of a block that is only a list marker: a bullet list of one empty item, or a paragraph
    /// of one <c>-</c>, <c>−</c>, <c>+</c> or <c>*</c> (escaped or not). <c>'\0'</c> for any other block.
    /// </summary>
    private static char BareMarker(Block block)
    {
        switch (block)
        {
            case ListBlock { IsOrdered: false, Count: 1 } list when list[0] is ListItemBlock { Count: 0 }:
                return list.BulletType;
            case ParagraphBlock { Inline.FirstChild: LiteralInline { NextSibling: null } literal }:
                var text = literal.Content.AsSpan().Trim();
                return text.Length == 1 && text[0] is '-' or '−' or '+' or '*' ? text[0] : '\0';
            default:
                return '\0';
        }
    }
}
