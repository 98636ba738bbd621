using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GuideBuilder.Diagnostics;

/// <summary>Summary figures printed with every report.</summary>
public sealed record ReportSummary(int Pages, int Errors, int Warnings, int Stripped, long ElapsedMs);

/// <summary>Renders diagnostics as compiler-style text, the contract's JSON, SARIF 2.1.0 or GitHub Actions annotations.</summary>
public static class ReportFormatter
{
    private static string Sev(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    /// <summary>
    /// Indented, and escaping only what JSON requires (quotes, backslashes, control characters):
    /// a report file is read by people and parsers, never embedded in HTML, so <c>'</c>, <c>&lt;</c>,
    /// <c>&amp;</c> and non-ASCII text stay as written.
    /// </summary>
    private static readonly JsonSerializerOptions ReportJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary><c>{"diagnostics": [...], "summary": {...}}</c> as in the contract.</summary>
    public static string Json(IReadOnlyList<Diagnostic> diagnostics, ReportSummary summary)
    {
        var list = new JsonArray();
        foreach (var d in diagnostics)
        {
            list.Add(new JsonObject
            {
                ["file"] = d.Location.File,
                ["line"] = d.Location.Line,
                ["column"] = d.Location.Column,
                ["severity"] = Sev(d.Severity),
                ["rule"] = d.Rule,
                ["code"] = d.Code,
                ["message"] = d.Message,
            });
        }
        var root = new JsonObject
        {
            ["diagnostics"] = list,
            ["summary"] = new JsonObject
            {
                ["pages"] = summary.Pages,
                ["errors"] = summary.Errors,
                ["warnings"] = summary.Warnings,
                ["stripped"] = summary.Stripped,
                ["elapsed_ms"] = summary.ElapsedMs,
            },
        };
        return root.ToJsonString(ReportJson);
    }

    /// <summary>One line per diagnostic: <c>file:line:column: severity CODE: message [rule]</c>.</summary>
    public static string Line(Diagnostic d) =>
        d.Location.Line > 0
            ? $"{d.Location.File}:{d.Location.Line}:{d.Location.Column}: {Sev(d.Severity)} {d.Code}: {d.Message} [{d.Rule}]"
            : $"{d.Location.File}: {Sev(d.Severity)} {d.Code}: {d.Message} [{d.Rule}]";

    /// <summary>
    /// Compiler-form text grouped by file, each diagnostic followed by its source line and a caret
    /// under the column. <paramref name="readLines"/> gives a file's lines (null when unreadable).
    /// </summary>
    public static string Text(IReadOnlyList<Diagnostic> diagnostics, ReportSummary summary, Func<string, string[]?> readLines, bool includeInfo, bool color)
    {
        var sb = new StringBuilder();
        foreach (var group in diagnostics.Where(d => includeInfo || d.Severity != Severity.Info).GroupBy(d => d.Location.File))
        {
            var lines = readLines(group.Key);
            foreach (var d in group)
            {
                var head = Line(d);
                if (color) head = Colorize(d.Severity, head);
                sb.AppendLine(head);
                if (lines is not null && d.Location.Line >= 1 && d.Location.Line <= lines.Length)
                {
                    var src = lines[d.Location.Line - 1].TrimEnd('\r').Replace('\t', ' ');
                    if (src.Length > 160) src = src[..160] + "…";
                    var gutter = d.Location.Line.ToString().PadLeft(5);
                    sb.Append(gutter).Append(" | ").AppendLine(src);
                    var col = Math.Clamp(d.Location.Column, 1, Math.Max(1, src.Length + 1));
                    sb.Append(' ', 5).Append(" | ").Append(' ', col - 1).AppendLine(color ? "\u001b[1;32m^\u001b[0m" : "^");
                }
            }
            sb.AppendLine();
        }
        sb.Append($"{summary.Pages} {(summary.Pages == 1 ? "page" : "pages")}, {summary.Errors} {(summary.Errors == 1 ? "error" : "errors")}, {summary.Warnings} {(summary.Warnings == 1 ? "warning" : "warnings")}, {summary.Stripped} {(summary.Stripped == 1 ? "ad element" : "ad elements")} stripped in {summary.ElapsedMs} ms");
        sb.AppendLine();
        return sb.ToString();
    }

    private static string Colorize(Severity s, string text) => s switch
    {
        Severity.Error => "\u001b[1;31m" + text + "\u001b[0m",
        Severity.Warning => "\u001b[1;33m" + text + "\u001b[0m",
        _ => "\u001b[36m" + text + "\u001b[0m",
    };

    /// <summary>GitHub Actions workflow commands (<c>::error file=…,line=…,col=…::message</c>).</summary>
    public static string GitHubAnnotations(IReadOnlyList<Diagnostic> diagnostics)
    {
        static string Esc(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
        static string EscProp(string s) => Esc(s).Replace(":", "%3A").Replace(",", "%2C");
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
        {
            var kind = d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
            sb.Append("::").Append(kind).Append(" file=").Append(EscProp(d.Location.File));
            if (d.Location.Line > 0) sb.Append(",line=").Append(d.Location.Line).Append(",col=").Append(d.Location.Column);
            sb.Append(",title=").Append(EscProp($"{d.Code} {d.Rule}")).Append("::").AppendLine(Esc(d.Message));
        }
        return sb.ToString();
    }

    /// <summary>
    /// SARIF 2.1.0 log with one run, every known rule, and one result per diagnostic. Result paths are
    /// relative to <c>%SRCROOT%</c>, which <c>originalUriBaseIds</c> defines as the site folder
    /// (<paramref name="siteDir"/>, an absolute <c>file:</c> URI ending in '/'), the way code-scanning tools expect.
    /// </summary>
    public static string Sarif(IReadOnlyList<Diagnostic> diagnostics, string toolVersion, string? siteDir = null)
    {
        var rules = new JsonArray();
        var ruleIndex = new Dictionary<string, int>();
        foreach (var r in Rules.All)
        {
            ruleIndex[r.Name] = rules.Count;
            rules.Add(new JsonObject
            {
                ["id"] = r.Code,
                ["name"] = r.Name,
                ["shortDescription"] = new JsonObject { ["text"] = r.Description },
                ["defaultConfiguration"] = new JsonObject { ["level"] = SarifLevel(r.DefaultSeverity) },
            });
        }
        var results = new JsonArray();
        foreach (var d in diagnostics)
        {
            var region = new JsonObject();
            if (d.Location.Line > 0)
            {
                region["startLine"] = d.Location.Line;
                region["startColumn"] = Math.Max(1, d.Location.Column);
            }
            var physical = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = RelativeUri(d.Location.File), ["uriBaseId"] = "%SRCROOT%" },
            };
            if (region.Count > 0) physical["region"] = region;
            var result = new JsonObject
            {
                ["ruleId"] = d.Code,
                ["level"] = SarifLevel(d.Severity),
                ["message"] = new JsonObject { ["text"] = d.Message },
                ["locations"] = new JsonArray { new JsonObject { ["physicalLocation"] = physical } },
            };
            if (ruleIndex.TryGetValue(d.Rule, out var idx)) result["ruleIndex"] = idx;
            results.Add(result);
        }
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray
            {
                new JsonObject
                {
                    ["tool"] = new JsonObject
                    {
                        ["driver"] = new JsonObject
                        {
                            ["name"] = "GuideBuilder",
                            ["version"] = toolVersion,
                            ["informationUri"] = "https://guides.example.org/guidebuilder",
                            ["rules"] = rules,
                        },
                    },
                    ["originalUriBaseIds"] = new JsonObject { ["%SRCROOT%"] = BaseId(siteDir) },
                    ["columnKind"] = "utf16CodeUnits",
                    ["results"] = results,
                },
            },
        };
        return log.ToJsonString(ReportJson);
    }

    private static JsonObject BaseId(string? siteDir)
    {
        var o = new JsonObject { ["description"] = new JsonObject { ["text"] = "The site folder (the one holding site.yml)." } };
        if (siteDir is not null)
        {
            var uri = new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(siteDir)) + Path.DirectorySeparatorChar).AbsoluteUri;
            o["uri"] = uri.EndsWith('/') ? uri : uri + "/";
        }
        return o;
    }

    /// <summary>A '/'-separated relative path as a relative URI reference (each segment percent-escaped).</summary>
    private static string RelativeUri(string path) => string.Join('/', path.Split('/').Select(s => s is ".." or "." ? s : Uri.EscapeDataString(s)));

    private static string SarifLevel(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        Severity.Off => "none",
        _ => "note",
    };
}
