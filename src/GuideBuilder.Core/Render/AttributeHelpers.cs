using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace GuideBuilder.Render;

internal static class AttributeHelpers
{
    /// <summary>Sets or replaces one HTML attribute on a Markdig node.</summary>
    public static void SetProperty(this IMarkdownObject node, string name, string value)
    {
        var attrs = node.GetAttributes();
        attrs.Properties ??= [];
        attrs.Properties.RemoveAll(p => p.Key == name);
        attrs.Properties.Add(new KeyValuePair<string, string?>(name, value));
    }
}
