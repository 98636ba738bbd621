using GuideBuilder.Load;
using GuideBuilder.Model;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Strip;

/// <summary>
/// Turns the Hugo shortcodes and Liquid tags of a copied post into what they stand for, following the
/// mapping in <see cref="StripRules.Shortcodes"/>: ad units go (reported), videos become an embed or a
/// link, gists a link, images figures, <c>highlight</c> a fenced code block. A tag the mapping does not
/// name stays as written and is reported at its line. Works on the syntax tree, so code is never touched.
/// </summary>
public sealed class ShortcodeConverter
{
    private readonly StripRules _rules;
    private readonly Func<int, int> _sourceLine;
    private readonly List<Removal> _removals;
    private readonly Action<int, int, string> _unknown;

    private ShortcodeConverter(StripRules rules, Func<int, int> sourceLine, List<Removal> removals, Action<int, int, string> unknown)
    {
        _rules = rules;
        _sourceLine = sourceLine;
        _removals = removals;
        _unknown = unknown;
    }

    /// <summary>
    /// Converts every shortcode in <paramref name="document"/>. <paramref name="sourceLine"/> maps a parsed
    /// line to a 1-based source line; <paramref name="unknown"/> gets the source line, column and message of
    /// each tag left as written.
    /// </summary>
    public static void Apply(MarkdownDocument document, StripRules rules, Func<int, int> sourceLine, List<Removal> removals, Action<int, int, string> unknown)
    {
        new ShortcodeConverter(rules, sourceLine, removals, unknown).Container(document);
    }

    /// <summary>The parser settings that give the shortcodes mapped to <c>code</c> their raw body.</summary>
    public static Markdig.MarkdownParserContext ParserContext(StripRules rules)
    {
        var context = new Markdig.MarkdownParserContext();
        context.Properties[ShortcodeBlockParser.CodeBodyKey] = (Func<string, bool>)(name => rules.ShortcodeActionFor(name) == ShortcodeAction.Code);
        return context;
    }

    /// <summary>True when the text may hold a shortcode at all: most guides skip the walk.</summary>
    public static bool MightHaveShortcodes(string text) => text.Contains("{{<", StringComparison.Ordinal) || text.Contains("{{%", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal);

    private void Container(ContainerBlock container)
    {
        for (var i = 0; i < container.Count; i++)
        {
            switch (container[i])
            {
                case ShortcodeBlock sb:
                    var lazyItem = i > 0 && container[i - 1] is ListBlock before ? LazyItem(before, sb.Line) : null;
                    var replacement = Block(sb);
                    if (lazyItem is not null)
                    {
                        // Right under a list item's text, a tag belongs to that item, as it does where the post came from
                        // (Hugo reads the tag's line as part of the item's paragraph): what it became goes into the item,
                        // and a list of the same kind right after it is the same list going on, not a new one.
                        var list = (ListBlock)container[i - 1];
                        container.RemoveAt(i);
                        if (replacement is not null) lazyItem.Add(replacement);
                        if (i < container.Count && container[i] is ListBlock after && SameKind(list, after))
                        {
                            container.RemoveAt(i);
                            while (after.Count > 0)
                            {
                                var item = after[0];
                                after.RemoveAt(0);
                                list.Add(item);
                            }
                        }
                        i--;
                    }
                    else if (replacement is null)
                    {
                        container.RemoveAt(i);
                        i--;
                    }
                    else if (!ReferenceEquals(replacement, sb))
                    {
                        container[i] = replacement;
                    }
                    break;
                case LeafBlock { Inline: { } inline }:
                    Inlines(inline);
                    break;
                case ContainerBlock inner:
                    Container(inner);
                    break;
            }
        }
    }

    /// <summary>
    /// The list item whose paragraph the line <paramref name="line"/> would lazily go on (its last paragraph ends on the line
    /// before, in <paramref name="list"/>'s last item or, deeper, a nested list's last item); null when there is none.
    /// </summary>
    private static ListItemBlock? LazyItem(ListBlock list, int line)
    {
        while (list.LastChild is ListItemBlock item)
        {
            switch (item.LastChild)
            {
                case ListBlock nested:
                    list = nested;
                    continue;
                case ParagraphBlock paragraph when LastLine(paragraph) == line - 1:
                    return item;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>The line a paragraph's text ends on (its lines are gone once its inlines are parsed: its last inline's).</summary>
    private static int LastLine(ParagraphBlock paragraph)
    {
        if (paragraph.Lines.Count > 0) return paragraph.Lines.Lines[paragraph.Lines.Count - 1].Line;
        Inline? last = paragraph.Inline?.LastChild;
        while (last is ContainerInline { LastChild: { } inner }) last = inner;
        return last?.Line ?? paragraph.Line;
    }

    /// <summary>True when <paramref name="next"/> would have gone on as <paramref name="list"/>: both numbered with the same delimiter, or both bullets with the same marker.</summary>
    private static bool SameKind(ListBlock list, ListBlock next) =>
        list.IsOrdered == next.IsOrdered && list.BulletType == next.BulletType && list.OrderedDelimiter == next.OrderedDelimiter;

    /// <summary>What a shortcode on its own line becomes: itself (left as written), another block, or null (removed).</summary>
    private Block? Block(ShortcodeBlock block)
    {
        var tag = block.Tag;
        var line = _sourceLine(block.Line);
        var endLine = block.Body is null ? line : _sourceLine(block.Line + block.Body.Count + 1);
        if (tag.Escaped) return Literal(block, tag.Raw);
        switch (Decide(tag, line, endLine))
        {
            case null:
                return null;
            case ShortcodeAction.YouTube or ShortcodeAction.Vimeo when Video(tag) is { } video:
                return Video(block, video);
            case ShortcodeAction.Gist when GistUrl(tag) is { } gist:
                return Paragraph(block, Link(gist.Url, gist.Text, block));
            case ShortcodeAction.Figure when Image(tag, block) is { } image:
                return new FigureBlock(image) { Line = block.Line, Column = block.Column, Span = block.Span };
            case ShortcodeAction.Code when block.Body is not null:
                return Code(block);
            case ShortcodeAction.Unwrap:
                return null;
            case ShortcodeAction.Keep:
                return block;
            case { } action:
                Unknown(tag, line, block.Column, action);
                return block;
        }
    }

    private void Inlines(ContainerInline container)
    {
        var inline = container.FirstChild;
        while (inline is not null)
        {
            var next = inline.NextSibling;
            switch (inline)
            {
                case ShortcodeInline sc:
                    Inline(sc);
                    break;
                case ContainerInline inner:
                    Inlines(inner);
                    break;
            }
            inline = next;
        }
    }

    private void Inline(ShortcodeInline inline)
    {
        var tag = inline.Tag;
        var line = _sourceLine(inline.Line);
        if (tag.Escaped)
        {
            inline.ReplaceBy(new LiteralInline(tag.Raw) { Line = inline.Line, Column = inline.Column, Span = inline.Span });
            return;
        }
        switch (Decide(tag, line, line))
        {
            case null or ShortcodeAction.Unwrap:
                inline.Remove();
                break;
            case ShortcodeAction.YouTube or ShortcodeAction.Vimeo when Video(tag) is { } video:
                inline.ReplaceBy(Link(video.Url, video.Text, inline));
                break;
            case ShortcodeAction.Gist when GistUrl(tag) is { } gist:
                inline.ReplaceBy(Link(gist.Url, gist.Text, inline));
                break;
            case ShortcodeAction.Figure when Image(tag, inline) is { } image:
                inline.ReplaceBy(image);
                break;
            case ShortcodeAction.Keep:
                break;
            case { } action:
                Unknown(tag, line, inline.Column, action);
                break;
        }
    }

    /// <summary>
    /// The action for a tag; null when it is an ad unit, which is then reported as removed. A closing tag
    /// follows its opening tag's action, and an unnamed one is left as written without a second warning.
    /// </summary>
    private ShortcodeAction? Decide(Shortcode tag, int line, int endLine)
    {
        var action = _rules.ShortcodeActionFor(tag.Name);
        var ad = action == ShortcodeAction.Remove || tag.Values.Any(_rules.IsAdUrl);
        if (ad && _rules.Enabled)
        {
            var text = tag.Arg("text") ?? tag.Arg("title") ?? tag.Arg("label") ?? tag.Arg("caption");
            _removals.Add(new Removal("shortcode", line, endLine, Removal.Shorten(tag.Raw)).WithText(text));
            return null;
        }
        if (tag.Closing) return action is ShortcodeAction.Unwrap ? ShortcodeAction.Unwrap : ShortcodeAction.Keep;
        return action ?? (ShortcodeAction)(-1);
    }

    private void Unknown(Shortcode tag, int line, int column, ShortcodeAction action)
    {
        var why = (int)action == -1
            ? "GuideBuilder has no mapping for it (add one under strip: shortcodes: in site.yml)"
            : $"its arguments do not fit the '{action.ToString().ToLowerInvariant()}' mapping";
        _unknown(line, column + 1, $"shortcode '{tag.Name}' is shown as written: {why}");
    }

    // ---- what the content shortcodes become ----

    private sealed record VideoLink(string Url, string Text, string? Embed);

    private VideoLink? Video(Shortcode tag)
    {
        var action = _rules.ShortcodeActionFor(tag.Name);
        var id = tag.Arg("id", 0);
        if (id is null || id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        var title = tag.Arg("title");
        if (action == ShortcodeAction.Vimeo)
        {
            if (!id.All(char.IsAsciiDigit)) return null;
            return new VideoLink($"https://vimeo.com/{id}", title is null ? "Watch the video on Vimeo" : $"Watch “{title}” on Vimeo",
                Allowed("player.vimeo.com") ? $"https://player.vimeo.com/video/{id}?dnt=1" : null);
        }
        return new VideoLink($"https://www.youtube.com/watch?v={id}", title is null ? "Watch the video on YouTube" : $"Watch “{title}” on YouTube",
            Allowed("www.youtube-nocookie.com") ? $"https://www.youtube-nocookie.com/embed/{id}" : null);
    }

    private bool Allowed(string host) => _rules.EmbedHosts.Any(h => h.Equals(host, StringComparison.OrdinalIgnoreCase));

    /// <summary>A video block: the embed when its host is allowed, with the link as its caption; else a paragraph holding the link.</summary>
    private static Block Video(ShortcodeBlock block, VideoLink video)
    {
        if (video.Embed is null) return Paragraph(block, Link(video.Url, video.Text, block));
        var title = System.Net.WebUtility.HtmlEncode(video.Text);
        var html = $"<figure class=\"video\"><iframe src=\"{video.Embed}\" title=\"{title}\" loading=\"lazy\" allowfullscreen></iframe>" +
                   $"<figcaption><a href=\"{video.Url}\">{title}</a></figcaption></figure>";
        return new HtmlBlock(null) { Type = HtmlBlockType.NonInterruptingBlock, Lines = new StringLineGroup(html), Line = block.Line, Column = block.Column, Span = block.Span };
    }

    private static (string Url, string Text)? GistUrl(Shortcode tag)
    {
        // Hugo: {{< gist user id [file] >}}; Liquid: {% gist user/id [file] %} or {% gist id %}
        var first = tag.Arg("user", 0);
        if (first is null) return null;
        string path;
        string? file;
        if (first.Contains('/'))
        {
            path = first;
            file = tag.Arg("file", 1);
        }
        else if (tag.Arg("id", 1) is { } id)
        {
            path = first + "/" + id;
            file = tag.Arg("file", 2);
        }
        else
        {
            path = first;
            file = null;
        }
        if (!path.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/')) return null;
        var text = file is null ? $"View the code on GitHub Gist ({path})" : $"View {file} on GitHub Gist ({path})";
        return ($"https://gist.github.com/{path}", text);
    }

    private static LinkInline? Image(Shortcode tag, MarkdownObject at)
    {
        var src = tag.Arg("src", 0);
        if (string.IsNullOrWhiteSpace(src)) return null;
        var caption = tag.Arg("caption") ?? tag.Arg("title");
        var alt = tag.Arg("alt") ?? tag.Arg("title") ?? tag.Arg("caption") ?? tag.Arg("alt", 1) ?? "";
        var image = new LinkInline(src, caption ?? "") { IsImage = true, Line = at.Line, Column = at.Column, Span = at.Span };
        if (alt.Length > 0) image.AppendChild(new LiteralInline(alt) { Line = at.Line, Column = at.Column });
        return image;
    }

    private static FencedCodeBlock Code(ShortcodeBlock block)
    {
        var language = block.Tag.Arg("lang", 0);
        var code = new FencedCodeBlock(null!)
        {
            FencedChar = '`',
            OpeningFencedCharCount = 3,
            ClosingFencedCharCount = 3,
            Info = language is not null && language.All(c => char.IsLetterOrDigit(c) || c is '-' or '+' or '#' or '_') ? language : null,
            Line = block.Line,
            Column = block.Column,
            Span = block.Span,
        };
        // Markdig's fenced-code parser sets the language class as it reads the info string; a built block needs it set here.
        if (code.Info is { } info) Markdig.Renderers.Html.HtmlAttributesExtensions.GetAttributes(code).AddClass("language-" + info);
        var lines = new StringLineGroup(Math.Max(1, block.Body!.Count));
        foreach (var l in block.Body!) lines.Add(new StringSlice(l));
        code.Lines = lines;
        return code;
    }

    private static LinkInline Link(string url, string text, MarkdownObject at)
    {
        var link = new LinkInline(url, "") { Line = at.Line, Column = at.Column, Span = at.Span };
        link.AppendChild(new LiteralInline(text) { Line = at.Line, Column = at.Column });
        return link;
    }

    private static ParagraphBlock Paragraph(Block at, Inline inline)
    {
        var container = new ContainerInline();
        container.AppendChild(inline);
        return new ParagraphBlock { Inline = container, Line = at.Line, Column = at.Column, Span = at.Span };
    }

    private static ParagraphBlock Literal(Block at, string text) => Paragraph(at, new LiteralInline(text) { Line = at.Line, Column = at.Column });
}
