using GuideBuilder.Diagnostics;

namespace GuideBuilder.Load;

/// <summary>
/// site.yml is missing, unreadable or invalid, or the setup cannot work (an output folder over the sources): a
/// configuration error, exit code 2. It carries its problems as <c>config.invalid</c> diagnostics (plus the
/// unknown-key warnings of the same site.yml), so every report format shows them.
/// </summary>
public sealed class ConfigException : Exception
{
    private readonly IReadOnlyList<Diagnostic>? _diagnostics;

    /// <summary>A problem with no place in a file.</summary>
    public ConfigException(string message) : base(message)
    {
    }

    /// <summary>A problem at <paramref name="line"/>:<paramref name="column"/> of <paramref name="file"/> (relative to the site folder).</summary>
    public ConfigException(string file, long line, long column, string message) : base(message)
    {
        File = file;
        Line = line;
        Column = column;
    }

    /// <summary>Every problem of one site.yml, found in one reading.</summary>
    public ConfigException(IReadOnlyList<Diagnostic> diagnostics) : base(string.Join(Environment.NewLine, diagnostics.Select(ReportFormatter.Line)))
    {
        _diagnostics = diagnostics;
    }

    /// <summary>The file the problem is in, when it has a place.</summary>
    public string? File { get; }

    /// <summary>Where in <see cref="File"/> (0 when the problem has no place).</summary>
    public long Line { get; }
    public long Column { get; }

    /// <summary>The problems as diagnostics; one without a place has an empty file and line 0.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics ??
        [new Diagnostic(Rules.ConfigInvalid.Code, Rules.ConfigInvalid.Name, Severity.Error, Message, new SourceLocation(File ?? "", (int)Line, (int)Column))];
}
