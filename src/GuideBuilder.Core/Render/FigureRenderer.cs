using Markdig.Renderers;
using Markdig.Renderers.Html;
using GuideBuilder.Model;

namespace GuideBuilder.Render;

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
