using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Text;
using GuideBuilder.Model;
using Markdig.Extensions.Footnotes;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Render;

/// <summary>
/// The element ids a published page carries, in page order: what a <c>#fragment</c> from outside can land
/// on. The title's id (kept on the template's <c>&lt;h1&gt;</c>) comes first. The one place the ledger
/// learns a page's ids. They are taken from what made the body rather than by reading it again: from the
/// sanitizer's own parse when the body went through it (<see cref="FromDom"/>), else from the syntax tree
/// Markdig rendered (<see cref="FromTree"/>); <see cref="Read"/> reads finished HTML, for a tree that holds
/// an id where <see cref="FromTree"/> does not know how Markdig writes it.
/// </summary>
public static class PageIds
{
    /// <summary>The page's ids: the title's, then <paramref name="bodyIds"/>, each once.</summary>
    public static List<string> Of(Guide guide, IReadOnlyList<string> bodyIds)
    {
        var ids = new List<string>(bodyIds.Count + 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (guide.TitleId is { Length: > 0 } title && seen.Add(title)) ids.Add(title);
        foreach (var id in bodyIds)
        {
            if (id.Length > 0 && seen.Add(id)) ids.Add(id);
        }
        return ids;
    }

    /// <summary>The ids of body HTML, read with AngleSharp's tokenizer: every start tag's <c>id</c>, in order.</summary>
    public static List<string> Read(string bodyHtml)
    {
        var ids = new List<string>();
        if (bodyHtml.Length == 0) return ids;
        var tokenizer = new HtmlTokenizer(new TextSource(bodyHtml), HtmlEntityProvider.Resolver);
        while (true)
        {
            var token = tokenizer.Get();
            if (token.Type == HtmlTokenType.EndOfFile) break;
            if (token.Type == HtmlTokenType.StartTag && token is AngleSharp.Html.Parser.Tokens.HtmlTagToken tag
                && tag.GetAttribute("id") is { Length: > 0 } id)
            {
                ids.Add(id);
            }
        }
        return ids;
    }

    /// <summary>The ids of the elements under <paramref name="root"/> (itself not included), in document order.</summary>
    public static void FromDom(INode root, List<string> ids)
    {
        for (var child = root.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is not IElement element) continue;
            if (element.GetAttribute("id") is { Length: > 0 } id) ids.Add(id);
            FromDom(element, ids);
        }
    }

    /// <summary>
    /// The ids Markdig writes when it renders <paramref name="document"/> with no raw HTML in it: those of its
    /// headings and list items (steps), in document order. Null when the tree has an id anywhere else (a
    /// generic attribute on a paragraph, link, code block…) or footnotes, whose ids depend on how each
    /// renderer writes them: read the HTML then.
    /// </summary>
    public static List<string>? FromTree(MarkdownDocument document)
    {
        var ids = new List<string>();
        foreach (var node in MarkdownNodes.All(document))
        {
            switch (node)
            {
                case Footnote or FootnoteGroup or FootnoteLink or HtmlBlock:
                    return null;
                case HtmlInline html when html.Tag.Contains('='):   // an id needs an attribute value
                    return null;
                case FigureBlock figure when figure.Image.TryGetAttributes()?.Id is not null:
                    return null;
            }
            if (node.TryGetAttributes()?.Id is { } id)
            {
                if (node is not (HeadingBlock or ListItemBlock) || !Plain(id)) return null;
                ids.Add(id);
            }
        }
        return ids;
    }

    /// <summary>True when an id reads back from HTML as it is: no control character the parser would change.</summary>
    private static bool Plain(string id)
    {
        foreach (var c in id)
        {
            if (c < ' ' || c == '\uFFFD') return false;
        }
        return true;
    }
}
