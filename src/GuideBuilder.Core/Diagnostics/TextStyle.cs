namespace GuideBuilder.Diagnostics;

/// <summary>
/// How the text report marks up what it prints. <see cref="PlainTextStyle"/> adds nothing; the command line's console
/// supplies the coloured one, so escape codes live in one place, decided once.
/// </summary>
public interface ITextStyle
{
    /// <summary>A diagnostic's line, marked up for its severity.</summary>
    string Severity(Severity severity, string text);

    /// <summary>The caret under a diagnostic's column.</summary>
    string Caret(string text);
}

/// <summary>No mark-up at all: files, pipes, CI logs, tests, NO_COLOR.</summary>
public sealed class PlainTextStyle : ITextStyle
{
    public static readonly PlainTextStyle Instance = new();

    public string Severity(Severity severity, string text) => text;
    public string Caret(string text) => text;
}
