using System.Collections.Concurrent;

namespace GuideBuilder.Diagnostics;

/// <summary>
/// Thread-safe collector of diagnostics. Severities are resolved against the site's rule settings
/// when a diagnostic is added; rules set to <see cref="Severity.Off"/> are dropped.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentBag<Diagnostic> _items = [];
    private readonly IReadOnlyDictionary<string, Severity> _overrides;

    public DiagnosticBag(IReadOnlyDictionary<string, Severity>? overrides = null)
    {
        _overrides = overrides ?? new Dictionary<string, Severity>();
    }

    /// <summary>Severity the site gives <paramref name="rule"/>.</summary>
    public Severity SeverityOf(RuleInfo rule) =>
        _overrides.TryGetValue(rule.Name, out var s) ? s : rule.DefaultSeverity;

    public void Report(RuleInfo rule, SourceLocation location, string message, bool ignoreSiteOverride = false, string? subject = null)
    {
        var severity = ignoreSiteOverride ? rule.DefaultSeverity : SeverityOf(rule);
        if (severity == Severity.Off)
        {
            return;
        }
        _items.Add(new Diagnostic(rule.Code, rule.Name, severity, message, location, subject));
    }

    /// <summary>Adds diagnostics whose severity was resolved when they were first reported (kept from an earlier build).</summary>
    public void AddResolved(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) _items.Add(d);
    }

    /// <summary>All diagnostics, sorted by file, line, column, code.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => Sort(_items);

    /// <summary>The one order of every report: by file, line, column, code, message.</summary>
    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        diagnostics.OrderBy(d => d.Location.File, StringComparer.Ordinal)
              .ThenBy(d => d.Location.Line)
              .ThenBy(d => d.Location.Column)
              .ThenBy(d => d.Code, StringComparer.Ordinal)
              .ThenBy(d => d.Message, StringComparer.Ordinal)
              .ToList();

    public int Count(Severity severity) => _items.Count(d => d.Severity == severity);

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);
}
