using GuideBuilder.Diagnostics;

namespace GuideBuilder.Cli;

/// <summary>
/// The one place that decides whether output is coloured and that writes terminal escape codes. Colour is on only
/// when the text goes to the real console's stderr, that stream is a terminal, <c>--no-color</c> was not given and
/// <c>NO_COLOR</c> is unset or empty (https://no-color.org).
/// </summary>
public sealed class Terminal : ITextStyle
{
    private const string Reset = "\u001b[0m";

    private Terminal(bool color, bool interactive, TextWriter output)
    {
        Color = color;
        Interactive = interactive;
        Output = output;
    }

    /// <summary>The stream the decision is about (stderr).</summary>
    public TextWriter Output { get; }

    /// <summary>Whether escape codes are written.</summary>
    public bool Color { get; }

    /// <summary>Whether <c>stderr</c> is a terminal a person watches (a progress line makes sense there).</summary>
    public bool Interactive { get; }

    /// <summary>The console decision for <paramref name="stderr"/>, made once per command.</summary>
    public static Terminal For(TextWriter stderr, bool noColorOption)
    {
        var interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        var color = interactive && !noColorOption && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new Terminal(color, interactive, stderr);
    }

    /// <summary>A decision already made (tests: an "interactive" terminal that is a string).</summary>
    public static Terminal Fixed(TextWriter output, bool color, bool interactive) => new(color, interactive, output);

    public string Severity(Diagnostics.Severity severity, string text) => !Color ? text : severity switch
    {
        Diagnostics.Severity.Error => "\u001b[1;31m" + text + Reset,
        Diagnostics.Severity.Warning => "\u001b[1;33m" + text + Reset,
        _ => "\u001b[36m" + text + Reset,
    };

    public string Caret(string text) => Color ? "\u001b[1;32m" + text + Reset : text;
}
