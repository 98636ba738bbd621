namespace GuideBuilder.Cli;

/// <summary>What every command runs with: its two streams, the folder it was started in, and how it is stopped.</summary>
/// <param name="Stdout">Machine output (JSON, SARIF, completions, help).</param>
/// <param name="Stderr">Human output (diagnostics, progress, summaries).</param>
/// <param name="WorkingDir">The folder relative paths on the command line are resolved against.</param>
/// <param name="Stop">Stops a long-running command (<c>serve</c>); null: Ctrl+C and SIGTERM stop it.</param>
public sealed record CliContext(TextWriter Stdout, TextWriter Stderr, string WorkingDir, CancellationToken? Stop);

/// <summary>A usage error a command finds after parsing (a title with no letters, a file that already exists). Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
