using AngleSharp.Dom;
using GuideBuilder.Load;
using GuideBuilder.Model;

namespace GuideBuilder.Strip;

/// <summary>
/// Removes ad elements from a fragment of raw HTML: elements matching the rule set's selectors,
/// anything that loads from an ad host, tracking pixels, click-to-play ad videos, <c>javascript:</c>
/// links and link farms. Elements left empty by a removal go too. Real content is kept.
/// </summary>
public static class HtmlAdCleaner
{
    private static readonly string[] MediaTags = ["img", "video", "audio", "source", "iframe", "script", "embed", "object", "track", "picture", "svg"];
    private static readonly string[] UrlAttributes = ["src", "poster", "data-src", "href", "srcset", "data-srcset", "action"];

    /// <summary>
    /// What the cleaner did to one fragment. Each removal has the reader-visible text that went with it (or
    /// null) and the 0-based line of the fragment its element started on, as the parser read it.
    /// </summary>
    public sealed record Result(string Html, bool Changed, bool Empty, IReadOnlyList<Cut> Removed, int SponsoredLinks)
    {
        /// <summary>What a rule matched but the content guard kept, with why.</summary>
        public IReadOnlyList<string> Kept { get; init; } = [];
    }

    /// <summary>One removal: rule, excerpt, the words a reader loses (or null), the 0-based fragment lines the element spanned.</summary>
    public readonly record struct Cut(string Rule, string Excerpt, string? Text, int Line, int EndLine)
    {
        public static Cut Of(IElement e, string rule, string? excerpt = null, string? text = null)
        {
            var line = HtmlFragment.Position(e).Line;
            return new Cut(rule, excerpt ?? Removal.Shorten(e.OuterHtml), text, line, line + e.OuterHtml.Count(c => c == '\n'));
        }
    }

    /// <summary>A selector match holding this many words, and this share of the page's words, is real content, not an ad unit.</summary>
    private const int GuardWords = 40;
    private const double GuardShare = 0.2;

    /// <summary>Cheap test: could this HTML hold anything the cleaner removes? Lets most blocks skip the DOM parse.</summary>
    public static bool MightContainAds(string html, StripRules rules)
    {
        foreach (var needle in rules.HtmlTriggers)
        {
            if (html.Contains(needle, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <param name="html">The raw HTML fragment.</param>
    /// <param name="rules">The strip rules.</param>
    /// <param name="pageWords">Words on the whole page, for the content guard's "large share" test; 0 when unknown.</param>
    public static Result Clean(string html, StripRules rules, int pageWords = 0) => Clean(HtmlFragment.Parse(html), html, rules, pageWords);

    /// <summary>Cleans an already parsed fragment in place; <paramref name="html"/> is its text, returned when nothing changed.</summary>
    public static Result Clean(HtmlFragment fragment, string html, StripRules rules, int pageWords = 0)
    {
        var body = fragment.Root;
        var removed = new List<Cut>();
        var touchedParents = new List<IElement>();
        var sponsored = 0;
        var kept = new List<string>();

        void Remove(IElement e, string rule, string? excerpt = null)
        {
            if (e.ParentElement is null) return;
            removed.Add(Cut.Of(e, rule, excerpt, VisibleText(e)));
            touchedParents.Add(e.ParentElement);
            e.Remove();
        }

        foreach (var selector in rules.Selectors)
        {
            IHtmlCollection<IElement> matches;
            try
            {
                matches = body.QuerySelectorAll(selector);
            }
            catch (DomException)
            {
                continue;
            }
            foreach (var e in matches.ToList())
            {
                if (e.ParentElement is null) continue;
                if (rules.SiteSelectors.Contains(selector) && Guard(e, pageWords) is { } why)
                {
                    kept.Add($"selector '{selector}' matched {why}; it was kept");
                    continue;
                }
                if (IsLinkFarmLabel(e, rules) && e.NextElementSibling is { } list && IsLinkList(list))
                {
                    Remove(list, "link-farm", FarmExcerpt(e, list));
                }
                Remove(e, "selector:" + selector);
            }
        }

        if (rules.IsOn("link-farm"))
        {
            foreach (var e in body.QuerySelectorAll("span, p, strong, b, h2, h3, h4, div").ToList())
            {
                if (e.ParentElement is null || e.Children.Length > 1) continue;
                if (!rules.LinkFarmLabels.Contains(Label(e.TextContent))) continue;
                if (e.NextElementSibling is { } list && IsLinkList(list))
                {
                    Remove(list, "link-farm", FarmExcerpt(e, list));
                    Remove(e, "link-farm");
                }
            }
        }

        foreach (var e in body.QuerySelectorAll("*").ToList())
        {
            if (e.ParentElement is null) continue;   // already gone with an ancestor
            var tag = e.LocalName;
            if (AdUrl(e, rules) is { } adAttr)
            {
                if (tag == "a")
                {
                    if (HasVisibleText(e) && !IsWholeBlock(e))
                    {
                        ApplyLinkMode(e, rules.AffiliateLinks, ref sponsored, removed);
                        continue;
                    }
                    var unit = EnclosingAdUnit(e);
                    Remove(unit, "ad-host");
                    continue;
                }
                Remove(e, "ad-host:" + adAttr);
                continue;
            }
            if (tag == "a" && rules.IsRedirectUrl(e.GetAttribute("href")))
            {
                removed.Add(Cut.Of(e, "redirect-link"));
                e.Replace(e.ChildNodes.ToArray());
                continue;
            }
            if (tag == "a" && rules.IsOn("javascript-link") && IsScriptUrl(e.GetAttribute("href")))
            {
                // The link goes; its text is the author's, as it is for the same link written in Markdown.
                if (HasVisibleText(e))
                {
                    removed.Add(Cut.Of(e, "javascript-link"));
                    e.Replace(e.ChildNodes.ToArray());
                }
                else
                {
                    Remove(e, "javascript-link");
                }
                continue;
            }
            if (tag == "img" && rules.IsOn("tracking-pixel") && IsTrackingPixel(e))
            {
                Remove(e, "tracking-pixel");
                continue;
            }
            if (tag == "video" && rules.IsOn("video-ad") && (e.HasAttribute("onclick") || e.QuerySelector("source[src^='//'], source[src^='http']") is not null && e.GetAttribute("onclick") is not null))
            {
                Remove(e, "video-ad");
            }
        }

        // Containers left with nothing in them by a removal go too.
        foreach (var parent in touchedParents)
        {
            var p = parent;
            // A table cell left empty stays: dropping it would shift the later cells under the wrong column.
            while (p is not null && p != body && p.ParentElement is not null && IsEmpty(p) && !KeepsStructure(p))
            {
                var up = p.ParentElement;
                removed.Add(Cut.Of(p, "empty-container"));
                p.Remove();
                p = up;
            }
        }

        var changed = removed.Count > 0 || sponsored > 0;
        var empty = IsEmpty(body);
        return new Result(changed ? fragment.ToHtml() : html, changed, empty, removed, sponsored) { Kept = kept };
    }

    /// <summary>Why removing <paramref name="e"/> would eat content (a heading, a step, a large share of the page's text), or null.</summary>
    private static string? Guard(IElement e, int pageWords)
    {
        if (e.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" || e.QuerySelector("h1, h2, h3, h4, h5, h6") is not null) return "a heading";
        if (e.LocalName == "ol" || e.QuerySelector("ol > li") is not null) return "numbered steps";
        var words = e.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (words >= GuardWords && (pageWords == 0 || words >= pageWords * GuardShare)) return $"{words} words of text";
        return null;
    }

    private static void ApplyLinkMode(IElement a, AffiliateLinkMode mode, ref int sponsored, List<Cut> removed)
    {
        switch (mode)
        {
            case AffiliateLinkMode.Mark:
                a.SetAttribute("rel", "sponsored nofollow");
                sponsored++;
                break;
            case AffiliateLinkMode.Unwrap:
                removed.Add(Cut.Of(a, "affiliate-link"));
                a.Replace(a.ChildNodes.ToArray());
                break;
            case AffiliateLinkMode.Remove:
                removed.Add(Cut.Of(a, "affiliate-link", text: VisibleText(a)));
                a.Remove();
                break;
        }
    }

    /// <summary>The name of the first URL attribute that points at an ad host, if any.</summary>
    private static string? AdUrl(IElement e, StripRules rules)
    {
        foreach (var attr in UrlAttributes)
        {
            var v = e.GetAttribute(attr);
            if (v is null) continue;
            if (attr.EndsWith("srcset", StringComparison.Ordinal))
            {
                foreach (var part in v.Split(','))
                {
                    var url = part.Trim().Split(' ', 2)[0];
                    if (rules.IsAdUrl(url)) return attr;
                }
            }
            else if (rules.IsAdUrl(v))
            {
                return attr;
            }
        }
        return null;
    }

    /// <summary>True for a <c>javascript:</c> or <c>vbscript:</c> URL, however it is spelt (<c>java&#9;script:</c>, <c> JavaScript:</c>).</summary>
    internal static bool IsScriptUrl(string? url) => url is not null && WebUrl.Read(url).IsScript;

    private static bool IsTrackingPixel(IElement img) =>
        TrackingPixel.Is(img.GetAttribute("src"), img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("style"), img.HasAttribute("hidden"));

    /// <summary>Elements that hold a table's shape: emptied by a removal, never removed for being empty.</summary>
    private static bool KeepsStructure(IElement e) => e.LocalName is "td" or "th" or "tr" or "thead" or "tbody" or "tfoot" or "table" or "caption";

    private static bool HasVisibleText(IElement e) => e.TextContent.Trim().Length > 0;

    /// <summary>The words a reader sees in <paramref name="e"/> (script, style and template text left out), joined by single spaces; null when none.</summary>
    public static string? VisibleText(IElement e)
    {
        var sb = new System.Text.StringBuilder();
        Append(e);
        var text = string.Join(' ', sb.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > 0 ? text : null;

        void Append(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                if (child is IText t) sb.Append(t.Data);
                else if (child is IElement el && el.LocalName is not ("script" or "style" or "template" or "noscript" or "iframe" or "object"))
                {
                    Append(el);
                    if (el.LocalName is "br" or "p" or "div" or "li" or "td" or "th") sb.Append(' ');
                }
            }
        }
    }

    /// <summary>True when the link is all there is in its block (a text ad), not a link inside a sentence.</summary>
    private static bool IsWholeBlock(IElement a)
    {
        var p = a.ParentElement;
        if (p is null || p.ParentElement is null) return true;   // the fragment's own root
        return p.TextContent.Trim() == a.TextContent.Trim() && p.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "div" or "span" or "center" or "strong" or "b";
    }

    /// <summary>The ad unit around a banner link: the link itself, or a heading/wrapper that holds nothing else.</summary>
    private static IElement EnclosingAdUnit(IElement a)
    {
        var unit = a;
        while (unit.ParentElement is { } p && p.ParentElement is not null && !KeepsStructure(p) && p.TextContent.Trim() == unit.TextContent.Trim()
               && p.QuerySelectorAll("img, video, iframe").Length == unit.QuerySelectorAll("img, video, iframe").Length
               && p.Children.Length == 1)
        {
            unit = p;
        }
        return unit;
    }

    private static bool IsEmpty(IElement e)
    {
        if (e.TextContent.Trim().Length > 0) return false;
        foreach (var tag in MediaTags)
        {
            if (e.QuerySelector(tag) is not null) return false;
        }
        return true;
    }

    private static string Label(string text) => StripRules.Normalize(text).TrimEnd(':', ' ', '.');

    private static string FarmExcerpt(IElement label, IElement list) =>
        Removal.LinkFarm(label.TextContent, list.QuerySelectorAll("a[href]").Select(a => a.TextContent).ToList());

    private static bool IsLinkFarmLabel(IElement e, StripRules rules) => rules.LinkFarmLabels.Contains(Label(e.TextContent));

    private static bool IsLinkList(IElement e)
    {
        var items = e.QuerySelectorAll("li");
        if (items.Length == 0) return false;
        return items.All(li => li.QuerySelector("a") is { } a && a.TextContent.Trim().Length >= li.TextContent.Trim().Length - 2);
    }
}
