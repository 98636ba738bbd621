using System.Text.Json;
using System.Text.Json.Nodes;
using GuideBuilder.Building;
using Markdig.Renderers;

namespace GuideBuilder.Render;

/// <summary>Renders a guide's Markdown body to HTML with the shared pipeline and builds its template model.</summary>
public static class PageRenderer
{
    [ThreadStatic] private static StringWriter? _writer;

    public static string RenderBody(Guide guide)
    {
        var writer = _writer ??= new StringWriter();
        writer.GetStringBuilder().Clear();
        var renderer = new HtmlRenderer(writer);
        Markdown.Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Add(new FigureRenderer());
        renderer.Render(guide.Document!);
        writer.Flush();
        var html = writer.ToString();
        if (writer.GetStringBuilder().Capacity > 1 << 20) _writer = null;
        return html;
    }

    /// <summary>
    /// schema.org HowTo JSON-LD for the page (Article when it has no steps): its steps in order with
    /// text, image and <c>#step-N</c> url. <paramref name="absolute"/> turns a relative image URL as
    /// written in the guide into an absolute one under base_url.
    /// </summary>
    public static string HowToJsonLd(Guide guide, string canonical, Func<string, string> absolute, string? image = null, string? language = null)
    {
        var steps = new JsonArray();
        var position = 0;
        foreach (var s in guide.Steps)
        {
            var step = new JsonObject
            {
                ["@type"] = "HowToStep",
                ["position"] = ++position,
                ["url"] = canonical + "#" + s.Id,
                ["text"] = s.Text,
            };
            if (s.Image is { } img) step["image"] = absolute(img);
            steps.Add(step);
        }
        var root = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = guide.Steps.Count > 0 ? "HowTo" : "Article",
            [guide.Steps.Count > 0 ? "name" : "headline"] = guide.Title,
            ["url"] = canonical,
        };
        if (guide.Meta.Description is { } d) root["description"] = d;
        if (image is not null) root["image"] = image;
        if (language is { Length: > 0 }) root["inLanguage"] = language;
        if (guide.Meta.Keywords.Count > 0) root["keywords"] = string.Join(", ", guide.Meta.Keywords);
        if (guide.Meta.Date is { } date) root["datePublished"] = date.ToString("yyyy-MM-ddTHH:mm:ssZ");
        if (guide.Meta.Updated is { } up) root["dateModified"] = up.ToString("yyyy-MM-ddTHH:mm:ssZ");
        if (guide.Steps.Count > 0) root["step"] = steps;
        // Readable UTF-8 JSON; '<' is escaped so no "</script" or "<!--" can end the script element early.
        var json = root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return json.Replace("<", "\\u003C", StringComparison.Ordinal);
    }
}
