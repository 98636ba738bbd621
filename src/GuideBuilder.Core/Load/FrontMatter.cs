using System.Globalization;
using GuideBuilder.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GuideBuilder.Load;

/// <summary>A guide's front matter, typed.</summary>
public sealed record FrontMatter
{
    public string? Title { get; init; }
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? Description { get; init; }
    public string? Excerpt { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    public string? Thumbnail { get; init; }
    public string? Slug { get; init; }
    public bool Draft { get; init; }
    /// <summary>The page's language, a BCP 47 tag in its usual case (null: site.yml's <c>language</c>).</summary>
    public string? Lang { get; init; }
    /// <summary>The page's authors (empty: site.yml's <c>author</c>).</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>Earlier URLs of this page (<c>aliases: [old/url/]</c>, site-relative): each gets a redirect to it.</summary>
    public IReadOnlyList<FrontMatterItem> Aliases { get; init; } = [];
    /// <summary>Old element ids kept on this page (<c>anchors: {old-id: new-id}</c>): the old id is added on the element with the new one.</summary>
    public IReadOnlyList<(FrontMatterItem Old, string New)> Anchors { get; init; } = [];
    /// <summary>The date under <c>created</c> or <c>published</c> (Jekyll's keys); <c>date</c> falls back to it.</summary>
    public DateTimeOffset? Created { get; init; }
    /// <summary>Which key <see cref="Created"/> came from.</summary>
    public string? CreatedKey { get; init; }
    /// <summary><c>steps: true|false</c>: whether the page's numbered lists are steps; null lets GuideBuilder judge each list.</summary>
    public bool? Steps { get; init; }
    /// <summary>Per-page rule severities (<c>rules: {lint.vague-link: off}</c>).</summary>
    public IReadOnlyDictionary<string, Severity> Rules { get; init; } = NoRules;
    /// <summary>1-based line of each key in the .md file, for diagnostics about a value.</summary>
    public IReadOnlyDictionary<string, int> KeyLines { get; init; } = NoKeyLines;

    // One empty map shared by every guide without such keys (most of them), not two per guide.
    private static readonly IReadOnlyDictionary<string, Severity> NoRules = new Dictionary<string, Severity>();
    private static readonly IReadOnlyDictionary<string, int> NoKeyLines = new Dictionary<string, int>();

    internal static string CleanYamlMessage(YamlException e, string? yaml = null)
    {
        var m = e.InnerException?.Message ?? e.Message;
        var i = m.IndexOf("): ", StringComparison.Ordinal);
        if (m.StartsWith("(Line", StringComparison.Ordinal) && i > 0) m = m[(i + 3)..];
        return "invalid YAML: " + m.TrimEnd('.') + YamlHint.For(yaml, YamlHint.Position(yaml, e).Line);
    }
}

/// <summary>One value of a front-matter list, with its 1-based line and column in the .md file.</summary>
public sealed record FrontMatterItem(string Value, int Line, int Column);

/// <summary>A front-matter problem at a 1-based line and column of the .md file.</summary>
public sealed class FrontMatterException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
}

/// <summary>Parses the YAML block at the top of a guide into <see cref="FrontMatter"/>.</summary>
public static class FrontMatterParser
{
    private static readonly string[] Known =
        ["title", "date", "updated", "tags", "categories", "description", "excerpt", "keywords", "thumbnail", "slug", "draft", "rules", "lang", "author", "created", "published", "steps", "aliases", "anchors"];

    /// <summary>
    /// Parses YAML that begins on <paramref name="firstLine"/> (1-based) of the .md file.
    /// Throws <see cref="FrontMatterException"/> on a syntax error or a value of the wrong type.
    /// </summary>
    public static FrontMatter Parse(string yaml, int firstLine, Action<RuleInfo, string, int, int>? unknownKey = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var (line, column) = YamlHint.Position(yaml, e);
            throw new FrontMatterException(FrontMatter.CleanYamlMessage(e, yaml), line + firstLine - 1, column);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner can fail this way on some malformed input (an unclosed '[' followed by more keys).
            throw new FrontMatterException("invalid YAML: it cannot be parsed (look for an unclosed '[', '{' or quote)", firstLine, 1);
        }
        if (stream.Documents.Count == 0) return new FrontMatter();
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" }) return new FrontMatter();
        if (root is not YamlMappingNode map)
        {
            throw Fail(root, firstLine, "front matter must be a mapping of keys to values");
        }
        var fm = new FrontMatter();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            lines[key] = (int)keyNode.Start.Line + firstLine - 1;
            fm = key switch
            {
                "title" => fm with { Title = Scalar(value, firstLine, key) },
                "date" => fm with { Date = Date(value, firstLine, key) },
                "updated" => fm with { Updated = Date(value, firstLine, key) },
                "tags" => fm with { Tags = List(value, firstLine, key, splitCommas: false) },
                "categories" => fm with { Categories = List(value, firstLine, key, splitCommas: false) },
                "description" => fm with { Description = Scalar(value, firstLine, key) },
                "excerpt" => fm with { Excerpt = Scalar(value, firstLine, key) },
                "keywords" => fm with { Keywords = List(value, firstLine, key, splitCommas: true) },
                "thumbnail" => fm with { Thumbnail = Scalar(value, firstLine, key) },
                "slug" => fm with { Slug = Scalar(value, firstLine, key) },
                "draft" => fm with { Draft = Bool(value, firstLine, key) },
                "lang" => fm with { Lang = Lang(value, firstLine, key) },
                "author" => fm with { Authors = List(value, firstLine, key, splitCommas: false) },
                "rules" => fm with { Rules = RuleMap(value, firstLine) },
                "aliases" => fm with { Aliases = Items(value, firstLine, key) },
                "anchors" => fm with { Anchors = AnchorMap(value, firstLine) },
                "steps" => fm with { Steps = Bool(value, firstLine, key) },
                "created" => fm with { Created = Date(value, firstLine, key), CreatedKey = key },
                // Jekyll's published: false keeps a post out of the site, like draft: true
                "published" when value is YamlScalarNode { Value: { Length: > 0 } p } && BoolText(p.Trim()) is { } published => fm with { Draft = fm.Draft || !published },
                "published" => fm.Created is null ? fm with { Created = Date(value, firstLine, key), CreatedKey = key } : fm,
                _ => Unknown(fm, key, keyNode, value, firstLine, unknownKey),
            };
        }
        return fm with { KeyLines = lines };
    }

    /// <summary>
    /// Parses the front matter in <paramref name="count"/> lines of <paramref name="lines"/> from
    /// <paramref name="start"/>, the first being line <paramref name="firstLine"/> of the .md file. Same
    /// result and errors as <see cref="Parse(string, int, Action{RuleInfo, string, int, int}?)"/> on the joined lines.
    /// </summary>
    internal static FrontMatter Parse(string[] lines, int start, int count, int firstLine, Action<RuleInfo, string, int, int>? unknownKey = null) =>
        SimpleFrontMatter.TryParse(lines, start, count, firstLine) ?? Parse(string.Join('\n', lines, start, count), firstLine, unknownKey);

    /// <summary>
    /// The value of a known key for the simple path (<see cref="SimpleFrontMatter"/>): the same conversions
    /// as the YAML path, or null when the value is one the YAML path reports (then it decides).
    /// </summary>
    internal static FrontMatter? ApplySimple(FrontMatter fm, string key, string? value, List<string>? items)
    {
        if (items is not null)
        {
            if (key is not ("tags" or "categories" or "keywords" or "author")) return null;
            var list = new List<string>();
            foreach (var v in items)
            {
                if (!string.IsNullOrWhiteSpace(v)) list.Add(v.Trim());
            }
            return key switch
            {
                "tags" => fm with { Tags = list },
                "categories" => fm with { Categories = list },
                "author" => fm with { Authors = list },
                _ => fm with { Keywords = list },
            };
        }
        switch (key)
        {
            case "title": return fm with { Title = ScalarText(value) };
            case "description": return fm with { Description = ScalarText(value) };
            case "excerpt": return fm with { Excerpt = ScalarText(value) };
            case "thumbnail": return fm with { Thumbnail = ScalarText(value) };
            case "slug": return fm with { Slug = ScalarText(value) };
            case "tags": return fm with { Tags = ScalarList(value, splitCommas: false) };
            case "categories": return fm with { Categories = ScalarList(value, splitCommas: false) };
            case "keywords": return fm with { Keywords = ScalarList(value, splitCommas: true) };
            case "author": return fm with { Authors = ScalarList(value, splitCommas: false) };
            case "lang":
                var tag = ScalarText(value);
                if (tag is null) return fm with { Lang = null };
                return LanguageTag.Normalize(tag) is { } lang ? fm with { Lang = lang } : null;
            case "draft": return BoolText(ScalarText(value)) is { } draft ? fm with { Draft = draft } : null;
            case "steps": return BoolText(ScalarText(value)) is { } steps ? fm with { Steps = steps } : null;
            case "created" or "published":
                var when = ScalarText(value);
                if (key == "published" && when is not null && BoolText(when) is { } published) return fm with { Draft = fm.Draft || !published };
                if (when is null || DateText(when) is not { } created) return null;
                return key == "published" && fm.Created is not null ? fm : fm with { Created = created, CreatedKey = key };
            case "date" or "updated":
                var text = ScalarText(value);
                DateTimeOffset? date = null;
                if (text is not null && (date = DateText(text)) is null) return null;
                return key == "date" ? fm with { Date = date } : fm with { Updated = date };
            default:
                return null;   // rules, unknown keys: the YAML path reports with columns
        }
    }

    /// <summary>
    /// A key GuideBuilder does not use. One that looks like a misspelt known key is a warning with a
    /// "did you mean"; any other is metadata for other tools (info). A misspelt <c>draft</c> set to true
    /// still makes the page a draft: the author meant to keep it unpublished, so it must not go out.
    /// </summary>
    private static FrontMatter Unknown(FrontMatter fm, string key, YamlNode keyNode, YamlNode value, int firstLine, Action<RuleInfo, string, int, int>? report)
    {
        var (line, column) = ((int)keyNode.Start.Line + firstLine - 1, (int)keyNode.Start.Column);
        var closest = key.Contains('.') ? null : Suggest.Closest(key, Known);
        if (closest is null)
        {
            report?.Invoke(Diagnostics.Rules.FrontMatterExtraKey, $"front-matter key '{key}' is not used by GuideBuilder", line, column);
            return fm;
        }
        if (closest == "draft" && value is YamlScalarNode { Value: { } v } && v.Trim().ToLowerInvariant() is "true" or "yes" or "on")
        {
            report?.Invoke(Diagnostics.Rules.FrontMatterUnknownKey,
                $"unknown front-matter key '{key}' (did you mean 'draft'?); the page is kept as a draft (not published without --drafts) until the key is spelt 'draft'", line, column);
            return fm with { Draft = true };
        }
        report?.Invoke(Diagnostics.Rules.FrontMatterUnknownKey, $"unknown front-matter key '{key}' (did you mean '{closest}'?); its value is ignored", line, column);
        return fm;
    }

    private static FrontMatterException Fail(YamlNode node, int firstLine, string message) =>
        new(message, (int)node.Start.Line + firstLine - 1, (int)node.Start.Column);

    private static string? Scalar(YamlNode node, int firstLine, string key) => node switch
    {
        YamlScalarNode s => ScalarText(s.Value),
        _ => throw Fail(node, firstLine, $"'{key}' must be text, not a {Kind(node)}"),
    };

    private static string? ScalarText(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool Bool(YamlNode node, int firstLine, string key)
    {
        var text = Scalar(node, firstLine, key);
        return BoolText(text) ?? throw Fail(node, firstLine, $"'{key}' must be true or false, not '{text!.ToLowerInvariant()}'");
    }

    /// <summary>The flag a trimmed value names, or null when it names none.</summary>
    private static bool? BoolText(string? text) => text?.ToLowerInvariant() switch
    {
        null or "false" or "no" or "off" => false,
        "true" or "yes" or "on" => true,
        _ => null,
    };

    private static string? Lang(YamlNode node, int firstLine, string key)
    {
        var text = Scalar(node, firstLine, key);
        if (text is null) return null;
        return LanguageTag.Normalize(text) ?? throw Fail(node, firstLine, LanguageTag.Problem(key, text));
    }

    private static DateTimeOffset? Date(YamlNode node, int firstLine, string key)
    {
        var text = Scalar(node, firstLine, key);
        if (text is null) return null;
        if (DateText(text) is { } d) return d;
        throw Fail(node, firstLine, $"'{key}' must be a date such as 2024-10-20 or 2024-10-20T08:25:36Z, not '{text}'");
    }

    private static DateTimeOffset? DateText(string text) =>
        // The author's offset is kept (2018-12-04T00:00:00+09:00 is the 4th where it was written); no offset means UTC.
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static IReadOnlyList<string> List(YamlNode node, int firstLine, string key, bool splitCommas)
    {
        switch (node)
        {
            case YamlScalarNode s:
                return ScalarList(s.Value, splitCommas);
            case YamlSequenceNode seq:
                var list = new List<string>();
                foreach (var item in seq.Children)
                {
                    if (item is not YamlScalarNode { Value: var v })
                    {
                        throw Fail(item, firstLine, $"each item of '{key}' must be text, not a {Kind(item)}");
                    }
                    if (!string.IsNullOrWhiteSpace(v)) list.Add(v.Trim());
                }
                return list;
            default:
                throw Fail(node, firstLine, $"'{key}' must be a list or text, not a {Kind(node)}");
        }
    }

    private static IReadOnlyList<string> ScalarList(string? value, bool splitCommas)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        return splitCommas
            ? value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [value.Trim()];
    }

    private static IReadOnlyList<FrontMatterItem> Items(YamlNode node, int firstLine, string key)
    {
        var items = new List<FrontMatterItem>();
        var nodes = node switch
        {
            YamlScalarNode s => string.IsNullOrWhiteSpace(s.Value) ? [] : [s],
            YamlSequenceNode seq => seq.Children,
            _ => throw Fail(node, firstLine, $"'{key}' must be a list or text, not a {Kind(node)}"),
        };
        foreach (var item in nodes)
        {
            if (item is not YamlScalarNode { Value: var v }) throw Fail(item, firstLine, $"each item of '{key}' must be text, not a {Kind(item)}");
            if (!string.IsNullOrWhiteSpace(v)) items.Add(new FrontMatterItem(v.Trim(), (int)item.Start.Line + firstLine - 1, (int)item.Start.Column));
        }
        return items;
    }

    private static IReadOnlyList<(FrontMatterItem, string)> AnchorMap(YamlNode node, int firstLine)
    {
        if (node is not YamlMappingNode map) throw Fail(node, firstLine, "'anchors' must map old ids to the ids that replace them ({old-id: new-id})");
        var result = new List<(FrontMatterItem, string)>();
        foreach (var (k, v) in map.Children)
        {
            var old = ((k as YamlScalarNode)?.Value ?? "").Trim().TrimStart('#');
            var now = ((v as YamlScalarNode)?.Value ?? "").Trim().TrimStart('#');
            if (old.Length == 0 || now.Length == 0) throw Fail(k, firstLine, "each entry of 'anchors' maps an old id to the id that replaces it ({old-id: new-id})");
            result.Add((new FrontMatterItem(old, (int)k.Start.Line + firstLine - 1, (int)k.Start.Column), now));
        }
        return result;
    }

    private static IReadOnlyDictionary<string, Severity> RuleMap(YamlNode node, int firstLine)
    {
        if (node is not YamlMappingNode map) throw Fail(node, firstLine, "'rules' must map rule names to off, info, warning or error");
        var result = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? "";
            if (Diagnostics.Rules.Find(name) is null)
            {
                throw Fail(k, firstLine, $"unknown rule '{name}'{Suggest.Hint(name, Diagnostics.Rules.All.Select(r => r.Name))}");
            }
            var text = (v as YamlScalarNode)?.Value ?? "";
            result[name] = SeverityNames.Parse(text) ?? throw Fail(v, firstLine, $"severity must be off, info, warning or error, not '{text}'");
        }
        return result;
    }

    private static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "mapping",
        YamlSequenceNode => "list",
        _ => "value",
    };
}
