using System.Text.Json;
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
        var report = new
        {
            pages = guides.Where(g => g.Removals.Count > 0).Select(g => new
            {
                file = g.Source.SiteRelativePath,
                // a removal in an included file names that file (its lines are that file's)
                removals = g.Removals.OrderBy(r => r.StartLine).Select(r => new
                {
                    rule = r.Rule,
                    included_file = Load.IncludeLines.IsIncluded(r.StartLine) ? g.Locate(r.StartLine, 1, out _).File : null,
                    start_line = g.Locate(r.StartLine, 1, out _).Line,
                    end_line = g.Locate(r.EndLine, 1, out _).Line,
                    excerpt = r.Excerpt,
                    text_removed = r.Text,
                }),
            }),
            summary = new
            {
                pages = guides.Count,
                pages_with_removals = guides.Count(g => g.Removals.Count > 0),
                removals = total,
                by_rule = guides.SelectMany(g => g.Removals).GroupBy(r => r.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            },
        };
        var json = JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        IoFault.Guard("writing the --strip-report file", full, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, json);
        });
    }
}
