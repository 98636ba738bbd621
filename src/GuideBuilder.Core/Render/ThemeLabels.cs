using System.Globalization;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using YamlDotNet.RepresentationModel;

namespace GuideBuilder.Render;

/// <summary>
/// <c>labels</c>: the words the theme writes around a guide ("By", "min read", "Published", the month
/// names), in the page's language. <c>{n}</c> in <c>reading_time</c>, <c>step</c> and <c>steps</c> is the
/// number; <see cref="Date"/> writes a date with <c>date</c> and <c>months</c>.
/// </summary>
public sealed record LabelsModel
{
    public string By { get; init; } = "By";
    public string Published { get; init; } = "Published";
    public string Updated { get; init; } = "Updated";
    public string ReadingTime { get; init; } = "{n} min read";
    public string Step { get; init; } = "{n} step";
    public string Steps { get; init; } = "{n} steps";
    public string OnThisPage { get; init; } = "On this page";
    public string Tags { get; init; } = "Tags:";
    public string Previous { get; init; } = "Previous";
    public string Next { get; init; } = "Next";
    public string Home { get; init; } = "Home";
    /// <summary>How a date is written: <c>{d}</c>, <c>{month}</c> (its name from <see cref="Months"/>), <c>{m}</c>, <c>{yyyy}</c>.</summary>
    public string DateFormat { get; init; } = "{d} {month} {yyyy}";
    public IReadOnlyList<string> Months { get; init; } = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    /// <summary><paramref name="date"/> as written in this language, in the author's own offset.</summary>
    public string Date(DateTimeOffset date) => DateFormat
        .Replace("{month}", Months.Count == 12 ? Months[date.Month - 1] : date.Month.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{yyyy}", date.Year.ToString("0000", CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{m}", date.Month.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{d}", date.Day.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}

/// <summary>
/// The theme's <c>labels.yml</c> (embedded), with a site's own <c>templates/labels.yml</c> merged over it
/// label by label. A page takes the labels of its language: the full tag, else its primary language,
/// else <c>en</c>; a label a language lacks comes from <c>en</c>.
/// </summary>
public sealed class ThemeLabels
{
    private static readonly Dictionary<string, Func<LabelsModel, string, LabelsModel>> Setters = new(StringComparer.Ordinal)
    {
        ["by"] = (l, v) => l with { By = v },
        ["published"] = (l, v) => l with { Published = v },
        ["updated"] = (l, v) => l with { Updated = v },
        ["reading_time"] = (l, v) => l with { ReadingTime = v },
        ["step"] = (l, v) => l with { Step = v },
        ["steps"] = (l, v) => l with { Steps = v },
        ["on_this_page"] = (l, v) => l with { OnThisPage = v },
        ["tags"] = (l, v) => l with { Tags = v },
        ["previous"] = (l, v) => l with { Previous = v },
        ["next"] = (l, v) => l with { Next = v },
        ["home"] = (l, v) => l with { Home = v },
        ["date_format"] = (l, v) => l with { DateFormat = v },
    };

    // Each language's labels as written (a string, or the month names), merged file over file.
    private readonly Dictionary<string, Dictionary<string, object>> _languages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LabelsModel> _resolved = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads the theme's labels and the site's; a site file that does not read is a <c>template.error</c> at its line.</summary>
    public ThemeLabels(TemplateEngine templates, DiagnosticBag diagnostics)
    {
        foreach (var (name, text) in templates.LabelFiles())
        {
            try
            {
                Merge(text);
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidCastException or InvalidOperationException)
            {
                var line = e is YamlDotNet.Core.YamlException y ? (int)y.Start.Line : 1;
                diagnostics.Report(Rules.TemplateError, new SourceLocation(name, line, 1),
                    "labels.yml must map languages to labels (by: \"By\", months: [January, …]); it was not read");
            }
        }
    }

    private void Merge(string text)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(text));
        if (yaml.Documents.Count == 0) return;
        foreach (var (langNode, labelsNode) in (YamlMappingNode)yaml.Documents[0].RootNode)
        {
            var lang = ((YamlScalarNode)langNode).Value!.Trim();
            if (!_languages.TryGetValue(lang, out var labels)) _languages[lang] = labels = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (keyNode, valueNode) in (YamlMappingNode)labelsNode)
            {
                var key = ((YamlScalarNode)keyNode).Value!;
                labels[key] = key == "months"
                    ? ((YamlSequenceNode)valueNode).Children.Select(n => ((YamlScalarNode)n).Value ?? "").ToList()
                    : ((YamlScalarNode)valueNode).Value ?? "";
            }
        }
    }

    private LabelsModel Apply(LabelsModel labels, string lang)
    {
        if (!_languages.TryGetValue(lang, out var values)) return labels;
        foreach (var (key, value) in values)
        {
            if (value is List<string> months) labels = labels with { Months = months };
            else if (Setters.TryGetValue(key, out var set)) labels = set(labels, (string)value);
        }
        return labels;
    }

    /// <summary>The labels for a page in <paramref name="language"/> (a BCP 47 tag).</summary>
    public LabelsModel For(string? language)
    {
        var tag = string.IsNullOrWhiteSpace(language) ? "en" : language.Trim();
        lock (_resolved)
        {
            if (_resolved.TryGetValue(tag, out var known)) return known;
            var primary = tag.Split('-', '_')[0];
            var labels = Apply(Apply(new LabelsModel(), "en"), primary);
            if (!tag.Equals(primary, StringComparison.OrdinalIgnoreCase)) labels = Apply(labels, tag);
            return _resolved[tag] = labels;
        }
    }
}
