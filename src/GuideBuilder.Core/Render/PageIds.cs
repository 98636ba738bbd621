using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Text;
using GuideBuilder.Model;

namespace GuideBuilder.Render;

/// <summary>
/// The element ids a published page carries, read from its final (sanitized) body HTML with AngleSharp's
/// tokenizer, in page order: what a <c>#fragment</c> from outside can land on. The title's id (kept on the
/// template's <c>&lt;h1&gt;</c>) comes first. The one place the ledger learns a page's ids.
/// </summary>
public static class PageIds
{
    public static List<string> Of(Guide guide, string bodyHtml)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (guide.TitleId is { Length: > 0 } title && seen.Add(title)) ids.Add(title);
        if (bodyHtml.Length == 0) return ids;
        var tokenizer = new HtmlTokenizer(new TextSource(bodyHtml), HtmlEntityProvider.Resolver);
        while (true)
        {
            var token = tokenizer.Get();
            if (token.Type == HtmlTokenType.EndOfFile) break;
            if (token.Type == HtmlTokenType.StartTag && token is AngleSharp.Html.Parser.Tokens.HtmlTagToken tag
                && tag.GetAttribute("id") is { Length: > 0 } id && seen.Add(id))
            {
                ids.Add(id);
            }
        }
        return ids;
    }
}
