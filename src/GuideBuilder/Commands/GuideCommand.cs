using System.CommandLine;

namespace GuideBuilder.Cli;

/// <summary>
/// A command with what its <c>--help</c> says besides the usage line and the options the library lists from their
/// definitions: a longer description, its exit codes and examples.
/// </summary>
public sealed class GuideCommand(string name, string summary) : Command(name, summary)
{
    /// <summary>Paragraphs shown under the usage line (the one-line summary when empty).</summary>
    public string Details { get; init; } = "";

    /// <summary>The exit codes line.</summary>
    public string ExitCodes { get; init; } = "Exit codes: 0 done, 2 usage or configuration error.";

    /// <summary>Command lines shown under "Examples:", without the leading program name.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];
}
