using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Render;

/// <summary>A screenshot that stood on its own line, lifted out of its paragraph so it renders as a <c>&lt;figure&gt;</c>.</summary>
public sealed class FigureBlock(LinkInline image) : LeafBlock(null)
{
    public LinkInline Image { get; } = image;
}

/// <summary>Renders <see cref="FigureBlock"/>: <c>&lt;figure&gt;&lt;img … loading="lazy" decoding="async"&gt;&lt;/figure&gt;</c>, with a caption when the image has a title.</summary>
public sealed class FigureRenderer : HtmlObjectRenderer<FigureBlock>
{
    protected override void Write(HtmlRenderer renderer, FigureBlock block)
    {
        renderer.EnsureLine();
        renderer.Write("<figure>");
        renderer.Write(block.Image);
        if (!string.IsNullOrEmpty(block.Image.Title))
        {
            renderer.Write("<figcaption>").WriteEscape(block.Image.Title).Write("</figcaption>");
        }
        renderer.WriteLine("</figure>");
    }
}
