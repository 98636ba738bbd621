using AngleSharp.Html.Parser;
using GuideBuilder.Load;
using Markdig.Helpers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using GuideBuilder.Model;

namespace GuideBuilder.Strip;

/// <summary>
/// Second strip pass, on the parsed Markdown: removes ad HTML blocks and inline ad markup, handles
/// affiliate links in prose (mark, unwrap or remove), link farms and disclaimers, and re-joins a
/// step list that a removed block had split in two.
/// </summary>
public sealed class AstStripper
{
    private readonly StripRules _rules;
    private readonly Func<int, int> _sourceLine;
    private readonly List<Removal> _removals;
    private readonly Action<int, string> _suspicious;
    private readonly List<(ContainerBlock Parent, Block Block)> _disclaimers = [];
    private int _affiliateLinks;
    private int _pageWords;

    [ThreadStatic] private static HtmlParser? _parser;

    private AstStripper(StripRules rules, Func<int, int> sourceLine, List<Removal> removals, Action<int, string> suspicious)
    {
        _rules = rules;
        _sourceLine = sourceLine;
        _removals = removals;
        _suspicious = suspicious;
    }

    /// <summary>Strips <paramref name="document"/> in place. <paramref name="sourceLine"/> maps a 0-based parsed line to a 1-based source line.</summary>
    public static void Apply(MarkdownDocument document, StripRules rules, Func<int, int> sourceLine, List<Removal> removals, Action<int, string> suspicious)
    {
        if (!rules.Enabled) return;
        var s = new AstStripper(rules, sourceLine, removals, suspicious);
        // Only the HTML cleaner reads the page's word count, and only for HTML blocks.
        s._pageWords = HasHtmlBlock(document) ? ReaderText.RawWordCount(document) : 0;
        s.Container(document);
        s.RemoveDisclaimers();
    }

    private void Container(ContainerBlock container)
    {
        for (var i = 0; i < container.Count; i++)
        {
            var block = container[i];
            var remove = block switch
            {
                HtmlBlock html => HtmlBlock(html),
                QuoteBlock quote when IsDisclaimer(quote) => Disclaimer(container, quote),
                ParagraphBlock p when i + 1 < container.Count && IsLinkFarm(p, container[i + 1]) => LinkFarm(container, i),
                LeafBlock leaf when leaf.Inline is not null => Inlines(leaf),
                ContainerBlock inner => Recurse(inner),
                _ => false,
            };
            if (!remove) continue;
            container.RemoveAt(i);
            i--;
            MergeLists(container, i + 1);
        }
    }

    /// <summary>A label paragraph followed by a list of bare links. Both tests are pure; the cheaper one goes first.</summary>
    private bool IsLinkFarm(ParagraphBlock label, Block next) => next switch
    {
        ListBlock => IsLinkFarmList(next) && IsLinkFarmLabel(label),
        Markdig.Syntax.HtmlBlock => IsLinkFarmLabel(label) && IsLinkFarmList(next),
        _ => false,
    };

    private static bool HasHtmlBlock(ContainerBlock container)
    {
        for (var i = 0; i < container.Count; i++)
        {
            if (container[i] is HtmlBlock || container[i] is ContainerBlock c && HasHtmlBlock(c)) return true;
        }
        return false;
    }

    private bool Recurse(ContainerBlock inner)
    {
        Container(inner);
        return false;
    }

    private int StartLine(Block b) => _sourceLine(b.Line);

    private int EndLine(Block b) => b is LeafBlock { Lines.Count: > 0 } leaf ? _sourceLine(b.Line + leaf.Lines.Count - 1) : StartLine(b);

    private bool HtmlBlock(HtmlBlock block)
    {
        var html = block.Lines.ToString();
        if (!HtmlAdCleaner.MightContainAds(html, _rules)) return false;
        if (WholeElementAd.Match(html, _rules) is { } whole)
        {
            _removals.Add(new Removal(whole, StartLine(block), EndLine(block), Removal.Shorten(html)));
            return true;
        }
        var result = HtmlAdCleaner.Clean(html, _rules, _pageWords);
        foreach (var why in result.Kept) _suspicious(StartLine(block), why);
        _affiliateLinks += result.SponsoredLinks;
        if (!result.Changed) return false;
        var rule = result.Removed.Count > 0 ? result.Removed[0].Rule : "affiliate-link";
        if (result.Empty)
        {
            _removals.Add(new Removal(rule, StartLine(block), EndLine(block), Removal.Shorten(html)));
            return true;
        }
        foreach (var (r, excerpt) in result.Removed)
        {
            _removals.Add(new Removal(r, StartLine(block), EndLine(block), excerpt));
        }
        block.Lines = new StringLineGroup(result.Html);
        return false;
    }

    private bool Disclaimer(ContainerBlock parent, QuoteBlock quote)
    {
        _disclaimers.Add((parent, quote));
        return false;
    }

    private void RemoveDisclaimers()
    {
        if (!_rules.IsOn("disclaimer") || _affiliateLinks > 0) return;
        foreach (var (parent, block) in _disclaimers)
        {
            var text = PlainText(block);
            if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 80)
            {
                _suspicious(StartLine(block), "a long quote mentions affiliate links; it was kept as it may be real content");
                continue;
            }
            _removals.Add(new Removal("disclaimer", StartLine(block), _sourceLine(LastLine(block)), Removal.Shorten(text)));
            parent.Remove(block);
        }
    }

    private static int LastLine(Block b)
    {
        while (b is ContainerBlock { Count: > 0 } c) b = c[^1];
        return b is LeafBlock { Lines.Count: > 0 } leaf ? b.Line + leaf.Lines.Count - 1 : b.Line;
    }

    private bool IsDisclaimer(QuoteBlock quote)
    {
        var text = PlainText(quote).ToLowerInvariant();
        return _rules.Disclaimers.Any(words => words.All(w => text.Contains(w, StringComparison.Ordinal)));
    }

    private bool IsLinkFarmLabel(ParagraphBlock p)
    {
        if (!_rules.IsOn("link-farm")) return false;
        var label = StripRules.Normalize(PlainText(p)).TrimEnd(':', ' ', '.');
        return _rules.LinkFarmLabels.Contains(label);
    }

    private static bool IsLinkFarmList(Block next) => next switch
    {
        ListBlock list => list.All(item => item is ListItemBlock li && li.Count == 1 && li[0] is ParagraphBlock p && IsOnlyLink(p)),
        HtmlBlock html => html.Lines.ToString().Contains("<li", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    private static bool IsOnlyLink(ParagraphBlock p)
    {
        if (p.Inline is not { FirstChild: LinkInline } inl) return false;
        var count = 0;
        foreach (var i in inl)
        {
            if (i is not LiteralInline { Content.IsEmpty: true }) count++;
        }
        return count == 1;
    }

    private bool LinkFarm(ContainerBlock container, int index)
    {
        var label = container[index];
        var list = container[index + 1];
        _removals.Add(new Removal("link-farm", StartLine(label), _sourceLine(LastLine(list)), Removal.LinkFarm(PlainText(label), FarmLinks(list))));
        container.RemoveAt(index + 1);
        return true;
    }

    /// <summary>The texts of the links in a link farm's list, so its removal can say how many went.</summary>
    private static List<string> FarmLinks(Block list) => list switch
    {
        ListBlock l => l.Descendants<LinkInline>().Select(a => PlainTextOf(a)).ToList(),
        HtmlBlock html => (_parser ??= new HtmlParser()).ParseDocument(html.Lines.ToString()).QuerySelectorAll("a[href]").Select(a => a.TextContent).ToList(),
        _ => [],
    };

    /// <summary>Strips inline ad markup; true when the block is left with nothing in it.</summary>
    private bool Inlines(LeafBlock leaf)
    {
        var before = leaf.Inline!.FirstChild is not null;
        var changed = InlineContainer(leaf.Inline!, leaf);
        if (!changed || !before || leaf is HeadingBlock) return false;
        if (HasContent(leaf.Inline!)) return false;
        return true;
    }

    private bool InlineContainer(ContainerInline container, LeafBlock leaf)
    {
        var changed = false;
        var inline = container.FirstChild;
        while (inline is not null)
        {
            var next = inline.NextSibling;
            switch (inline)
            {
                case LinkInline link:
                    changed |= Link(link, leaf, ref next);
                    break;
                case HtmlInline html:
                    changed |= InlineHtml(html, leaf, ref next);
                    break;
                case AutolinkInline { IsEmail: false } auto:
                    changed |= Autolink(auto);
                    break;
                case ContainerInline inner:
                    changed |= InlineContainer(inner, leaf);
                    break;
            }
            inline = next;
        }
        return changed;
    }

    private bool Link(LinkInline link, LeafBlock leaf, ref Inline? next)
    {
        var line = _sourceLine(link.Line);
        if (_rules.IsAdUrl(link.Url))
        {
            if (link.IsImage || !HasText(link))
            {
                _removals.Add(new Removal("ad-host", line, line, link.Url ?? ""));
                link.Remove();
                return true;
            }
            switch (_rules.AffiliateLinks)
            {
                case AffiliateLinkMode.Mark:
                    link.GetAttributes().AddProperty("rel", "sponsored nofollow");
                    _affiliateLinks++;
                    return false;
                case AffiliateLinkMode.Unwrap:
                    _removals.Add(new Removal("affiliate-link", line, line, link.Url ?? ""));
                    UnwrapKeepingWordsApart(link);
                    return true;
                default:
                    _removals.Add(new Removal("affiliate-link", line, line, link.Url ?? "").WithText(PlainTextOf(link)));
                    link.Remove();
                    return true;
            }
        }
        if (!link.IsImage && _rules.IsRedirectUrl(link.Url))
        {
            _removals.Add(new Removal("redirect-link", line, line, link.Url ?? ""));
            next = link.FirstChild ?? next;
            UnwrapKeepingWordsApart(link);
            return true;
        }
        if (!link.IsImage && _rules.IsOn("javascript-link") && HtmlAdCleaner.IsScriptUrl(link.Url))
        {
            _removals.Add(new Removal("javascript-link", line, line, link.Url ?? ""));
            Unwrap(link);
            return true;
        }
        return InlineContainer(link, leaf);
    }

    /// <summary>
    /// A <c>&lt;https://…&gt;</c> autolink to an ad or affiliate host, under the same rules as a
    /// Markdown link: marked, or unwrapped to its URL as plain text, or removed.
    /// </summary>
    private bool Autolink(AutolinkInline auto)
    {
        if (!_rules.IsAdUrl(auto.Url)) return false;
        var line = _sourceLine(auto.Line);
        switch (_rules.AffiliateLinks)
        {
            case AffiliateLinkMode.Mark:
                auto.GetAttributes().AddProperty("rel", "sponsored nofollow");
                _affiliateLinks++;
                return false;
            case AffiliateLinkMode.Unwrap:
                _removals.Add(new Removal("affiliate-link", line, line, auto.Url));
                auto.ReplaceBy(new LiteralInline(auto.Url) { Line = auto.Line, Column = auto.Column, Span = auto.Span });
                return true;
            default:
                _removals.Add(new Removal("affiliate-link", line, line, auto.Url).WithText(auto.Url));
                auto.Remove();
                return true;
        }
    }

    /// <summary>
    /// Unwraps a link whose text touches a word outside it (<c>recently[launched …](…)</c>, two links
    /// side by side): a link boundary kept the words apart, plain text would glue them, so a space goes in.
    /// </summary>
    private static void UnwrapKeepingWordsApart(LinkInline link)
    {
        if (EndsWithWord(link.PreviousSibling) && StartsWithWord(link.FirstChild)) PutBefore(link, new LiteralInline(" "));
        if (StartsWithWord(link.NextSibling) && EndsWithWord(link.LastChild)) link.InsertAfter(new LiteralInline(" "));
        Unwrap(link);
    }

    private static bool EndsWithWord(Inline? inline) => inline switch
    {
        LiteralInline l => l.Content.Length > 0 && char.IsLetterOrDigit(l.Content.Text[l.Content.End]),
        ContainerInline c => EndsWithWord(c.LastChild),
        _ => false,
    };

    private static bool StartsWithWord(Inline? inline) => inline switch
    {
        LiteralInline l => l.Content.Length > 0 && char.IsLetterOrDigit(l.Content.Text[l.Content.Start]),
        ContainerInline c => StartsWithWord(c.FirstChild),
        _ => false,
    };

    private static void Unwrap(ContainerInline container)
    {
        var child = container.FirstChild;
        while (child is not null)
        {
            var n = child.NextSibling;
            child.Remove();
            PutBefore(container, child);
            child = n;
        }
        container.Remove();
    }

    /// <summary>
    /// Inserts <paramref name="inline"/> before <paramref name="anchor"/>. Markdig's
    /// <c>Inline.InsertBefore</c> leaves the inserted inline's <c>PreviousSibling</c> null, which cuts
    /// the backward chain that <c>ContainerInline.Descendants()</c> walks from <c>LastChild</c>: every
    /// inline before it would escape link validation. <c>InsertAfter</c> on the previous sibling links
    /// both ways.
    /// </summary>
    private static void PutBefore(Inline anchor, Inline inline)
    {
        if (anchor.PreviousSibling is { } previous) previous.InsertAfter(inline);
        else anchor.InsertBefore(inline);
    }

    private bool InlineHtml(HtmlInline html, LeafBlock leaf, ref Inline? next)
    {
        var tag = html.Tag;
        if (tag.StartsWith("</", StringComparison.Ordinal) || !HtmlAdCleaner.MightContainAds(tag, _rules)) return false;
        var fast = WholeElementAd.MatchOpenTag(tag, _rules);
        var element = fast is null ? ParseTag(tag) : null;
        if (fast is null && element is null) return false;
        var line = _sourceLine(html.Line);
        var name = fast?.Name ?? element!.LocalName;
        if (name == "a" && element is not null && _rules.IsAdUrl(element.GetAttribute("href")) && LinkText(html) is { Length: > 0 } words)
        {
            return InlineAffiliateLink(html, element, line, words, ref next);
        }
        string rule;
        if (fast is { } f)
        {
            rule = f.Rule;
        }
        else
        {
            var probe = HtmlAdCleaner.Clean(tag + (IsVoid(name) ? "" : $"</{name}>"), _rules);
            if (!probe.Changed) return false;
            if (!probe.Empty && probe.SponsoredLinks > 0 && name == "a")
            {
                // An affiliate text link in prose: keep it, marked.
                var rebuilt = ParseTag(probe.Html);
                html.Tag = rebuilt is null ? tag : OpenTag(rebuilt);
                _affiliateLinks++;
                return false;
            }
            rule = probe.Removed.Count > 0 ? probe.Removed[0].Rule : "ad";
        }
        var removal = new Removal(rule, line, line + tag.Count(c => c == '\n'), Removal.Shorten(tag));
        _removals.Add(removal);
        if (IsVoid(name))
        {
            html.Remove();
            return true;
        }
        // Remove the element with its content when it is an ad unit; unwrap a javascript: link.
        var href = element?.GetAttribute("href");
        var keepContent = name == "a" && (HtmlAdCleaner.IsScriptUrl(href) || _rules.IsRedirectUrl(href));
        var depth = 0;
        Inline? cur = html.NextSibling;
        html.Remove();
        while (cur is not null)
        {
            var n = cur.NextSibling;
            if (cur is HtmlInline h)
            {
                if (h.Tag.StartsWith("<" + name, StringComparison.OrdinalIgnoreCase)) depth++;
                else if (h.Tag.StartsWith("</" + name, StringComparison.OrdinalIgnoreCase))
                {
                    if (depth == 0)
                    {
                        // the report covers the element up to its closing tag
                        var end = _sourceLine(h.Line);
                        if (end > removal.EndLine) _removals[_removals.LastIndexOf(removal)] = removal with { EndLine = end };
                        h.Remove();
                        next = n;
                        return true;
                    }
                    depth--;
                }
            }
            if (!keepContent) cur.Remove();
            cur = n;
        }
        next = null;
        return true;
    }

    /// <summary>
    /// A raw <c>&lt;a href="affiliate"&gt;words&lt;/a&gt;</c> inside a sentence, under the same rule as a
    /// Markdown link: the open tag marked, or both tags dropped (unwrap), or the link removed with its words.
    /// </summary>
    private bool InlineAffiliateLink(HtmlInline open, AngleSharp.Dom.IElement element, int line, string words, ref Inline? next)
    {
        var href = element.GetAttribute("href") ?? "";
        if (_rules.AffiliateLinks == AffiliateLinkMode.Mark)
        {
            element.SetAttribute("rel", "sponsored nofollow");
            open.Tag = OpenTag(element);
            _affiliateLinks++;
            return false;
        }
        var removal = new Removal("affiliate-link", line, line, href);
        _removals.Add(_rules.AffiliateLinks == AffiliateLinkMode.Remove ? removal.WithText(words) : removal);
        var cur = open.NextSibling;
        open.Remove();
        while (cur is not null)
        {
            var n = cur.NextSibling;
            if (cur is HtmlInline h && h.Tag.StartsWith("</a", StringComparison.OrdinalIgnoreCase))
            {
                h.Remove();
                next = n;
                return true;
            }
            if (_rules.AffiliateLinks == AffiliateLinkMode.Remove) cur.Remove();
            cur = n;
        }
        next = null;
        return true;
    }

    /// <summary>The words between a raw <c>&lt;a&gt;</c> open tag and its <c>&lt;/a&gt;</c> among its siblings; empty when it holds none (a banner) or is never closed.</summary>
    private static string LinkText(HtmlInline open)
    {
        var sb = new System.Text.StringBuilder();
        for (var cur = open.NextSibling; cur is not null; cur = cur.NextSibling)
        {
            switch (cur)
            {
                case HtmlInline h when h.Tag.StartsWith("</a", StringComparison.OrdinalIgnoreCase):
                    return sb.ToString().Trim();
                case HtmlInline h when h.Tag.StartsWith("<a", StringComparison.OrdinalIgnoreCase):
                    return "";
                case LiteralInline l:
                    sb.Append(l.Content.AsSpan());
                    break;
                case CodeInline c:
                    sb.Append(c.Content);
                    break;
                case ContainerInline c:
                    sb.Append(PlainTextOf(c));
                    break;
            }
        }
        return "";
    }

    private static AngleSharp.Dom.IElement? ParseTag(string tag)
    {
        _parser ??= new HtmlParser();
        var doc = _parser.ParseDocument("<body>" + tag + "</body>");
        return doc.Body?.FirstElementChild;
    }

    private static string OpenTag(AngleSharp.Dom.IElement e)
    {
        var outer = e.OuterHtml;
        var end = outer.IndexOf('>');
        return end > 0 ? outer[..(end + 1)] : outer;
    }

    private static bool IsVoid(string name) => name is "img" or "br" or "hr" or "source" or "embed" or "wbr" or "input" or "track";

    private static bool HasText(ContainerInline c)
    {
        foreach (var d in new InlineWalk(c))
        {
            if (d is LiteralInline l && !l.Content.IsEmptyOrWhitespace()) return true;
            if (d is CodeInline) return true;
        }
        return false;
    }

    private static bool HasContent(ContainerInline c)
    {
        foreach (var d in new InlineWalk(c))
        {
            switch (d)
            {
                case LiteralInline l when !l.Content.IsEmptyOrWhitespace():
                case CodeInline:
                case AutolinkInline:
                case LinkInline { IsImage: true }:
                case HtmlEntityInline:
                    return true;
                case HtmlInline h when !h.Tag.StartsWith("</", StringComparison.Ordinal) && !h.Tag.StartsWith("<!--", StringComparison.Ordinal):
                    return true;
            }
        }
        return false;
    }

    /// <summary>After a block between two lists was removed, joins two ordered lists that now touch into one.</summary>
    private static void MergeLists(ContainerBlock container, int index)
    {
        if (index <= 0 || index >= container.Count) return;
        if (container[index - 1] is not ListBlock a || container[index] is not ListBlock b) return;
        if (a.IsOrdered != b.IsOrdered || a.BulletType != b.BulletType) return;
        while (b.Count > 0)
        {
            var item = b[0];
            b.RemoveAt(0);
            a.Add(item);
        }
        a.IsLoose |= b.IsLoose;
        container.RemoveAt(index);
    }

    /// <summary>The literal text inside an inline container.</summary>
    public static string PlainTextOf(ContainerInline container)
    {
        // Most link and key texts are one literal: no builder needed.
        if (container.FirstChild is LiteralInline only && only.NextSibling is null && ReferenceEquals(container.LastChild, only))
        {
            return only.Content.ToString();
        }
        var sb = _plain ??= new System.Text.StringBuilder();
        sb.Clear();
        foreach (var d in new InlineWalk(container))
        {
            if (d is LiteralInline l) sb.Append(l.Content.AsSpan());
            else if (d is CodeInline code) sb.Append(code.Content);
            else if (d is KeyInline key) sb.Append(key.Key);
        }
        var text = sb.ToString();
        sb.Clear();
        return text;
    }

    [ThreadStatic] private static System.Text.StringBuilder? _plain;

    /// <summary>The text of a block and everything in it, space-separated.</summary>
    public static string PlainText(Block block) => ReaderText.Raw(block);
}
