using System.Text;
using GuideBuilder.Strip;
using Markdig.Extensions.Footnotes;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using GuideBuilder.Model;

namespace GuideBuilder.Render;

/// <summary>
/// Shapes a parsed guide for the page and records what validation needs, in one walk of the
/// syntax tree: the title heading, demoted extra h1s, <c>&lt;kbd&gt;</c> key combos, step lists with
/// ids (a numbered list of nothing but links stays a plain list), pro/con runs of bare markers joined
/// into one list (<see cref="CopiedLists"/>), screenshots as figures, and every heading, id, link and step.
/// </summary>
public static class GuideAnalyzer
{
    /// <summary>The page text builder, reused per thread (one guide at a time per thread).</summary>
    [ThreadStatic] private static StringBuilder? _text;

    /// <summary>Fills the guide's headings, ids, links, steps and text, and reshapes its document for rendering.</summary>
    public static void Analyze(Guide guide, Action<int, int, string> multipleH1)
    {
        var doc = guide.Document!;
        var src = guide.Lines;
        int Line(int parsedLine) => src.ToSource(parsedLine);

        TakeTitle(guide, doc);
        var text = _text ??= new StringBuilder(4096);
        text.Clear();
        var procedures = new ProcedureTracker(guide);
        string? heading = guide.Title;   // until a heading in the body: the page's title
        Walk(doc, insideList: false);
        guide.PlainText = text.ToString();
        text.Clear();
        if (text.Capacity > 1 << 16) _text = null;   // keep no huge page's buffer
        (guide.WordCount, guide.UnspacedChars) = CountWords(guide.PlainText);
        if (guide.TitleId is not null) guide.Ids.Add(guide.TitleId);

        void Walk(ContainerBlock container, bool insideList)
        {
            for (var i = 0; i < container.Count; i++)
            {
                var block = container[i];
                if (block is ListBlock or ParagraphBlock && CopiedLists.JoinMarkerRun(container, i) is { } joined) block = joined;
                switch (block)
                {
                    case HeadingBlock h:
                        var id = h.GetAttributes().Id ?? "";
                        var htext = AstStripper.PlainText(h);
                        guide.Headings.Add(new HeadingInfo(h.Level, htext, id, Line(h.Line), h.Column + 1));
                        if (RendersNothing(h))
                        {
                            // heading.empty reports it; an empty heading element would be an empty landmark for screen readers.
                            container.RemoveAt(i--);
                            continue;
                        }
                        procedures.Heading(htext, id);
                        heading = htext;
                        if (id.Length > 0) guide.Ids.Add(id);
                        if (h.Level == 1)
                        {
                            multipleH1(Line(h.Line), h.Column + 1, $"a second h1 '{htext}' (the page title is the h1); it is shown as h2");
                            h.Level = 2;
                        }
                        Inlines(h.Inline);
                        text.Append(htext).Append('\n');
                        break;
                    case ListBlock list when list.IsOrdered && !insideList && ProcedureLists.IsSteps(list, guide.Meta.Steps, heading, i > 0 ? container[i - 1] : null):
                        list.GetAttributes().AddClass("steps");
                        // The theme numbers steps with a CSS counter; keep a list that starts at N numbered from N.
                        if (!int.TryParse(list.OrderedStart, out var start) || start < 0) start = 1;
                        if (start != 1)
                        {
                            list.SetProperty("style", $"counter-reset: step {start - 1}");
                        }
                        var number = procedures.List(start);
                        for (var li = 0; li < list.Count; li++)
                        {
                            if (list[li] is not ListItemBlock item) continue;
                            var stepId = procedures.StepId(number);
                            item.GetAttributes().Id = stepId;
                            guide.Ids.Add(stepId);
                            Walk(item, insideList: true);
                            var firstImage = FirstImage(item)?.Url ?? FirstFigure(item)?.Image.Url;
                            guide.Steps.Add(new StepInfo(stepId, StepText(item), firstImage)
                            {
                                Name = StepName(item),
                                Position = number++,
                                Procedure = guide.Procedures.Count - 1,
                            });
                        }
                        procedures.Last = number - 1;
                        break;
                    case ListBlock list:
                        for (var li = 0; li < list.Count; li++)
                        {
                            if (list[li] is ListItemBlock item) Walk(item, insideList: true);
                        }
                        break;
                    case ParagraphBlock p:
                        Inlines(p.Inline);
                        ReaderText.AppendOf(p, text);
                        text.Append('\n');
                        if (LiftFigure(container, i, p)) i++;
                        break;
                    case HtmlBlock html:
                        HtmlBlockRefs(html);
                        break;
                    case FigureBlock { Image.Url: not null } figure:
                        // a figure made from a shortcode: its image is checked and rewritten like any other
                        Link(figure.Image);
                        break;
                    case LeafBlock leaf when leaf.Inline is not null:
                        Inlines(leaf.Inline);
                        break;
                    case LeafBlock leaf:
                        text.Append(leaf.Lines.ToString()).Append('\n');
                        break;
                    case Footnote note:
                        guide.Ids.Add("fn:" + note.Order);   // as Markdig renders the footnote's item
                        Walk(note, insideList);
                        break;
                    case ContainerBlock c:
                        if (c.GetAttributes().Id is { Length: > 0 } cid) guide.Ids.Add(cid);
                        Walk(c, insideList);
                        break;
                }
                if (block is not HeadingBlock && block.TryGetAttributes() is { Id: { Length: > 0 } explicitId }) guide.Ids.Add(explicitId);
            }
        }

        void Link(LinkInline link)
        {
            guide.Links.Add(new LinkRef(link.Url!, link.IsImage, Line(link.Line), link.Column + 1, LinkText(link), FromHtml: false)
            {
                Node = link,
                DefinitionLine = link.Reference is { } definition ? Line(definition.Line) : 0,
                DefinitionLabel = link.Reference?.Label,
            });
            if (link.IsImage)
            {
                link.GetAttributes().AddProperty("loading", "lazy");
                link.GetAttributes().AddProperty("decoding", "async");
            }
            if (link.TryGetAttributes() is { Id: { Length: > 0 } lid }) guide.Ids.Add(lid);
        }

        void Inlines(ContainerInline? container)
        {
            if (container is null) return;
            Keys(container);
            foreach (var inline in new InlineWalk(container))
            {
                switch (inline)
                {
                    case LinkInline link when link.Url is not null:
                        Link(link);
                        break;
                    case AutolinkInline { IsEmail: false } auto:
                        // <https://…>: always external; collected for the ad-host and external checks.
                        guide.Links.Add(new LinkRef(auto.Url, IsImage: false, Line(auto.Line), auto.Column + 1, auto.Url, FromHtml: false)
                        {
                            HasRel = auto.TryGetAttributes()?.Properties?.Any(p => p.Key == "rel") == true,
                        });
                        break;
                    case HtmlInline html:
                        // An id or a URL needs an attribute value.
                        if (html.Tag.Contains('=')) RawHtml(HtmlFragment.Parse(html.Tag), html.Tag, html, html.Line, html.Column);
                        break;
                    case FootnoteLink { IsBackLink: false } note:
                        guide.Ids.Add("fnref:" + note.Index);
                        break;
                    default:
                        if (inline.TryGetAttributes() is { Id: { Length: > 0 } iid }) guide.Ids.Add(iid);
                        break;
                }
            }
        }

        void HtmlBlockRefs(HtmlBlock html)
        {
            var text = html.Lines.ToString();
            if (!text.Contains('=')) return;   // an id or a URL needs an attribute value
            RawHtml(html.GetData(typeof(HtmlFragment)) as HtmlFragment ?? HtmlFragment.Parse(text), text, html, html.Line, column: -1);
        }

        // Ids and URLs of raw HTML, read from the parsed elements. A URL is reported where its value
        // starts and rewritten in place; ids count only where the published page keeps them.
        void RawHtml(HtmlFragment fragment, string text, MarkdownObject owner, int firstLine, int column)
        {
            foreach (var e in fragment.Elements)
            {
                if (e.Id is { Length: > 0 } id && BodySanitizer.KeepsId(e)) guide.Ids.Add(id);
                else if (string.IsNullOrEmpty(e.Id) && e.LocalName == "a" && e.GetAttribute("name") is { Length: > 0 } name && BodySanitizer.KeepsId(e)) guide.Ids.Add(name);   // published as its id
                var tagStart = HtmlFragment.Offset(e);
                foreach (var (attr, list) in HtmlFragment.UrlAttributes(e.LocalName))
                {
                    if (e.GetAttribute(attr) is not { } value) continue;
                    var span = tagStart >= 0 ? HtmlFragment.ValueSpan(text, tagStart, attr) : null;
                    var isImage = e.LocalName != "a" && e.LocalName != "area";
                    var hasRel = e.HasAttribute("rel");
                    if (!list)
                    {
                        var at = span is { } v ? v.NameStart : Math.Max(0, tagStart);
                        var written = span is { } w ? text.Substring(w.Start - (w.Quoted ? 1 : 0), w.Length + (w.Quoted ? 2 : 0)) : null;
                        Add(value, isImage, hasRel, at, written is null ? null : At(owner, text, span!.Value.Start - (span.Value.Quoted ? 1 : 0), written, bare: false));
                        continue;
                    }
                    // srcset: each URL in place when the value is written as the parser read it (no character references)
                    var raw = span is { } r && text.AsSpan(r.Start, r.Length).SequenceEqual(value) ? r.Start : -1;
                    foreach (var (url, start) in HtmlFragment.SrcsetUrls(value))
                    {
                        Add(url, isImage, hasRel, raw >= 0 ? raw + start : Math.Max(0, tagStart), raw >= 0 ? At(owner, text, raw + start, url, bare: true) : null);
                    }
                }
            }

            void Add(string url, bool isImage, bool hasRel, int at, RawHtmlUrl? where)
            {
                var lineInText = 0;
                var lineStart = 0;
                for (var k = text.IndexOf('\n'); k >= 0 && k < at; k = text.IndexOf('\n', k + 1))
                {
                    lineInText++;
                    lineStart = k + 1;
                }
                var col = column >= 0 && lineInText == 0 ? column + 1 + at : at - lineStart + 1;
                guide.Links.Add(new LinkRef(url, isImage, Line(firstLine + lineInText), col, "", FromHtml: true) { Html = where, HasRel = hasRel });
            }
        }
    }

    /// <summary>Where a URL value sits: in an inline tag (the whole tag), or on one line of an HTML block.</summary>
    private static RawHtmlUrl? At(MarkdownObject owner, string text, int start, string written, bool bare)
    {
        if (owner is HtmlInline) return new RawHtmlUrl(owner, -1, start, written, bare);
        var lineStart = text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
        if (start == 0) lineStart = 0;
        var lineIndex = 0;
        for (var k = 0; k < lineStart; k++)
        {
            if (text[k] == '\n') lineIndex++;
        }
        // a value that runs over a line end cannot be written back line by line
        return written.Contains('\n') ? null : new RawHtmlUrl(owner, lineIndex, start - lineStart, written, bare);
    }

    /// <summary>The leading heading that repeats the title (or any leading h1) becomes the page's h1.</summary>
    private static void TakeTitle(Guide guide, MarkdownDocument doc)
    {
        var fmTitle = guide.Meta.Title;
        var first = doc.FirstOrDefault(b => b is not LinkReferenceDefinitionGroup);
        if (first is HeadingBlock h)
        {
            var htext = AstStripper.PlainText(h);
            if (h.Level == 1 || (h.Level <= 2 && fmTitle is not null && SameText(htext, fmTitle)))
            {
                guide.Title = h.Level == 1 && htext.Length > 0 ? htext : fmTitle ?? htext;
                guide.TitleId = h.GetAttributes().Id;
                guide.Headings.Add(new HeadingInfo(1, htext, guide.TitleId ?? "", guide.Lines.ToSource(h.Line), h.Column + 1));
                doc.Remove(h);
                return;
            }
        }
        guide.Title = fmTitle ?? Path.GetFileNameWithoutExtension(guide.Source.ContentRelativePath);
    }

    private static bool SameText(string a, string b) => Squash(a) == Squash(b);

    private static string Squash(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>Runs of <c>**Key** + **Key**</c> become <c>&lt;kbd&gt;</c> elements.</summary>
    private static void Keys(ContainerInline container)
    {
        List<EmphasisInline>? run = null;
        var inline = container.FirstChild;
        while (inline is not null)
        {
            if (inline is EmphasisInline { DelimiterCount: 2 } strong && IsKeyName(strong))
            {
                run ??= [];
                run.Clear();
                run.Add(strong);
                var cur = strong.NextSibling;
                while (true)
                {
                    var sep = new StringBuilder();
                    var probe = cur;
                    while (probe is LiteralInline lit)
                    {
                        sep.Append(lit.Content.ToString());
                        probe = probe.NextSibling;
                    }
                    if (sep.ToString().Trim() == "+" && probe is EmphasisInline { DelimiterCount: 2 } nextKey && IsKeyName(nextKey))
                    {
                        run.Add(nextKey);
                        cur = nextKey.NextSibling;
                        continue;
                    }
                    break;
                }
                if (run.Count >= 2 || LoneKeys.Contains(AstStripper.PlainTextOf(strong).Trim()))
                {
                    foreach (var key in run)
                    {
                        var kbd = new KeyInline(AstStripper.PlainTextOf(key))
                        {
                            Line = key.Line,
                            Column = key.Column,
                        };
                        key.ReplaceBy(kbd, copyChildren: false);
                    }
                    inline = cur;
                    continue;
                }
            }
            if (inline is ContainerInline c and not LinkInline) Keys(c);
            inline = inline.NextSibling;
        }
    }

    /// <summary>
    /// Key names that are keys even in bold on their own (<c>press **PrtScn**</c>), as they are in a
    /// combination. Names that are also button or menu labels (Delete, Home, OK) need a combination.
    /// </summary>
    private static readonly HashSet<string> LoneKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "PrtScn", "PrtSc", "PrtScr", "Print Screen", "SysRq", "Esc", "Ctrl", "Control", "Alt", "AltGr", "Shift", "Win", "Windows key",
        "Cmd", "Fn", "Tab", "Enter", "Return", "Backspace", "Spacebar", "Caps Lock", "Num Lock", "Scroll Lock", "PgUp", "PgDn",
        "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
    };

    private static bool IsKeyName(EmphasisInline e)
    {
        if (e.FirstChild is not LiteralInline || e.FirstChild.NextSibling is not null) return false;
        var t = AstStripper.PlainTextOf(e).Trim();
        return t.Length is > 0 and <= 20;
    }

    /// <summary>An image that ends a paragraph on its own line becomes a figure after the paragraph. True when a block was inserted.</summary>
    private static bool LiftFigure(ContainerBlock container, int index, ParagraphBlock p)
    {
        if (p.Inline?.LastChild is not LinkInline { IsImage: true } image) return false;
        var prev = image.PreviousSibling;
        while (prev is LiteralInline l && l.Content.IsEmptyOrWhitespace()) prev = prev.PreviousSibling;
        var alone = prev is null || prev is LineBreakInline;
        if (!alone) return false;
        image.Remove();
        if (prev is LineBreakInline br) br.Remove();
        var figure = new FigureBlock(image) { Line = image.Line, Column = image.Column };
        if (p.Inline.FirstChild is null || !HasAnyText(p.Inline))
        {
            container[index] = figure;
            return false;
        }
        container.Insert(index + 1, figure);
        return true;
    }

    /// <summary>True when anything but white space and line breaks is left: text, code, a link or autolink, an entity, a footnote reference, raw HTML.</summary>
    private static bool HasAnyText(ContainerInline c)
    {
        foreach (var d in new InlineWalk(c))
        {
            switch (d)
            {
                case LiteralInline l when l.Content.IsEmptyOrWhitespace():
                case LineBreakInline:
                    continue;
                case LiteralInline:
                case LinkInline:
                case LeafInline:
                    return true;
            }
        }
        return false;
    }

    /// <summary>The first image link under <paramref name="block"/>, in document order (as <c>Descendants&lt;LinkInline&gt;()</c> finds it).</summary>
    private static LinkInline? FirstImage(ContainerBlock block)
    {
        for (var i = 0; i < block.Count; i++)
        {
            switch (block[i])
            {
                case LeafBlock { Inline: { } inline }:
                    foreach (var d in new InlineWalk(inline))
                    {
                        if (d is LinkInline { IsImage: true } image) return image;
                    }
                    break;
                case ContainerBlock c when FirstImage(c) is { } found:
                    return found;
            }
        }
        return null;
    }

    /// <summary>The first figure under <paramref name="block"/>, in document order.</summary>
    private static FigureBlock? FirstFigure(ContainerBlock block)
    {
        for (var i = 0; i < block.Count; i++)
        {
            switch (block[i])
            {
                case FigureBlock figure:
                    return figure;
                case ContainerBlock c when FirstFigure(c) is { } found:
                    return found;
            }
        }
        return null;
    }

    private static string StepText(ListItemBlock item)
    {
        var first = item.FirstOrDefault(b => b is ParagraphBlock);
        return first is null ? "" : ReaderText.Of(first);
    }

    /// <summary>
    /// A step's short name: a bold lead that stands as a title (<c>**Open Settings.** Then …</c>,
    /// <c>**Open Settings**: …</c>, or alone on its line), else the first sentence of its first paragraph.
    /// </summary>
    internal static string StepName(ListItemBlock item)
    {
        if (item.FirstOrDefault(b => b is ParagraphBlock) is not ParagraphBlock { Inline: { } inline } first) return "";
        var lead = inline.FirstChild;
        while (lead is LiteralInline l && l.Content.IsEmptyOrWhitespace()) lead = lead.NextSibling;
        if (lead is EmphasisInline { DelimiterCount: 2 } strong)
        {
            var bold = AstStripper.PlainTextOf(strong).Trim();
            var after = lead.NextSibling is LiteralInline next ? next.Content.ToString().TrimStart() : "";
            var standsAlone = lead.NextSibling is null or LineBreakInline
                || after.Length > 0 && after[0] is ':' or '.' or '—' or '–' or '-'
                || bold.Length > 0 && bold[^1] is '.' or ':' or '!' or '?';
            if (standsAlone && bold.TrimEnd('.', ':').Length > 0) return Shorten(bold.TrimEnd('.', ':', ' '));
        }
        return Shorten(FirstSentence(ReaderText.Of(first)));
    }

    /// <summary>Text up to the first sentence end ('.', '!' or '?' before a space, or a CJK full stop), without a closing '.'.</summary>
    internal static string FirstSentence(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '。' or '！' or '？') return text[..(c == '。' ? i : i + 1)];
            if (c is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])))
            {
                return text[..(c == '.' ? i : i + 1)];
            }
        }
        return text;
    }

    /// <summary>At most 110 characters, cut at a space with '…'.</summary>
    private static string Shorten(string text)
    {
        const int Max = 110;
        text = text.Trim();
        if (text.Length <= Max) return text;
        var cut = text.LastIndexOf(' ', Max);
        return text[..(cut > 40 ? cut : Max)].TrimEnd(',', ';', ' ') + "…";
    }

    /// <summary>True when a heading would render as an empty element: nothing in it but white space.</summary>
    private static bool RendersNothing(HeadingBlock h)
    {
        if (h.Inline is null) return true;
        foreach (var d in new InlineWalk(h.Inline))
        {
            switch (d)
            {
                case LiteralInline l when l.Content.IsEmptyOrWhitespace():
                case LineBreakInline:
                case EmphasisInline:
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Groups a page's step lists into procedures and names their steps. A procedure is the step lists under
    /// one heading whose numbers run on (a list that starts again at or below the last number starts another
    /// procedure). Step ids carry the visible number and the heading's id, so they stay the same when another
    /// procedure is added or removed elsewhere on the page: <c>using-settings-step-2</c>; <c>step-2</c> for a
    /// list with no heading above it; a second procedure under the same heading (or a second one with no
    /// heading) is <c>using-settings-2-step-1</c> (<c>procedure-2-step-1</c>).
    /// </summary>
    private sealed class ProcedureTracker(Guide guide)
    {
        private readonly HashSet<string> _prefixes = new(StringComparer.Ordinal);
        private string _headingText = "";
        private string _headingId = "";
        private string _prefix = "step-";
        private bool _open;

        /// <summary>The visible number of the current procedure's last step.</summary>
        public int Last { get; set; }

        public void Heading(string text, string id)
        {
            (_headingText, _headingId) = (text.Trim(), id);
            _open = false;
        }

        /// <summary>A step list starting at <paramref name="start"/>: continues the open procedure or begins one. Returns the first step's number.</summary>
        public int List(int start)
        {
            if (_open && start > Last) return start;
            var key = _headingId;
            var prefix = key.Length > 0 ? key + "-step-" : "step-";
            for (var n = 2; !_prefixes.Add(prefix); n++) prefix = (key.Length > 0 ? key : "procedure") + "-" + n + "-step-";
            _prefix = prefix;
            guide.Procedures.Add(new ProcedureInfo(_headingText, _headingId));
            _open = true;
            return start;
        }

        public string StepId(int number) => _prefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string LinkText(LinkInline link) => AstStripper.PlainTextOf(link);

    /// <summary>
    /// Words (runs of letters and digits) and, apart, the characters of scripts that put no spaces
    /// between words: those are read character by character, so each ends a word run.
    /// </summary>
    internal static (int Words, int UnspacedChars) CountWords(string text)
    {
        var count = 0;
        var chars = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsUnspacedScript(c))
            {
                chars++;
                inWord = false;
                continue;
            }
            var w = char.IsLetterOrDigit(c);
            if (w && !inWord) count++;
            inWord = w;
        }
        return (count, chars);
    }

    /// <summary>Han, kana, Thai, Lao, Khmer, Myanmar and Tibetan letters.</summary>
    private static bool IsUnspacedScript(char c) => c switch
    {
        >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' => true,   // Han
        >= '\u3040' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F' => true,   // Hiragana, Katakana
        >= '\u0E00' and <= '\u0EFF' => true,   // Thai, Lao
        >= '\u0F00' and <= '\u0FFF' or >= '\u1000' and <= '\u109F' or >= '\u1780' and <= '\u17FF' => char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark,   // Tibetan, Myanmar, Khmer
        _ => false,
    } && !char.IsPunctuation(c);
}
