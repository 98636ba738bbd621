using System.Text.Json;
using System.Text.Json.Serialization;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model;

namespace GuideBuilder.Strip;

/// <summary>The <c>--strip-report FILE</c> JSON: per page, each removal with rule, source lines and excerpt.</summary>
public static class StripReport
{
    public static void Write(string path, IReadOnlyList<Guide> guides, int total, string outputDir)
    {
        var full = Path.GetFullPath(path);
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDir));
        if (full.StartsWith(output + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ConfigException($"--strip-report '{path}' is inside the output folder; the report is never published — choose another path");
        }
        var report = new ReportFile(
            guides.Where(g => g.Removals.Count > 0).Select(g => new ReportPage(
                g.Source.SiteRelativePath,
                // a removal in an included file names that file (its lines are that file's)
                g.Removals.OrderBy(r => r.StartLine).Select(r => new ReportRemoval(
                    r.Rule,
                    Load.IncludeLines.IsIncluded(r.StartLine) ? g.Locate(r.StartLine, 1, out _).File : null,
                    g.Locate(r.StartLine, 1, out _).Line,
                    g.Locate(r.EndLine, 1, out _).Line,
                    r.Excerpt,
                    r.Text)))),
            new ReportCounts(
                guides.Count,
                guides.Count(g => g.Removals.Count > 0),
                total,
                guides.SelectMany(g => g.Removals).GroupBy(r => r.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count())));
        var json = JsonSerializer.Serialize(report, StripReportJson.Indented.ReportFile);
        IoFault.Guard("writing the --strip-report file", full, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, json);
        });
    }
}

// The report's shape, in the order its members are written; names in snake_case.
internal sealed record ReportFile(IEnumerable<ReportPage> Pages, ReportCounts Summary);

internal sealed record ReportPage(string File, IEnumerable<ReportRemoval> Removals);

internal sealed record ReportRemoval(string Rule, string? IncludedFile, int StartLine, int EndLine, string Excerpt, string? TextRemoved);

internal sealed record ReportCounts(int Pages, int PagesWithRemovals, int Removals, Dictionary<string, int> ByRule);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReportFile))]
internal sealed partial class StripReportJson : JsonSerializerContext
{
    /// <summary>Indented, without null members, escaping only what JSON requires (the report is read by people, never embedded in HTML).</summary>
    public static StripReportJson Indented { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
