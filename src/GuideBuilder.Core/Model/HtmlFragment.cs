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
