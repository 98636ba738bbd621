using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Model.Includes;

/// <summary>What an include directive names, wherever it stands.</summary>
public interface IIncludeDirective
{
    /// <summary>The title between the inner brackets (DocFX shows it nowhere; neither does GuideBuilder).</summary>
    string Title { get; }

    /// <summary>The path as written, relative to the file that holds the directive.</summary>
    string Path { get; }

    /// <summary>0-based column where the path starts, on the directive's line.</summary>
    int PathColumn { get; }
}

/// <summary>An include directive alone on its line: replaced by the blocks of the included file.</summary>
public sealed class IncludeBlock(BlockParser parser) : LeafBlock(parser), IIncludeDirective
{
    public string Title { get; init; } = "";
    public string Path { get; init; } = "";
    public int PathColumn { get; init; }
}

/// <summary>An include directive inside running text: replaced by the text of the included file's one paragraph.</summary>
public sealed class IncludeInline : LeafInline, IIncludeDirective
{
    public string Title { get; init; } = "";
    public string Path { get; init; } = "";
    public int PathColumn { get; init; }
}

/// <summary>Opens an <see cref="IncludeBlock"/> on a line that holds one directive and nothing else; it may interrupt a paragraph, so a directive under a step's first line belongs to the step.</summary>
public sealed class IncludeBlockParser : BlockParser
{
    public IncludeBlockParser()
    {
        OpeningCharacters = ['['];
    }

    public override BlockState TryOpen(BlockProcessor processor)
    {
        if (processor.IsCodeIndent) return BlockState.None;
        var line = processor.Line;
        var text = line.Text;
        var lineEnd = line.End + 1;
        if (!IncludeSyntax.TryRead(text, line.Start, lineEnd, out var title, out var path, out var pathAt, out var after)) return BlockState.None;
        for (var k = after; k < lineEnd; k++)
        {
            if (!char.IsWhiteSpace(text[k])) return BlockState.None;
        }
        processor.NewBlocks.Push(new IncludeBlock(this)
        {
            Title = title,
            Path = path,
            PathColumn = processor.Column + (pathAt - line.Start),
            Line = processor.LineIndex,
            Column = processor.Column,
            Span = new SourceSpan(line.Start, line.End),
            ProcessInlines = false,
        });
        return BlockState.BreakDiscard;
    }
}

/// <summary>Reads an include directive inside running text.</summary>
public sealed class IncludeInlineParser : InlineParser
{
    public IncludeInlineParser()
    {
        OpeningCharacters = ['['];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var start = slice.Start;
        if (!IncludeSyntax.TryRead(slice.Text, start, slice.End + 1, out var title, out var path, out var pathAt, out var after)) return false;
        var from = processor.GetSourcePosition(start, out var line, out var column);
        processor.Inline = new IncludeInline
        {
            Title = title,
            Path = path,
            PathColumn = column + (pathAt - start),
            Span = new SourceSpan(from, from + (after - start) - 1),
            Line = line,
            Column = column,
        };
        slice.Start = after;
        return true;
    }
}

/// <summary>
/// DocFX's <c>[!INCLUDE [title](path)]</c> as syntax: alone on a line an <see cref="IncludeBlock"/>, in running
/// text an <see cref="IncludeInline"/>. Code is read first, so a directive shown in code stays code.
/// <see cref="IncludeExpander"/> replaces both with the included file's content; one left unexpanded renders nothing.
/// </summary>
public sealed class IncludeExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<IncludeBlockParser>()) pipeline.BlockParsers.Insert(0, new IncludeBlockParser());
        if (!pipeline.InlineParsers.Contains<IncludeInlineParser>()) pipeline.InlineParsers.Insert(0, new IncludeInlineParser());
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is not HtmlRenderer html) return;
        if (!html.ObjectRenderers.Contains<Nothing<IncludeBlock>>()) html.ObjectRenderers.Insert(0, new Nothing<IncludeBlock>());
        if (!html.ObjectRenderers.Contains<Nothing<IncludeInline>>()) html.ObjectRenderers.Insert(0, new Nothing<IncludeInline>());
    }

    private sealed class Nothing<T> : Markdig.Renderers.Html.HtmlObjectRenderer<T> where T : MarkdownObject
    {
        protected override void Write(HtmlRenderer renderer, T obj)
        {
        }
    }
}
