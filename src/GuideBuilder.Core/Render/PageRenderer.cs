using System.Text.Json;
using Markdig.Renderers;
using GuideBuilder.Model;

namespace GuideBuilder.Render;

/// <summary>Renders a guide's Markdown body to HTML with the shared pipeline and builds its template model.</summary>
public static class PageRenderer
{
    [ThreadStatic] private static StringWriter? _writer;

    /// <summary>The guide's body as HTML; with <paramref name="lines"/>, where each part of it came from is recorded there.</summary>
    public static string RenderBody(Guide guide, BodyLineMap? lines = null)
    {
        var writer = _writer ??= new StringWriter();
        writer.GetStringBuilder().Clear();
        var renderer = new HtmlRenderer(writer);
        Markdown.Pipeline.Setup(renderer);
        renderer.ObjectRenderers.Add(new FigureRenderer());
        lines?.Record(renderer, writer.GetStringBuilder());
        renderer.Render(guide.Document!);
        writer.Flush();
        var html = writer.ToString();
        if (writer.GetStringBuilder().Capacity > 1 << 20) _writer = null;
        return html;
    }

    /// <summary>
    /// schema.org HowTo JSON-LD for the page (Article when it has no steps). A page with one procedure lists
    /// its <c>HowToStep</c>s; a page with several has one <c>HowToSection</c> per procedure, named after the
    /// heading above it, whose steps are numbered as the page shows them. Each step has its name, text, image
    /// and the URL of its own id. <paramref name="absolute"/> turns a relative image URL as written in the
    /// guide into an absolute one under base_url.
    /// </summary>
    public static string HowToJsonLd(Guide guide, string canonical, Func<string, string> absolute, string? image = null, string? language = null,
        IReadOnlyList<string>? authors = null)
    {
        // Written straight to UTF-8 with one reused writer per thread (it was a JsonNode tree serialised
        // with new options per page); the bytes are the same: insertion order, compact, relaxed escaping.
        var buffer = _jsonBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var w = _jsonWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.Reset(buffer);
        var hasSteps = guide.Steps.Count > 0;
        w.WriteStartObject();
        w.WriteString("@context", "https://schema.org");
        w.WriteString("@type", hasSteps ? "HowTo" : "Article");
        w.WriteString(hasSteps ? "name" : "headline", guide.Title);
        w.WriteString("url", canonical);
        if (guide.Meta.Description is { } d) w.WriteString("description", d);
        if (image is not null) w.WriteString("image", image);
        if (language is { Length: > 0 }) w.WriteString("inLanguage", language);
        if (authors is { Count: > 0 })
        {
            if (authors.Count > 1) w.WriteStartArray("author");
            foreach (var name in authors)
            {
                if (authors.Count == 1) w.WriteStartObject("author");
                else w.WriteStartObject();
                w.WriteString("@type", "Person");
                w.WriteString("name", name);
                w.WriteEndObject();
            }
            if (authors.Count > 1) w.WriteEndArray();
        }
        if (guide.Meta.Keywords.Count > 0) w.WriteString("keywords", string.Join(", ", guide.Meta.Keywords));
        if (guide.Meta.Date is { } date) w.WriteString("datePublished", Dates.Iso(date));
        if (guide.Meta.Updated is { } up) w.WriteString("dateModified", Dates.Iso(up));
        if (hasSteps)
        {
            w.WriteStartArray("step");
            var sections = guide.Procedures.Count > 1;
            var procedure = -1;
            foreach (var s in guide.Steps)
            {
                if (sections && s.Procedure != procedure)
                {
                    if (procedure >= 0)
                    {
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    procedure = s.Procedure;
                    w.WriteStartObject();
                    w.WriteString("@type", "HowToSection");
                    var name = guide.Procedures[procedure].Name;
                    w.WriteString("name", name.Length > 0 ? name : guide.Title);
                    w.WriteNumber("position", procedure + 1);
                    w.WriteStartArray("itemListElement");
                }
                w.WriteStartObject();
                w.WriteString("@type", "HowToStep");
                w.WriteNumber("position", s.Position);
                if (s.Name.Length > 0) w.WriteString("name", s.Name);
                w.WriteString("url", canonical + "#" + s.Id);
                w.WriteString("text", s.Text);
                if (s.Image is { } img) w.WriteString("image", absolute(img));
                w.WriteEndObject();
            }
            if (sections)
            {
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.Flush();
        var json = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 1 << 20) (_jsonBuffer, _jsonWriter) = (null, null);
        // '<' is escaped so no "</script" or "<!--" can end the script element early.
        return json.Replace("<", "\\u003C", StringComparison.Ordinal);
    }

    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? _jsonBuffer;
    [ThreadStatic] private static Utf8JsonWriter? _jsonWriter;
}
