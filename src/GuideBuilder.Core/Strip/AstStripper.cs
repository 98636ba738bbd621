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
            // the list that followed the removed block joins the one before it, not yet stripped
            foreach (var moved in MergeLists(container, i + 1)) Container(moved);
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
        var fragment = HtmlFragment.Parse(html);
        var result = HtmlAdCleaner.Clean(fragment, html, _rules, _pageWords);
        foreach (var why in result.Kept) _suspicious(StartLine(block), why);
        _affiliateLinks += result.SponsoredLinks;
        if (!result.Changed)
        {
            // the analysis reads ids and links from the same parse
            block.SetData(typeof(HtmlFragment), fragment);
            return false;
        }
        var rule = result.Removed.Count > 0 ? result.Removed[0].Rule : "affiliate-link";
        if (result.Empty)
        {
            var texts = result.Removed.Select(r => r.Text).Where(t => t is not null);
            _removals.Add(new Removal(rule, StartLine(block), EndLine(block), Removal.Shorten(html)).WithText(string.Join(' ', texts)));
            return true;
        }
        var last = Math.Max(0, block.Lines.Count - 1);
        foreach (var cut in result.Removed)
        {
            // the lines the parser found the element on, inside the block
            _removals.Add(new Removal(cut.Rule, _sourceLine(block.Line + Math.Min(cut.Line, last)), _sourceLine(block.Line + Math.Min(cut.EndLine, last)), cut.Excerpt)
                .WithText(cut.Text));
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

    /// <summary>
    /// A disclaimer quote opens with a disclaimer sentence: its first sentence holds every word of one
    /// <c>disclaimers</c> entry as a whole word (a plural counts). "I am not affiliated with Microsoft" and
    /// "decommission … affiliated domains" are prose.
    /// </summary>
    private bool IsDisclaimer(QuoteBlock quote)
    {
        if (quote.Count == 0 || quote[0] is not ParagraphBlock first) return false;
        var words = FirstSentenceWords(PlainText(first));
        return _rules.Disclaimers.Any(entry => entry.All(w => words.Contains(w) || words.Contains(w + "s")));
    }

    /// <summary>The lower-case words of the first sentence of <paramref name="text"/> (up to a '.', '!' or '?' that ends a word).</summary>
    private static HashSet<string> FirstSentenceWords(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsLetter(text[i]))
            {
                var start = i;
                while (i < text.Length && char.IsLetter(text[i])) i++;
                words.Add(text[start..i].ToLowerInvariant());
                continue;
            }
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])) && words.Count > 0) break;
            i++;
        }
        return words;
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
        var (start, end, name) = (StartLine(label), _sourceLine(LastLine(list)), PlainText(label));
        // An HTML list's links are read by the HTML parser only if the excerpt is read (the strip report).
        _removals.Add(list is HtmlBlock html && html.Lines.ToString() is var markup
            ? Removal.Later("link-farm", start, end, () => Removal.LinkFarm(name, HtmlFarmLinks(markup)))
            : new Removal("link-farm", start, end, Removal.LinkFarm(name, FarmLinks(list))));
        container.RemoveAt(index + 1);
        return true;
    }

    /// <summary>The texts of the links in a link farm's Markdown list, so its removal can say how many went.</summary>
    private static List<string> FarmLinks(Block list) => list switch
    {
        ListBlock l => l.Descendants<LinkInline>().Select(a => PlainTextOf(a)).ToList(),
        _ => [],
    };

    /// <summary>The texts of the links in a link farm's HTML list.</summary>
    private static List<string> HtmlFarmLinks(string html) =>
        HtmlFragment.Parse(html).Root.QuerySelectorAll("a[href]").Select(a => a.TextContent).ToList();

    /// <summary>Strips inline ad markup; true when the block is left with nothing in it.</summary>
    private bool Inlines(LeafBlock leaf)
    {
        var before = leaf.Inline!.FirstChild is not null;
        var heading = leaf is HeadingBlock h ? PlainText(h) : null;
        var changed = InlineContainer(leaf.Inline!, leaf);
        if (changed && heading is not null) Reidentify((HeadingBlock)leaf, heading);
        if (!changed || !before || leaf is HeadingBlock) return false;
        if (HasContent(leaf.Inline!)) return false;
        return true;
    }

    /// <summary>
    /// Markdig gives a heading its id while parsing, from the text before stripping
    /// (<c>## Heading ![ad](…) keep</c> → <c>heading-ad-keep</c>); an id made that way is made again from
    /// what is left. An explicit <c>{#id}</c> stays.
    /// </summary>
    private static void Reidentify(HeadingBlock heading, string textBefore)
    {
        var attributes = heading.GetAttributes();
        if (attributes.Id is not { Length: > 0 } id) return;
        var old = LinkHelper.UrilizeAsGfm(textBefore);
        if (old.Length == 0) old = "section";
        string suffix;
        if (id == old) suffix = "";
        else if (id.StartsWith(old + "-", StringComparison.Ordinal) && id[(old.Length + 1)..].All(char.IsAsciiDigit)) suffix = id[old.Length..];
        else return;
        // the removal leaves two spaces where the ad was; one was written
        var fresh = LinkHelper.UrilizeAsGfm(string.Join(' ', PlainText(heading).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        attributes.Id = (fresh.Length == 0 ? "section" : fresh) + suffix;
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
                    changed |= InlineHtml(html, ref next);
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
            // An ad image inside an affiliate link goes whatever becomes of the link.
            var inside = !link.IsImage && InlineContainer(link, leaf);
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
                    return inside;
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
        if (link.IsImage && _rules.IsOn("tracking-pixel") && link.TryGetAttributes() is { Properties: { } props }
            && TrackingPixel.Is(link.Url, Property(props, "width"), Property(props, "height"), Property(props, "style"), props.Any(p => p.Key == "hidden")))
        {
            _removals.Add(new Removal("tracking-pixel", line, line, link.Url ?? ""));
            link.Remove();
            return true;
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

    private static string? Property(List<KeyValuePair<string, string?>> properties, string name) =>
        properties.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

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

    /// <summary>
    /// Inline raw HTML inside a paragraph, heading or cell: the open tag is read by the HTML parser, and the
    /// element runs to its closing tag among the following inlines (the open tag alone when it is void,
    /// self-closed <c>&lt;ins …/&gt;</c> or never closed: what follows is the author's text).
    /// </summary>
    private bool InlineHtml(HtmlInline html, ref Inline? next)
    {
        var tag = html.Tag;
        if (tag.Length < 3 || !char.IsAsciiLetter(tag[1]) || !HtmlAdCleaner.MightContainAds(tag, _rules)) return false;
        if (ParseTag(tag) is not { } element) return false;
        var name = element.LocalName;
        var close = IsVoid(name) || tag.EndsWith("/>", StringComparison.Ordinal) ? null : ClosingTag(html, name);
        if (name == "a") return Anchor(html, close, element, ref next);
        var probe = HtmlAdCleaner.Clean(tag + (IsVoid(name) ? "" : $"</{name}>"), _rules);
        if (!probe.Changed || !probe.Empty) return false;
        RemoveElement(html, close, probe.Removed.Count > 0 ? probe.Removed[0].Rule : "ad", ref next, close is null ? null : TextBetween(html, close));
        return true;
    }

    /// <summary>An inline <c>&lt;a&gt;</c>: an affiliate link in prose keeps its text (marked, unwrapped or removed as the site says); a banner link goes whole; a redirect or <c>javascript:</c> link is unwrapped.</summary>
    private bool Anchor(HtmlInline open, HtmlInline? close, AngleSharp.Dom.IElement a, ref Inline? next)
    {
        var href = a.GetAttribute("href");
        var hasText = close is not null && HasTextBetween(open, close);
        if (_rules.IsAdUrl(href))
        {
            if (!hasText)
            {
                RemoveElement(open, close, "ad-host", ref next);
                return true;
            }
            switch (_rules.AffiliateLinks)
            {
                case AffiliateLinkMode.Mark:
                    a.SetAttribute("rel", "sponsored nofollow");
                    open.Tag = HtmlFragment.OpenTag(a);
                    _affiliateLinks++;
                    return false;
                case AffiliateLinkMode.Unwrap:
                    UnwrapElement(open, close, "affiliate-link");
                    return true;
                default:
                    RemoveElement(open, close, "affiliate-link", ref next, TextBetween(open, close));
                    return true;
            }
        }
        if (_rules.IsRedirectUrl(href))
        {
            UnwrapElement(open, close, "redirect-link");
            return true;
        }
        if (_rules.IsOn("javascript-link") && HtmlAdCleaner.IsScriptUrl(href))
        {
            if (hasText) UnwrapElement(open, close, "javascript-link");
            else RemoveElement(open, close, "javascript-link", ref next);
            return true;
        }
        return false;
    }

    /// <summary>The closing tag of the element <paramref name="open"/> starts, among the inlines after it; null when it is never closed.</summary>
    private static HtmlInline? ClosingTag(HtmlInline open, string name)
    {
        var depth = 0;
        for (var cur = open.NextSibling; cur is not null; cur = cur.NextSibling)
        {
            if (cur is not HtmlInline h || TagName(h.Tag) is not { } n || !n.Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            if (!h.Tag.StartsWith("</", StringComparison.Ordinal)) depth++;
            else if (depth-- == 0) return h;
        }
        return null;
    }

    /// <summary>The element name of an open or closing tag.</summary>
    private static string? TagName(string tag)
    {
        var i = tag.StartsWith("</", StringComparison.Ordinal) ? 2 : 1;
        var start = i;
        while (i < tag.Length && (char.IsAsciiLetterOrDigit(tag[i]) || tag[i] == '-')) i++;
        return i > start ? tag[start..i] : null;
    }

    private bool HasTextBetween(HtmlInline open, HtmlInline close)
    {
        for (var cur = open.NextSibling; cur is not null && cur != close; cur = cur.NextSibling)
        {
            switch (cur)
            {
                case LiteralInline l when !l.Content.IsEmptyOrWhitespace():
                case CodeInline:
                case HtmlEntityInline:
                    return true;
                case ContainerInline c when HasText(c):
                    return true;
            }
        }
        return false;
    }

    /// <summary>Removes the element from its open tag to its closing tag (or the open tag alone), reporting it.</summary>
    private void RemoveElement(HtmlInline open, HtmlInline? close, string rule, ref Inline? next, string? text = null)
    {
        var line = _sourceLine(open.Line);
        var end = close is null ? line + open.Tag.Count(c => c == '\n') : _sourceLine(close.Line);
        _removals.Add(new Removal(rule, line, end, Removal.Shorten(open.Tag)).WithText(text));
        if (close is null)
        {
            open.Remove();
            return;
        }
        next = close.NextSibling;
        for (var cur = open.NextSibling; cur is not null && cur != close;)
        {
            var n = cur.NextSibling;
            cur.Remove();
            cur = n;
        }
        open.Remove();
        close.Remove();
    }

    /// <summary>The words between an open tag and its closing tag, for the strip report.</summary>
    private static string TextBetween(HtmlInline open, HtmlInline? close)
    {
        var sb = new System.Text.StringBuilder();
        for (var cur = open.NextSibling; cur is not null && cur != close; cur = cur.NextSibling)
        {
            switch (cur)
            {
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
        return sb.ToString().Trim();
    }

    /// <summary>Removes the element's tags and keeps what is between them.</summary>
    private void UnwrapElement(HtmlInline open, HtmlInline? close, string rule)
    {
        var line = _sourceLine(open.Line);
        _removals.Add(new Removal(rule, line, close is null ? line : _sourceLine(close.Line), Removal.Shorten(open.Tag)));
        open.Remove();
        close?.Remove();
    }

    private static AngleSharp.Dom.IElement? ParseTag(string tag) => HtmlFragment.Parse(tag).Root.FirstElementChild;

    private static bool IsVoid(string name) =>
        name is "img" or "br" or "hr" or "source" or "embed" or "wbr" or "input" or "track" or "area" or "base" or "col" or "link" or "meta" or "param";

    /// <summary>True when <paramref name="c"/> holds text a reader sees; an image's alt text does not count (<c>[![Buy](…)](…)</c> is a banner).</summary>
    private static bool HasText(ContainerInline c)
    {
        for (var d = c.FirstChild; d is not null; d = d.NextSibling)
        {
            switch (d)
            {
                case LiteralInline l when !l.Content.IsEmptyOrWhitespace():
                case CodeInline:
                case HtmlEntityInline:
                    return true;
                case LinkInline { IsImage: true }:
                    break;
                case ContainerInline inner when HasText(inner):
                    return true;
            }
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
    /// <returns>The items moved from the second list.</returns>
    private static List<ContainerBlock> MergeLists(ContainerBlock container, int index)
    {
        var moved = new List<ContainerBlock>();
        if (index <= 0 || index >= container.Count) return moved;
        if (container[index - 1] is not ListBlock a || container[index] is not ListBlock b) return moved;
        if (a.IsOrdered != b.IsOrdered || a.BulletType != b.BulletType) return moved;
        while (b.Count > 0)
        {
            var item = b[0];
            b.RemoveAt(0);
            a.Add(item);
            if (item is ContainerBlock c) moved.Add(c);
        }
        a.IsLoose |= b.IsLoose;
        container.RemoveAt(index);
        return moved;
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
