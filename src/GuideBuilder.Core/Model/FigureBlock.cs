using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Model;

/// <summary>A screenshot that stood on its own line, lifted out of its paragraph so it renders as a <c>&lt;figure&gt;</c>.</summary>
public sealed class FigureBlock(LinkInline image) : LeafBlock(null)
{
    public LinkInline Image { get; } = image;
}
