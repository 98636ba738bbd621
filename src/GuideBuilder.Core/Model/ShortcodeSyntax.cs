using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Model;

/// <summary>A shortcode inside a paragraph, heading or table cell. Code spans never hold one: Markdig reads them first.</summary>
public sealed class ShortcodeInline(Shortcode tag) : LeafInline
{
    public Shortcode Tag { get; } = tag;
}

/// <summary>
/// A shortcode alone on its line. For a shortcode whose body is code (<see cref="ShortcodeBlockParser.CodeBodyKey"/>),
/// <see cref="Body"/> holds the lines up to its closing tag as written, never parsed as Markdown.
/// </summary>
public sealed class ShortcodeBlock(BlockParser? parser, Shortcode tag) : LeafBlock(parser)
{
    public Shortcode Tag { get; } = tag;

    /// <summary>The lines between the tag and its closing tag, for a shortcode with a code body; else null.</summary>
    public List<string>? Body { get; internal set; }

    /// <summary>The closing tag of a code body, as written.</summary>
    public string? ClosingRaw { get; internal set; }
}

/// <summary>Opens a <see cref="ShortcodeBlock"/> on a line that holds one shortcode and nothing else.</summary>
public sealed class ShortcodeBlockParser : BlockParser
{
    /// <summary>
    /// Key in <see cref="MarkdownParserContext.Properties"/> of a <c>Func&lt;string, bool&gt;</c> that says which
    /// shortcode names have a code body (the site's mapping); without it, <c>highlight</c> alone.
    /// </summary>
    public static readonly object CodeBodyKey = new();

    /// <summary>How far ahead a closing tag is looked for.</summary>
    private const int LookAhead = 256 * 1024;

    public ShortcodeBlockParser()
    {
        OpeningCharacters = ['{'];
    }

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line;
        var text = line.Text;
        var lineEnd = line.End + 1;
        var tag = Shortcode.Read(text, line.Start, lineEnd, out var end);
        if (tag is null) return BlockState.None;
        for (var k = end; k < lineEnd; k++)
        {
            if (!char.IsWhiteSpace(text[k])) return BlockState.None;
        }
        var block = new ShortcodeBlock(this, tag)
        {
            Line = processor.LineIndex,
            Column = processor.Column,
            Span = new SourceSpan(line.Start, line.End),
            ProcessInlines = false,
        };
        processor.NewBlocks.Push(block);
        if (!tag.Closing && !tag.Escaped && IsCodeBody(processor, tag.Name) && HasClosingTag(text, lineEnd, tag.Name))
        {
            block.Body = [];
            return BlockState.Continue;
        }
        return BlockState.BreakDiscard;
    }

    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        var shortcode = (ShortcodeBlock)block;
        if (shortcode.Body is null) return BlockState.Break;
        var line = processor.Line;
        var trimmed = line;
        trimmed.TrimStart();
        if (Shortcode.Read(trimmed.Text, trimmed.Start, trimmed.End + 1, out _) is { Closing: true } close
            && close.Name.Equals(shortcode.Tag.Name, StringComparison.OrdinalIgnoreCase))
        {
            shortcode.ClosingRaw = close.Raw;
            block.UpdateSpanEnd(line.End);
            return BlockState.BreakDiscard;
        }
        // The line as written, indentation included: the container's own indent is already taken off.
        shortcode.Body.Add(new string(' ', Math.Max(0, processor.Column - processor.ColumnBeforeIndent)) + line.ToString());
        block.UpdateSpanEnd(line.End);
        return BlockState.Continue;
    }

    private static bool IsCodeBody(BlockProcessor processor, string name) =>
        processor.Context?.Properties.TryGetValue(CodeBodyKey, out var f) == true && f is Func<string, bool> isCode
            ? isCode(name)
            : name.Equals("highlight", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a closing tag for <paramref name="name"/> follows somewhere after <paramref name="from"/>.</summary>
    private static bool HasClosingTag(string text, int from, string name)
    {
        var limit = (int)Math.Min(text.Length, (long)from + LookAhead);
        for (var i = text.IndexOf('{', from); i >= 0 && i < limit; i = text.IndexOf('{', i + 1))
        {
            if (Shortcode.Read(text, i, limit, out _) is { Closing: true } t && t.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}

/// <summary>Reads a shortcode inside inline text.</summary>
public sealed class ShortcodeInlineParser : InlineParser
{
    public ShortcodeInlineParser()
    {
        OpeningCharacters = ['{'];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var start = slice.Start;
        var tag = Shortcode.Read(slice.Text, start, slice.End + 1, out var end);
        if (tag is null) return false;
        var from = processor.GetSourcePosition(start, out var line, out var column);
        processor.Inline = new ShortcodeInline(tag)
        {
            Span = new SourceSpan(from, from + (end - start) - 1),
            Line = line,
            Column = column,
        };
        slice.Start = end;
        return true;
    }
}

/// <summary>
/// Hugo shortcodes and Liquid tags as syntax: a tag alone on a line is a <see cref="ShortcodeBlock"/>, one
/// in running text a <see cref="ShortcodeInline"/>. Fenced and indented code and code spans are read
/// first, so a tag shown inside code stays code. A tag that nothing converts renders as the text it was.
/// </summary>
public sealed class ShortcodeExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<ShortcodeBlockParser>()) pipeline.BlockParsers.Insert(0, new ShortcodeBlockParser());
        // before the attribute parser, which also opens at '{'
        if (!pipeline.InlineParsers.Contains<ShortcodeInlineParser>()) pipeline.InlineParsers.Insert(0, new ShortcodeInlineParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        if (!html.ObjectRenderers.Contains<ShortcodeInlineRenderer>()) html.ObjectRenderers.Insert(0, new ShortcodeInlineRenderer());
        if (!html.ObjectRenderers.Contains<ShortcodeBlockRenderer>()) html.ObjectRenderers.Insert(0, new ShortcodeBlockRenderer());
    }
}

/// <summary>A shortcode left as written: its text, escaped.</summary>
public sealed class ShortcodeInlineRenderer : HtmlObjectRenderer<ShortcodeInline>
{
    protected override void Write(HtmlRenderer renderer, ShortcodeInline obj) => renderer.WriteEscape(obj.Tag.Raw);
}

/// <summary>A shortcode line left as written: a paragraph of its text (and its body and closing tag, if it has them).</summary>
public sealed class ShortcodeBlockRenderer : HtmlObjectRenderer<ShortcodeBlock>
{
    protected override void Write(HtmlRenderer renderer, ShortcodeBlock obj)
    {
        renderer.EnsureLine();
        renderer.Write("<p>").WriteEscape(obj.Tag.Raw).WriteLine("</p>");
        if (obj.Body is null) return;
        renderer.Write("<pre><code>");
        foreach (var line in obj.Body) renderer.WriteEscape(line).WriteLine();
        renderer.WriteLine("</code></pre>");
        if (obj.ClosingRaw is not null) renderer.Write("<p>").WriteEscape(obj.ClosingRaw).WriteLine("</p>");
    }
}
