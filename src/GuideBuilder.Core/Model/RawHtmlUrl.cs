using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Model;

/// <summary>
/// Where a URL attribute value sits in raw HTML — an inline tag, or one line of an HTML block — so
/// validation can publish it rewritten for the clean-URL layout, as it does Markdown links.
/// <paramref name="Start"/> and <paramref name="Written"/> cover the value with its quotes, if any; for
/// one URL of a <c>srcset</c> list (<paramref name="Bare"/>), the URL alone, written back without quotes.
/// </summary>
internal sealed record RawHtmlUrl(MarkdownObject Owner, int LineIndex, int Start, string Written, bool Bare = false)
{
    /// <summary>Writes each new URL over its old value, right to left within a tag or line so earlier positions hold.</summary>
    public static void WriteBack(IEnumerable<(RawHtmlUrl At, string Url)> rewrites)
    {
        foreach (var group in rewrites.GroupBy(r => (r.At.Owner, r.At.LineIndex)))
        {
            var (owner, lineIndex) = group.Key;
            var text = owner switch
            {
                HtmlInline inline => inline.Tag,
                HtmlBlock block when lineIndex < block.Lines.Count => block.Lines.Lines[lineIndex].Slice.ToString(),
                _ => null,
            };
            if (text is null) continue;
            foreach (var (at, url) in group.OrderByDescending(r => r.At.Start))
            {
                if (string.CompareOrdinal(text, at.Start, at.Written, 0, at.Written.Length) != 0) continue;
                text = string.Concat(text.AsSpan(0, at.Start), at.Bare ? Escape(url) : Attribute(url), text.AsSpan(at.Start + at.Written.Length));
            }
            if (owner is HtmlInline h) h.Tag = text;
            else ((HtmlBlock)owner).Lines.Lines[lineIndex].Slice = new StringSlice(text);
        }
    }

    /// <summary>
    /// A rewritten URL as a quoted attribute value. The validator works on percent-decoded paths; the
    /// path part (before <paramref name="suffixLength"/> characters of query and fragment, kept as
    /// written) is encoded again per segment.
    /// </summary>
    public static string Encode(string url, int suffixLength)
    {
        var path = url[..^suffixLength];
        var encoded = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        return encoded + url[^suffixLength..];
    }

    private static string Attribute(string url) => "\"" + Escape(url) + "\"";

    private static string Escape(string url) => url.Replace("&", "&amp;").Replace("\"", "&quot;");
}
