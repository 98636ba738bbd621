namespace GuideBuilder.Diagnostics;

/// <summary>How serious a diagnostic is. <see cref="Off"/> means the rule is disabled.</summary>
public enum Severity
{
    Off,
    Info,
    Warning,
    Error,
}

/// <summary>A place in a source file: path relative to the site folder with '/' separators, 1-based line and column.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>
/// One finding about the site: a rule that fired at a place in a source file. <paramref name="Subject"/>,
/// when set, names what the finding is about (for <c>link.root</c>, the first path segment such as
/// <c>/powershell/</c>), so that reports can summarise many findings about one thing in one line.
/// </summary>
public sealed record Diagnostic(string Code, string Rule, Severity Severity, string Message, SourceLocation Location, string? Subject = null);

/// <summary>How severities are written in site.yml and front matter.</summary>
public static class SeverityNames
{
    /// <summary>Reads <c>off | info | warning | error</c> (and <c>false</c> for off), case-insensitively.</summary>
    public static Severity? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "off" or "false" => Severity.Off,
        "info" => Severity.Info,
        "warning" => Severity.Warning,
        "error" => Severity.Error,
        _ => null,
    };
}
