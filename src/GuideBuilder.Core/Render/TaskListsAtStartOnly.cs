using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Render;

/// <summary>
/// Markdig's task-list parser turns <c>[x]</c> anywhere in a list item's first paragraph into a
/// checkbox, so <c>- see [x](page.md)</c> lost its link (and escaped validation). As in GitHub's
/// spec, only a marker at the very start of the item is a task box. Add after <c>UseTaskLists()</c>.
/// </summary>
public sealed class TaskListsAtStartOnly : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline) =>
        pipeline.InlineParsers.Replace<TaskListInlineParser>(new StartOnlyParser());

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private sealed class StartOnlyParser : TaskListInlineParser
    {
        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            for (var inline = processor.Root?.FirstChild; inline is not null; inline = inline.NextSibling)
            {
                if (inline is not LiteralInline literal || !literal.Content.IsEmptyOrWhitespace()) return false;
            }
            return base.Match(processor, ref slice);
        }
    }
}
