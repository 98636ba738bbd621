using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GuideBuilder.Tests.Support;

/// <summary>
/// A structural check of a published page, written apart from the code that makes the page: its JSON-LD
/// parses and has what schema.org's HowTo and Article need, every step URL names an element of the page, the
/// numbers and sections of the steps are those the page shows, the page's language and authors agree
/// everywhere, and no heading is empty. Returns the problems found, as sentences.
/// </summary>
public static class StructuredDataCheck
{
    /// <summary>Checks every <c>.html</c> file under <paramref name="outputDir"/>; problems prefixed with the file.</summary>
    public static List<string> Site(string outputDir)
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(outputDir, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(outputDir, file).Replace('\\', '/');
            problems.AddRange(Page(File.ReadAllText(file)).Select(p => rel + ": " + p));
        }
        return problems;
    }

    public static List<string> Page(string html)
    {
        var problems = new List<string>();
        var doc = new HtmlParser().ParseDocument(html);
        var lang = doc.DocumentElement.GetAttribute("lang") ?? "";
        if (lang.Length == 0) problems.Add("<html> has no lang");
        foreach (var h in doc.QuerySelectorAll("h1, h2, h3, h4, h5, h6"))
        {
            if (h.TextContent.Trim().Length == 0 && h.QuerySelector("img") is null) problems.Add($"empty <{h.LocalName}> (id '{h.Id}')");
        }
        var scripts = doc.QuerySelectorAll("script[type='application/ld+json']");
        var stepItems = doc.QuerySelectorAll("ol.steps > li").ToList();
        if (scripts.Length == 0)
        {
            if (stepItems.Count > 0) problems.Add("steps on the page but no JSON-LD");
            return problems;
        }
        foreach (var script in scripts)
        {
            JsonDocument json;
            try
            {
                json = JsonDocument.Parse(script.TextContent);
            }
            catch (JsonException e)
            {
                problems.Add("JSON-LD does not parse: " + e.Message);
                continue;
            }
            using (json) CheckJsonLd(json.RootElement, doc, lang, stepItems, problems);
        }
        return problems;
    }

    private static void CheckJsonLd(JsonElement root, IDocument doc, string lang, List<IElement> stepItems, List<string> problems)
    {
        string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        if (Text(root, "@context") != "https://schema.org") problems.Add("JSON-LD @context is not https://schema.org");
        var type = Text(root, "@type");
        var canonical = doc.QuerySelector("link[rel=canonical]")?.GetAttribute("href") ?? "";
        if (Text(root, "url") != canonical) problems.Add($"JSON-LD url '{Text(root, "url")}' is not the canonical URL '{canonical}'");
        if (Text(root, "inLanguage") != lang) problems.Add($"JSON-LD inLanguage '{Text(root, "inLanguage")}' but <html lang=\"{lang}\">");
        var metaAuthor = doc.QuerySelector("meta[name=author]")?.GetAttribute("content") ?? "";
        var authors = !root.TryGetProperty("author", out var a) ? [] :
            a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(x => Text(x, "name")).ToList() : [Text(a, "name")];
        if (string.Join(", ", authors) != metaAuthor) problems.Add($"JSON-LD authors '{string.Join(", ", authors)}' but meta author '{metaAuthor}'");
        switch (type)
        {
            case "Article":
                if (Text(root, "headline").Length == 0) problems.Add("Article without headline");
                if (stepItems.Count > 0) problems.Add($"Article on a page with {stepItems.Count} steps");
                return;
            case "HowTo":
                if (Text(root, "name").Length == 0) problems.Add("HowTo without name");
                break;
            default:
                problems.Add($"JSON-LD @type '{type}' is neither HowTo nor Article");
                return;
        }
        if (!root.TryGetProperty("step", out var steps) || steps.ValueKind != JsonValueKind.Array || steps.GetArrayLength() == 0)
        {
            problems.Add("HowTo without steps");
            return;
        }
        // Sections: a list of HowToSection, each with its steps; or the steps themselves (one procedure).
        var sections = new List<(string Name, List<JsonElement> Steps)>();
        var kinds = steps.EnumerateArray().Select(s => Text(s, "@type")).Distinct().ToList();
        if (kinds is ["HowToSection"])
        {
            foreach (var s in steps.EnumerateArray())
            {
                if (Text(s, "name").Length == 0) problems.Add("HowToSection without name");
                var items = s.TryGetProperty("itemListElement", out var list) ? list.EnumerateArray().ToList() : [];
                if (items.Count == 0) problems.Add($"HowToSection '{Text(s, "name")}' without steps");
                sections.Add((Text(s, "name"), items));
            }
            if (sections.Count == 1) problems.Add("a single HowToSection (one procedure is a plain list of steps)");
        }
        else if (kinds is ["HowToStep"]) sections.Add(("", steps.EnumerateArray().ToList()));
        else
        {
            problems.Add("HowTo steps mix types: " + string.Join(", ", kinds));
            return;
        }
        var seen = new HashSet<IElement>();
        IElement? previousList = null;
        foreach (var (name, items) in sections)
        {
            IElement? sectionList = null;
            foreach (var step in items)
            {
                if (Text(step, "@type") != "HowToStep") problems.Add($"'{Text(step, "@type")}' inside a section");
                if (Text(step, "text").Length == 0) problems.Add("HowToStep without text");
                if (Text(step, "name").Length == 0) problems.Add("HowToStep without name");
                var url = Text(step, "url");
                var hash = url.IndexOf('#');
                if (hash < 0 || url[..hash] != canonical)
                {
                    problems.Add($"step URL '{url}' is not the page's URL with a fragment");
                    continue;
                }
                var target = doc.GetElementById(Uri.UnescapeDataString(url[(hash + 1)..]));
                if (target is null || !stepItems.Contains(target))
                {
                    problems.Add($"step URL '{url}' names no step of the page");
                    continue;
                }
                if (!seen.Add(target)) problems.Add($"step '{target.Id}' is listed twice");
                var shown = VisibleNumber(target);
                var position = step.TryGetProperty("position", out var p) && p.TryGetInt32(out var n) ? n : -1;
                if (position != shown) problems.Add($"step '{target.Id}' has position {position} but the page shows {shown}");
                sectionList ??= target.ParentElement;
            }
            if (sections.Count > 1 && sectionList is not null)
            {
                var heading = HeadingBefore(sectionList);
                if (heading is not null && heading != name) problems.Add($"section '{name}' but the heading above its list is '{heading}'");
                if (previousList is not null && sectionList.CompareDocumentPosition(previousList).HasFlag(DocumentPositions.Following))
                {
                    problems.Add($"section '{name}' comes before the previous one on the page");
                }
            }
            previousList = sectionList;
        }
        foreach (var li in stepItems.Where(li => !seen.Contains(li))) problems.Add($"step '{li.Id}' on the page is not in the JSON-LD");
    }

    /// <summary>The number the theme's CSS counter shows for a step: its list's <c>counter-reset</c>, plus one per step before it.</summary>
    public static int VisibleNumber(IElement li)
    {
        var ol = li.ParentElement!;
        var start = 1;
        var style = ol.GetAttribute("style") ?? "";
        const string Reset = "counter-reset: step ";
        var at = style.IndexOf(Reset, StringComparison.Ordinal);
        if (at >= 0 && int.TryParse(style[(at + Reset.Length)..].Split(';')[0].Trim(), out var reset)) start = reset + 1;
        return start + ol.Children.Where(c => c.LocalName == "li").ToList().IndexOf(li);
    }

    /// <summary>The text of the nearest heading before <paramref name="element"/> in document order, or null.</summary>
    private static string? HeadingBefore(IElement element)
    {
        var all = element.Owner!.QuerySelectorAll("h1, h2, h3, h4, h5, h6, ol.steps").Where(e => e.Closest("nav") is null).ToList();
        for (var i = all.IndexOf(element) - 1; i >= 0; i--)
        {
            if (all[i].LocalName != "ol") return all[i].TextContent.Trim();
        }
        return null;
    }
}
