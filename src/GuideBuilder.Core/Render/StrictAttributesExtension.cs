using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace GuideBuilder.Render;

/// <summary>
/// Narrows Markdig's generic attributes to what authors write on purpose: <c>{#id}</c>,
/// <c>{.class}</c> and <c>{key=value}</c>, and only where the syntax is unambiguous: at the end of a
/// heading or fence line, and right after a link or image. A brace group holding bare words — <c>\Text{coefficient of
/// friction}</c> in a formula copied from the web — stays text instead of swallowing the rest of a
/// heading as attributes. Must be added after <c>UseGenericAttributes()</c>.
/// </summary>
public sealed class StrictAttributesExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        var inner = pipeline.InlineParsers.Find<GenericAttributesParser>();
        if (inner is not null) pipeline.InlineParsers.Replace<GenericAttributesParser>(new StrictInlineParser(inner));
        foreach (var parser in pipeline.BlockParsers)
        {
            if (parser is IAttributesParseable { TryParseAttributes: { } original } parseable)
            {
                parseable.TryParseAttributes = (BlockProcessor processor, ref StringSlice slice, IBlock block) =>
                    IsDeliberate(LastBraceGroup(slice), atEnd: true) ? original(processor, ref slice, block) : ShortNames(processor, ref slice, block);
            }
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    /// <summary>
    /// <c>{#x}</c>, <c>{.x}</c>, <c>{#x .step}</c> at the end of a heading or fence line: ids and classes only,
    /// some of one character, which Markdig's attribute parser (1.6) turns down. Read here the way Markdig
    /// reads a longer name: the attributes go on the block and the group leaves the line.
    /// </summary>
    private static bool ShortNames(BlockProcessor processor, ref StringSlice slice, IBlock block)
    {
        var text = slice.Text;
        if (text is null || slice.Start >= slice.End) return false;
        var open = text.IndexOf('{', slice.Start, slice.End - slice.Start + 1);
        if (open < 0) return false;
        string? id = null;
        List<string>? classes = null;
        var i = open + 1;
        while (true)
        {
            while (i <= slice.End && text[i] is ' ' or '\t') i++;
            if (i > slice.End) return false;
            if (text[i] == '}') break;
            if (text[i] is not ('#' or '.')) return false;
            var kind = text[i++];
            var start = i;
            while (i <= slice.End && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or ':')) i++;
            if (i == start) return false;
            var name = text[start..i];
            if (kind == '#') id = name;
            else (classes ??= []).Add(name);
            if (i <= slice.End && text[i] is not (' ' or '\t' or '}')) return false;
        }
        for (var k = i + 1; k <= slice.End; k++)
        {
            if (text[k] is not (' ' or '\t')) return false;
        }
        var attributes = block.GetAttributes();
        if (id is not null) attributes.Id = id;
        foreach (var c in classes ?? []) attributes.AddClass(c);
        attributes.Line = processor.LineIndex;
        attributes.Column = open - processor.CurrentLineStartPosition;
        slice.End = open - 1;
        return true;
    }

    /// <summary>The slice from its last '{' on: block parsers hand over a whole line and look for attributes at its end.</summary>
    private static StringSlice LastBraceGroup(StringSlice slice)
    {
        var at = slice.Text?.LastIndexOf('{', slice.End, slice.End - slice.Start + 1) ?? -1;
        return at < slice.Start ? slice : new StringSlice(slice.Text!, at, slice.End);
    }

    /// <summary>
    /// True when the brace group at the start of <paramref name="slice"/> parses as attributes with no bare
    /// words; with <paramref name="atEnd"/>, only when nothing but spaces follows it (a heading or fence line
    /// carries its attributes last: <c>## Open {#settings} the panel</c> is prose).
    /// </summary>
    internal static bool IsDeliberate(StringSlice slice, bool atEnd = false)
    {
        var probe = slice;
        if (!GenericAttributesParser.TryParse(ref probe, out var attributes)) return false;
        if (atEnd && !probe.IsEmptyOrWhitespace()) return false;
        return attributes.Properties is null || attributes.Properties.All(p => p.Value is not null);
    }

    private sealed class StrictInlineParser : InlineParser
    {
        private readonly GenericAttributesParser _inner;

        public StrictInlineParser(GenericAttributesParser inner)
        {
            _inner = inner;
            OpeningCharacters = inner.OpeningCharacters;
        }

        /// <summary>Attributes in running text only right after a link or image (<c>[x](y){.nocheck}</c>); braces in prose (<c>${PATH:=x}</c>) stay text.</summary>
        public override bool Match(InlineProcessor processor, ref StringSlice slice) =>
            processor.Inline is Markdig.Syntax.Inlines.LinkInline && IsDeliberate(slice) && _inner.Match(processor, ref slice);
    }
}
