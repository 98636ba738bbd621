namespace GuideBuilder.Diagnostics;

/// <summary>
/// One entry of a report: a finding, or, when a rule fires many times in one file, the first finding
/// after the few shown in full together with every later one (<see cref="Related"/>).
/// </summary>
public sealed record ReportEntry(Diagnostic Diagnostic, IReadOnlyList<Diagnostic> Related)
{
    /// <summary>How many findings the entry stands for: itself and its related ones.</summary>
    public int Count => 1 + Related.Count;
}

/// <summary>Groups repeated findings so a report says each thing once, while every finding stays reachable.</summary>
public static class ReportGroups
{
    /// <summary>Findings of one rule in one file that are listed in full before the rest are grouped.</summary>
    public const int ShownPerFile = 3;

    /// <summary>
    /// The entries of <paramref name="diagnostics"/> (sorted by file and line) in the same order: per file and
    /// rule, the first <paramref name="shown"/> findings alone, then one entry holding all the others when there
    /// are two or more of them (a single extra finding is listed alone).
    /// </summary>
    public static IReadOnlyList<ReportEntry> Group(IReadOnlyList<Diagnostic> diagnostics, int shown = ShownPerFile)
    {
        var byKey = new Dictionary<(string File, string Rule), List<Diagnostic>>();
        foreach (var d in diagnostics)
        {
            var key = (d.Location.File, d.Rule);
            if (!byKey.TryGetValue(key, out var list)) byKey[key] = list = [];
            list.Add(d);
        }
        var seen = new Dictionary<(string File, string Rule), int>();
        var entries = new List<ReportEntry>(diagnostics.Count);
        foreach (var d in diagnostics)
        {
            var key = (d.Location.File, d.Rule);
            var all = byKey[key];
            var n = seen[key] = seen.GetValueOrDefault(key) + 1;
            if (all.Count <= shown + 1 || n <= shown) entries.Add(new ReportEntry(d, []));
            else if (n == shown + 1) entries.Add(new ReportEntry(d, all.GetRange(shown + 1, all.Count - shown - 1)));
        }
        return entries;
    }
}
