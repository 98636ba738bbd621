using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GuideBuilder.Model;

/// <summary>
/// One fragment of raw HTML from a guide (an HTML block, or an inline tag), parsed once by the HTML
/// parser every stage shares, with each element's line and column in the fragment. It is parsed as
/// the content of a <c>&lt;template&gt;</c>, so a fragment that starts inside a table (<c>&lt;td&gt;…</c>,
/// <c>&lt;tr&gt;…</c>) keeps its cells instead of losing them to the in-body rules.
/// </summary>
public sealed class HtmlFragment
{
    [ThreadStatic] private static HtmlParser? _parser;
    [ThreadStatic] private static IElement? _context;

    private HtmlFragment(IElement root) => Root = root;

    /// <summary>The element holding the fragment's nodes (not part of the fragment itself).</summary>
    public IElement Root { get; }

    /// <summary>Parses <paramref name="html"/>.</summary>
    public static HtmlFragment Parse(string html)
    {
        _parser ??= new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        _context ??= _parser.ParseDocument("<!DOCTYPE html><html><body></body></html>").CreateElement("template");
        var nodes = _parser.ParseFragment(html, _context);
        var owner = nodes.Length > 0 ? nodes[0].Owner! : _context.Owner!;
        var root = owner.CreateElement("gb-fragment");
        foreach (var node in nodes.ToArray()) root.AppendChild(node);
        return new HtmlFragment(root);
    }

    /// <summary>Every element of the fragment, in document order.</summary>
    public IEnumerable<IElement> Elements => Root.QuerySelectorAll("*");

    /// <summary>The fragment written back as HTML.</summary>
    public string ToHtml() => Root.InnerHtml;

    /// <summary>0-based line and 0-based column of <paramref name="element"/>'s open tag in the fragment.</summary>
    public static (int Line, int Column) Position(IElement element) =>
        element.SourceReference is { } s ? (Math.Max(0, s.Position.Line - 1), Math.Max(0, s.Position.Column - 1)) : (0, 0);

    /// <summary>Index in the fragment's text of the '&lt;' that opens <paramref name="element"/>; -1 when the parser made the element up.</summary>
    public static int Offset(IElement element) => element.SourceReference is { } s ? s.Position.Position - 1 : -1;

    /// <summary>The attributes that hold a URL a reader follows or a page loads, by element; true for a <c>srcset</c> list.</summary>
    public static IEnumerable<(string Attribute, bool List)> UrlAttributes(string element) => element switch
    {
        "a" or "area" => [("href", false)],
        "img" => [("src", false), ("srcset", true)],
        "source" => [("src", false), ("srcset", true)],
        "video" => [("src", false), ("poster", false)],
        "audio" or "track" or "iframe" or "embed" => [("src", false)],
        _ => [],
    };

    /// <summary>
    /// Where attribute <paramref name="name"/> and its value sit in the open tag that starts at
    /// <paramref name="tagStart"/> of <paramref name="text"/> (quotes excluded), read by the HTML
    /// tokenizer's attribute rules: names end at space, '/', '&gt;' or '=', values are quoted or end at
    /// space or '&gt;', a '&gt;' inside quotes is part of the value. The first of duplicate attributes
    /// counts, as it does for the parser. Null when the tag has no such attribute with a value.
    /// </summary>
    public static (int NameStart, int Start, int Length, bool Quoted)? ValueSpan(string text, int tagStart, string name)
    {
        var i = tagStart + 1;
        while (i < text.Length && !IsSpace(text[i]) && text[i] is not ('/' or '>')) i++;
        while (i < text.Length)
        {
            while (i < text.Length && (IsSpace(text[i]) || text[i] == '/')) i++;
            if (i >= text.Length || text[i] == '>') return null;
            var nameStart = i++;
            while (i < text.Length && !IsSpace(text[i]) && text[i] is not ('/' or '>' or '=')) i++;
            var isName = i - nameStart == name.Length && string.Compare(text, nameStart, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0;
            var j = i;
            while (j < text.Length && IsSpace(text[j])) j++;
            if (j >= text.Length || text[j] != '=')
            {
                if (isName) return null;
                continue;
            }
            j++;
            while (j < text.Length && IsSpace(text[j])) j++;
            (int, int, int, bool) span;
            if (j < text.Length && text[j] is '"' or '\'')
            {
                var end = text.IndexOf(text[j], j + 1);
                if (end < 0) end = text.Length;
                span = (nameStart, j + 1, end - j - 1, true);
                i = Math.Min(text.Length, end + 1);
            }
            else
            {
                var start = j;
                while (j < text.Length && !IsSpace(text[j]) && text[j] != '>') j++;
                span = (nameStart, start, j - start, false);
                i = j;
            }
            if (isName) return span;
        }
        return null;
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    /// <summary>The open tag of <paramref name="e"/> written back from its parsed attributes, values quoted and escaped.</summary>
    public static string OpenTag(IElement e)
    {
        var sb = new System.Text.StringBuilder("<").Append(e.LocalName);
        foreach (var attr in e.Attributes)
        {
            sb.Append(' ').Append(attr.Name).Append("=\"")
              .Append(attr.Value.Replace("&", "&amp;").Replace("\"", "&quot;").Replace("<", "&lt;").Replace(">", "&gt;")).Append('"');
        }
        return sb.Append('>').ToString();
    }

    /// <summary>The URLs of a <c>srcset</c> (or <c>imagesrcset</c>) value, each with where it starts in the value.</summary>
    public static IEnumerable<(string Url, int Start)> SrcsetUrls(string srcset)
    {
        // HTML's srcset: candidates separated by commas; each a URL (which may itself hold commas), then descriptors.
        var i = 0;
        while (i < srcset.Length)
        {
            while (i < srcset.Length && (char.IsWhiteSpace(srcset[i]) || srcset[i] == ',')) i++;
            if (i >= srcset.Length) yield break;
            var start = i;
            while (i < srcset.Length && !char.IsWhiteSpace(srcset[i])) i++;
            var url = srcset[start..i];
            var trailing = 0;
            while (url.Length > trailing && url[^(trailing + 1)] == ',') trailing++;
            if (trailing > 0) url = url[..^trailing];
            else
            {
                // descriptors run to the next comma
                while (i < srcset.Length && srcset[i] != ',') i++;
            }
            if (url.Length > 0) yield return (url, start);
        }
    }
}
