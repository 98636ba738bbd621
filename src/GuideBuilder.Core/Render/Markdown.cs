using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace GuideBuilder.Render;

/// <summary>The one Markdown pipeline every guide is parsed and rendered with. Built once, frozen, shared by all threads.</summary>
public static class Markdown
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UseAlertBlocks()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseTaskLists()
        .Use<TaskListsAtStartOnly>()
        .UseFootnotes()
        .UseDefinitionLists()
        .UseAutoLinks()
        .Use<Model.ShortcodeExtension>()   // Hugo shortcodes and Liquid tags outside code
        .Use<Model.Includes.IncludeExtension>()   // DocFX's [!INCLUDE [title](path)], block and inline
        .UsePreciseSourceLocation()
        .UseGenericAttributes()   // last but one: it reads attributes that other extensions leave
        .Use<StrictAttributesExtension>()   // narrows the one above to {#id}, {.class}, {key=value}
        .Build();
}
