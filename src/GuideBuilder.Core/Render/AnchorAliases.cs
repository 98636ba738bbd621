using System.Net;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Render;

/// <summary>
/// Keeps an old id working on a heading that now has another: an empty <c>&lt;span id="old"&gt;</c> at
/// the start of the heading, so a link to <c>#old</c> scrolls to it. Nothing visible, no script.
/// </summary>
public static class AnchorAliases
{
    /// <summary>Adds <paramref name="oldId"/> to the heading whose id is <paramref name="id"/>; false when there is no such heading.</summary>
    public static bool Add(MarkdownDocument document, string id, string oldId)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.TryGetAttributes()?.Id != id) continue;
            var span = new HtmlInline($"<span id=\"{WebUtility.HtmlEncode(oldId)}\"></span>");
            heading.Inline ??= new ContainerInline();
            if (heading.Inline.FirstChild is { } first) first.InsertBefore(span);
            else heading.Inline.AppendChild(span);
            return true;
        }
        return false;
    }
}
