using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GuideBuilder.Diagnostics;

/// <summary>Summary figures printed with every report.</summary>
public sealed record ReportSummary(int Pages, int Errors, int Warnings, int Stripped, long ElapsedMs)
{
    /// <summary>For <c>build</c>: output paths added, changed and removed (JSON <c>summary.changes</c>); null for <c>check</c>.</summary>
    public (IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed)? Changes { get; init; }
}

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

    /// <summary>
    /// <c>{"diagnostics": [...], "summary": {...}}</c> as in the contract. When one rule fires many times in one
    /// file, the first few findings are entries of their own and the next one carries the rest: <c>count</c>
    /// (how many findings the entry stands for) and <c>related</c> (each other one's line, column and message).
    /// </summary>
    public static string Json(IReadOnlyList<Diagnostic> diagnostics, ReportSummary summary) =>
        JsonReport(diagnostics, summary).ToJsonString(ReportJson);

    /// <summary>The report of <see cref="Json"/> as a JSON object, for a caller that puts it inside a larger document.</summary>
    /// <param name="diagnostics">The diagnostics, sorted.</param>
    /// <param name="summary">The figures of the build.</param>
    /// <param name="head">Members to put before <c>diagnostics</c> (serve's version).</param>
    public static JsonObject JsonReport(IReadOnlyList<Diagnostic> diagnostics, ReportSummary summary, JsonObject? head = null)
    {
        var list = new JsonArray();
        foreach (var e in ReportGroups.Group(diagnostics))
        {
            var d = e.Diagnostic;
            var o = new JsonObject
            {
                ["file"] = d.Location.File,
                ["line"] = d.Location.Line,
                ["column"] = d.Location.Column,
                ["severity"] = Sev(d.Severity),
                ["rule"] = d.Rule,
                ["code"] = d.Code,
                ["message"] = d.Message,
            };
            if (e.Related.Count > 0)
            {
                o["count"] = e.Count;
                var related = new JsonArray();
                foreach (var r in e.Related)
                {
                    related.Add((JsonNode)new JsonObject { ["line"] = r.Location.Line, ["column"] = r.Location.Column, ["message"] = r.Message });
                }
                o["related"] = related;
            }
            list.Add((JsonNode)o);
        }
        var root = head ?? new JsonObject();
        root["diagnostics"] = list;
        root["summary"] = new JsonObject
        {
            ["pages"] = summary.Pages,
            ["errors"] = summary.Errors,
            ["warnings"] = summary.Warnings,
            ["stripped"] = summary.Stripped,
            ["elapsed_ms"] = summary.ElapsedMs,
        };
        if (summary.Changes is { } c)
        {
            static JsonArray Paths(IReadOnlyList<string> paths) => new([.. paths.Select(p => (JsonNode)JsonValue.Create(p))]);
            root["summary"]!["changes"] = new JsonObject { ["added"] = Paths(c.Added), ["changed"] = Paths(c.Changed), ["removed"] = Paths(c.Removed) };
        }
        return root;
    }

    /// <summary>A JSON document written the way reports are: indented, escaping only what JSON requires.</summary>
    public static string ToJson(JsonNode node) => node.ToJsonString(ReportJson);

    /// <summary>
    /// One line per diagnostic: <c>file:line:column: severity CODE: message [rule]</c>; without a file (a command-line
    /// or setup problem), <c>severity: message</c>.
    /// </summary>
    public static string Line(Diagnostic d) =>
        d.Location.File.Length == 0 ? $"{Sev(d.Severity)}: {d.Message}"
        : d.Location.Line > 0
            ? $"{d.Location.File}:{d.Location.Line}:{d.Location.Column}: {Sev(d.Severity)} {d.Code}: {d.Message} [{d.Rule}]"
            : $"{d.Location.File}: {Sev(d.Severity)} {d.Code}: {d.Message} [{d.Rule}]";

    /// <summary>Files whose findings of one rule the text report lists before it only counts the rest (unless verbose).</summary>
    public const int FilesPerRule = 5;

    /// <summary>Site-root prefixes the text report names one by one before it sums up the rest (unless verbose).</summary>
    public const int RootPrefixesShown = 10;

    /// <summary>
    /// Compiler-form text grouped by file, each diagnostic followed by its source line and a caret
    /// under the column. <paramref name="readLines"/> gives a file's lines (null when unreadable).
    /// Unless <paramref name="verbose"/>, each thing is said once: info is left out; a rule that fires
    /// more than <see cref="ReportGroups.ShownPerFile"/> + 1 times in a file shows the first few and one
    /// "and N more like it" line; a rule is listed in its first <see cref="FilesPerRule"/> files and counted
    /// in the rest; <c>link.root</c> findings are summed up per first path segment. Verbose lists everything.
    /// </summary>
    public static string Text(IReadOnlyList<Diagnostic> diagnostics, ReportSummary summary, Func<string, string[]?> readLines, bool verbose, ITextStyle? style = null)
    {
        style ??= PlainTextStyle.Instance;
        var sb = new StringBuilder();
        var shown = verbose ? diagnostics : diagnostics.Where(d => d.Severity != Severity.Info).ToList();
        var roots = verbose ? [] : shown.Where(d => d.Rule == Rules.LinkRoot.Name && d.Subject is not null).ToList();
        if (roots.Count > 0) shown = shown.Where(d => !(d.Rule == Rules.LinkRoot.Name && d.Subject is not null)).ToList();
        var entries = verbose ? shown.Select(d => new ReportEntry(d, [])).ToList() : ReportGroups.Group(shown);

        // Per rule, the files listed in full (the first few) and what is only counted.
        var filesOfRule = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var hidden = new SortedDictionary<string, (Severity Severity, int Findings, HashSet<string> Files)>(StringComparer.Ordinal);
        var listed = new List<ReportEntry>(entries.Count);
        foreach (var e in entries)
        {
            var d = e.Diagnostic;
            if (!filesOfRule.TryGetValue(d.Rule, out var files)) filesOfRule[d.Rule] = files = new HashSet<string>(StringComparer.Ordinal);
            if (verbose || files.Contains(d.Location.File) || files.Count < FilesPerRule)
            {
                files.Add(d.Location.File);
                listed.Add(e);
                continue;
            }
            var h = hidden.TryGetValue(d.Rule, out var seen) ? seen : (Severity: d.Severity, Findings: 0, Files: new HashSet<string>(StringComparer.Ordinal));
            h.Files.Add(d.Location.File);
            hidden[d.Rule] = (h.Severity, h.Findings + e.Count, h.Files);
        }

        foreach (var group in listed.GroupBy(e => e.Diagnostic.Location.File))
        {
            var lines = readLines(group.Key);
            foreach (var e in group)
            {
                var d = e.Diagnostic;
                if (e.Related.Count > 0)
                {
                    var at = string.Join(", ", new[] { d }.Concat(e.Related).Take(8).Select(r => r.Location.Line)) + (e.Count > 8 ? ", …" : "");
                    var more = d with { Message = $"and {e.Count} more like it in this file (lines {at})" };
                    sb.AppendLine(style.Severity(d.Severity, Line(more)));
                    continue;
                }
                sb.AppendLine(style.Severity(d.Severity, Line(d)));
                if (lines is not null && d.Location.Line >= 1 && d.Location.Line <= lines.Length)
                {
                    var (src, col) = Excerpt(lines[d.Location.Line - 1].TrimEnd('\r').Replace('\t', ' '), d.Location.Column);
                    var gutter = d.Location.Line.ToString().PadLeft(5);
                    sb.Append(gutter).Append(" | ").AppendLine(src);
                    sb.Append(' ', 5).Append(" | ").Append(' ', col - 1).AppendLine(style.Caret("^"));
                }
            }
            sb.AppendLine();
        }

        if (roots.Count > 0) RootSummary(sb, roots, style);
        if (hidden.Count > 0)
        {
            sb.AppendLine("not listed above (--verbose lists every finding; --format json reports them all):");
            foreach (var (rule, h) in hidden)
            {
                sb.AppendLine($"  {rule}: {Count(h.Findings, Sev(h.Severity))} in {Count(h.Files.Count, "more file")}");
            }
            sb.AppendLine();
        }
        sb.Append($"{Count(summary.Pages, "page")}, {Count(summary.Errors, "error")}, {Count(summary.Warnings, "warning")}, {Count(summary.Stripped, "ad element")} stripped{(summary.Stripped > 0 ? " (--strip-report FILE lists them)" : "")} in {summary.ElapsedMs} ms");
        sb.AppendLine();
        return sb.ToString();
    }

    /// <summary>Longest source line shown under a diagnostic; a longer one is cut around the column.</summary>
    private const int ExcerptWidth = 160;

    /// <summary>
    /// <paramref name="line"/> as shown under a diagnostic, and the 1-based column of the caret in it: a long
    /// line is cut to a window that holds the column (with "…" where text was cut), so the caret stays under
    /// the link or word the diagnostic is about.
    /// </summary>
    internal static (string Text, int Caret) Excerpt(string line, int column)
    {
        column = Math.Clamp(column, 1, line.Length + 1);
        if (line.Length <= ExcerptWidth) return (line, column);
        // Room for a "…" at either end; the column keeps 40 characters of context before it when the line is cut.
        var start = column <= ExcerptWidth - 1 ? 0 : Math.Min(column - 1 - 40, line.Length - (ExcerptWidth - 1));
        var end = start == 0 ? ExcerptWidth - 1 : start + ExcerptWidth - 1 >= line.Length ? line.Length : start + ExcerptWidth - 2;
        var text = (start > 0 ? "…" : "") + line[start..end] + (end < line.Length ? "…" : "");
        return (text, column - start + (start > 0 ? 1 : 0));
    }

    /// <summary>"1 page", "2612 pages".</summary>
    private static string Count(int n, string noun) => n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + (n == 1 ? noun : noun + "s");

    /// <summary>
    /// One line per first path segment of the site-root links that name nothing in the site, at its first
    /// link: they nearly always point at another site on the same host, and one line says so as well as a thousand.
    /// </summary>
    private static void RootSummary(StringBuilder sb, List<Diagnostic> roots, ITextStyle style)
    {
        var bySegment = roots.GroupBy(d => d.Subject!, StringComparer.Ordinal)
            .Select(g => (Segment: g.Key, First: g.First(), Links: g.Count(), Files: g.Select(d => d.Location.File).Distinct(StringComparer.Ordinal).Count()))
            .OrderByDescending(x => x.Links).ThenBy(x => x.Segment, StringComparer.Ordinal).ToList();
        sb.AppendLine($"site-root links to paths this site does not have ({Count(roots.Count, "link")}; --verbose lists each one):");
        foreach (var s in bySegment.Take(RootPrefixesShown))
        {
            var d = s.First with
            {
                Message = $"{Count(s.Links, "link")} under '{s.Segment}' in {Count(s.Files, "file")}, first here: another site on the same host? If so, list '{s.Segment}' under links: other_sites: in site.yml",
            };
            sb.AppendLine(style.Severity(d.Severity, Line(d)));
        }
        if (bySegment.Count > RootPrefixesShown)
        {
            var rest = bySegment.Skip(RootPrefixesShown).ToList();
            sb.AppendLine($"  and {Count(rest.Sum(s => s.Links), "link")} under {rest.Count} more prefixes: {string.Join(", ", rest.Select(s => s.Segment))}");
        }
        sb.AppendLine();
    }

    /// <summary>GitHub Actions workflow commands (<c>::error file=…,line=…,col=…::message</c>).</summary>
    public static string GitHubAnnotations(IReadOnlyList<Diagnostic> diagnostics)
    {
        static string Esc(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");
        static string EscProp(string s) => Esc(s).Replace(":", "%3A").Replace(",", "%2C");
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
        {
            var kind = d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
            sb.Append("::").Append(kind).Append(' ');
            if (d.Location.File.Length > 0) sb.Append("file=").Append(EscProp(d.Location.File)).Append(',');
            if (d.Location.Line > 0) sb.Append("line=").Append(d.Location.Line).Append(",col=").Append(d.Location.Column).Append(',');
            sb.Append("title=").Append(EscProp($"{d.Code} {d.Rule}")).Append("::").AppendLine(Esc(d.Message));
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
            rules.Add((JsonNode)new JsonObject
            {
                ["id"] = r.Code,
                ["name"] = r.Name,
                ["shortDescription"] = new JsonObject { ["text"] = r.Description },
                ["defaultConfiguration"] = new JsonObject { ["level"] = SarifLevel(r.DefaultSeverity) },
            });
        }
        var results = new JsonArray();
        foreach (var e in ReportGroups.Group(diagnostics))
        {
            var d = e.Diagnostic;
            var result = new JsonObject
            {
                ["ruleId"] = d.Code,
                ["level"] = SarifLevel(d.Severity),
                ["message"] = new JsonObject { ["text"] = e.Related.Count > 0 ? $"{d.Message} (and {e.Related.Count} more like it in this file: see relatedLocations)" : d.Message },
            };
            // A problem with no file (a command-line option, a missing site.yml) has no location.
            if (d.Location.File.Length > 0) result["locations"] = new JsonArray { (JsonNode)new JsonObject { ["physicalLocation"] = SarifLocation(d) } };
            if (ruleIndex.TryGetValue(d.Rule, out var idx)) result["ruleIndex"] = idx;
            if (e.Related.Count > 0)
            {
                var related = new JsonArray();
                for (var i = 0; i < e.Related.Count; i++)
                {
                    related.Add((JsonNode)new JsonObject
                    {
                        ["id"] = i + 1,
                        ["physicalLocation"] = SarifLocation(e.Related[i]),
                        ["message"] = new JsonObject { ["text"] = e.Related[i].Message },
                    });
                }
                result["relatedLocations"] = related;
            }
            results.Add((JsonNode)result);
        }
        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray
            {
                (JsonNode)new JsonObject
                {
                    ["tool"] = new JsonObject
                    {
                        ["driver"] = new JsonObject
                        {
                            ["name"] = "GuideBuilder",
                            ["version"] = toolVersion,
                            ["informationUri"] = InformationUri,
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

    private static JsonObject SarifLocation(Diagnostic d)
    {
        var physical = new JsonObject
        {
            // A path outside the site folder (an --output elsewhere that filled up) is given whole.
            ["artifactLocation"] = Path.IsPathFullyQualified(d.Location.File)
                ? new JsonObject { ["uri"] = new Uri(d.Location.File).AbsoluteUri }
                : new JsonObject { ["uri"] = RelativeUri(d.Location.File), ["uriBaseId"] = "%SRCROOT%" },
        };
        if (d.Location.Line > 0)
        {
            physical["region"] = new JsonObject { ["startLine"] = d.Location.Line, ["startColumn"] = Math.Max(1, d.Location.Column) };
        }
        return physical;
    }

    /// <summary>Where the rules are documented: the manual's page of rules, in the repository beside the code.</summary>
    public const string InformationUri = "docs/content/rules/index.md";

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
