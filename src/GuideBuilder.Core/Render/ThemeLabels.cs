using System.Globalization;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using YamlDotNet.RepresentationModel;

namespace GuideBuilder.Render;

/// <summary>
/// <c>labels</c>: every word the theme writes around the guides ("By", "min read", "Skip to content", "Page not found",
/// the search box's messages, the month names), in the page's language. <c>{n}</c> is a number; <see cref="Date"/>
/// writes a date with <c>date_format</c> and <c>months</c>. Each property is one key of <c>labels.yml</c> (its
/// snake_case name), so the model, the name check and the file agree by construction; a label whose name ends in
/// <c>_html</c> is HTML, the others are text.
/// </summary>
public sealed class LabelsModel
{
    private readonly IReadOnlyDictionary<string, string> _text;

    internal LabelsModel(IReadOnlyDictionary<string, string> text, IReadOnlyList<string> months)
    {
        _text = text;
        Months = months;
    }

    private string this[string key] => _text.GetValueOrDefault(key, "");

    public string By => this["by"];
    public string Published => this["published"];
    public string Updated => this["updated"];
    public string ReadingTime => this["reading_time"];
    public string Step => this["step"];
    public string Steps => this["steps"];
    public string OnThisPage => this["on_this_page"];
    public string Tags => this["tags"];
    public string Previous => this["previous"];
    public string Next => this["next"];
    public string Home => this["home"];
    public string SkipLink => this["skip_link"];
    public string SiteNav => this["site_nav"];
    public string Breadcrumb => this["breadcrumb"];
    public string AllCategories => this["all_categories"];
    public string AllTags => this["all_tags"];
    public string Category => this["category"];
    public string Tag => this["tag"];
    public string GuideCount => this["guide_count"];
    public string GuidesCount => this["guides_count"];
    public string NewestFirst => this["newest_first"];
    public string PageOf => this["page_of"];
    public string Newer => this["newer"];
    public string Older => this["older"];
    public string MoreInCategory => this["more_in_category"];
    public string MoreWithTag => this["more_with_tag"];
    public string MoreNearby => this["more_nearby"];
    public string NewestGuides => this["newest_guides"];
    public string MoreGuidesHtml => this["more_guides_html"];
    public string Search => this["search"];
    public string SearchPlaceholder => this["search_placeholder"];
    public string SearchHelp => this["search_help"];
    public string SearchNone => this["search_none"];
    public string SearchZero => this["search_zero"];
    public string SearchOne => this["search_one"];
    public string SearchMany => this["search_many"];
    public string Feed => this["feed"];
    public string NotFound => this["not_found"];
    public string NotFoundText => this["not_found_text"];
    public string NotFoundSearch => this["not_found_search"];
    public string NotFoundBrowseHtml => this["not_found_browse_html"];
    public string NotFoundHomeHtml => this["not_found_home_html"];

    /// <summary>How a date is written: <c>{d}</c>, <c>{month}</c> (its name from <see cref="Months"/>), <c>{m}</c>, <c>{yyyy}</c>.</summary>
    public string DateFormat => this["date_format"];

    public IReadOnlyList<string> Months { get; }

    /// <summary>The text labels' keys, as <c>labels.yml</c> and templates name them (the month names are <c>months</c>).</summary>
    internal static IReadOnlyCollection<string> TextKeys { get; } =
        TemplateModelNames.FieldsOf(typeof(LabelsModel))!.Where(f => f.Value == typeof(string)).Select(f => f.Key).ToList();

    /// <summary>The theme's English labels, for a page rendered without a theme at hand.</summary>
    public static LabelsModel Default => ThemeLabels.Theme.For("en");

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
/// else <c>en</c>; a label a language lacks comes from <c>en</c>. A key no label has is a <c>template.name</c>
/// at its line, with the closest key.
/// </summary>
public sealed class ThemeLabels
{
    private const string MonthsKey = "months";

    // Each language's labels as written (a string, or the month names), merged file over file.
    private readonly Dictionary<string, Dictionary<string, object>> _languages = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LabelsModel> _resolved = new(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<ThemeLabels> ThemeOnly = new(() => new ThemeLabels([TemplateEngine.ThemeLabelFile()], null));

    /// <summary>The theme's own labels, without a site's.</summary>
    public static ThemeLabels Theme => ThemeOnly.Value;

    /// <summary>Reads the theme's labels and the site's; a site file that does not read is a <c>template.error</c> at its line.</summary>
    public ThemeLabels(TemplateEngine templates, DiagnosticBag diagnostics) : this(templates.LabelFiles(), diagnostics)
    {
    }

    private ThemeLabels(IEnumerable<(string Name, string Text)> files, DiagnosticBag? diagnostics)
    {
        foreach (var (name, text) in files)
        {
            try
            {
                Merge(name, text, diagnostics);
            }
            catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidCastException or InvalidOperationException)
            {
                var line = e is YamlDotNet.Core.YamlException y ? (int)y.Start.Line : 1;
                diagnostics?.Report(Rules.TemplateError, new SourceLocation(name, line, 1),
                    "labels.yml must map languages to labels (by: \"By\", months: [January, …]); it was not read");
            }
        }
    }

    private void Merge(string name, string text, DiagnosticBag? diagnostics)
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
                if (key != MonthsKey && !LabelsModel.TextKeys.Contains(key))
                {
                    diagnostics?.Report(Rules.TemplateName, new SourceLocation(name, (int)keyNode.Start.Line, (int)keyNode.Start.Column),
                        $"'{key}' is not a label; templates could never show it{Suggest.Hint(key, LabelsModel.TextKeys.Append(MonthsKey))}");
                    continue;
                }
                labels[key] = key == MonthsKey
                    ? ((YamlSequenceNode)valueNode).Children.Select(n => ((YamlScalarNode)n).Value ?? "").ToList()
                    : ((YamlScalarNode)valueNode).Value ?? "";
            }
        }
    }

    private void Apply(Dictionary<string, string> text, ref IReadOnlyList<string> months, string lang)
    {
        if (!_languages.TryGetValue(lang, out var values)) return;
        foreach (var (key, value) in values)
        {
            if (value is List<string> names) months = names;
            else text[key] = (string)value;
        }
    }

    /// <summary>The labels for a page in <paramref name="language"/> (a BCP 47 tag).</summary>
    public LabelsModel For(string? language)
    {
        var tag = string.IsNullOrWhiteSpace(language) ? "en" : language.Trim();
        lock (_resolved)
        {
            if (_resolved.TryGetValue(tag, out var known)) return known;
            var primary = tag.Split('-', '_')[0];
            var text = new Dictionary<string, string>(StringComparer.Ordinal);
            IReadOnlyList<string> months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
            Apply(text, ref months, "en");
            Apply(text, ref months, primary);
            if (!tag.Equals(primary, StringComparison.OrdinalIgnoreCase)) Apply(text, ref months, tag);
            return _resolved[tag] = new LabelsModel(text, months);
        }
    }
}
