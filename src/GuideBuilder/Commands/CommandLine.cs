using GuideBuilder.Diagnostics;
using GuideBuilder.Load;

namespace GuideBuilder.Cli;

/// <summary>Entry point: dispatches a command line to its command and maps every failure to an exit code.</summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int ContentErrors = 1;
    public const int UsageError = 2;

    public static string Version => typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    private const string Usage = """
        GuideBuilder — static sites for how-to guides: strips ads, renders clean steps, validates every link.

        Usage: guidebuilder <command> [options]

        Commands:
          build              load, strip, render, validate and write the site
          check              everything build does except writing (for CI and editors)
          serve              build, serve on 127.0.0.1, rebuild and reload on every change
          new "Title"        scaffold content/<category>/<slug>.md  (--category C)
          init [DIR]         scaffold a new site in DIR (default: the current folder)
          clean              remove the output folder and the build's state (.guidebuilder)

        Run 'guidebuilder <command> --help' for a command's options and examples.
        Options everywhere: --help, --version
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        try
        {
            if (args.Length == 0)
            {
                stderr.WriteLine(Usage);
                return UsageError;
            }
            if (args[0] is "--help" or "-h" or "help")
            {
                stdout.WriteLine(Usage);
                return Ok;
            }
            if (args[0] is "--version" or "-v")
            {
                stdout.WriteLine($"guidebuilder {Version}");
                return Ok;
            }
            var rest = args[1..];
            if (rest.Contains("--version"))
            {
                stdout.WriteLine($"guidebuilder {Version}");
                return Ok;
            }
            return args[0] switch
            {
                "build" => BuildCommand.Run(rest, write: true, stdout, stderr, workingDir),
                "check" => BuildCommand.Run(rest, write: false, stdout, stderr, workingDir),
                "serve" => ServeCommand.Run(rest, stdout, stderr, workingDir),
                "new" => ScaffoldCommands.New(rest, stdout, stderr, workingDir),
                "init" => ScaffoldCommands.Init(rest, stdout, stderr, workingDir),
                "clean" => ScaffoldCommands.Clean(rest, stdout, stderr, workingDir),
                var other => throw new UsageException($"unknown command '{other}'{Suggest.Hint(other, ["build", "check", "serve", "new", "init", "clean"])}; run 'guidebuilder --help'"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (ConfigException e)
        {
            stderr.WriteLine(e.Message.Contains(": error ", StringComparison.Ordinal) ? e.Message : $"error: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (IoFault.Find(e) is { } fault)
        {
            // The machine's fault (a full disk, a read-only folder, a permission), not the content's and not a bug.
            var bag = new DiagnosticBag();
            fault.ReportTo(bag, workingDir);
            stderr.WriteLine(ReportFormatter.Line(bag.Sorted()[0]));
            return UsageError;
        }
        catch (Exception e)
        {
            var bug = e is AggregateException a ? a.Flatten().InnerExceptions[0] : e;
            var more = e is AggregateException all ? all.Flatten().InnerExceptions.Count - 1 : 0;
            stderr.WriteLine($"internal error: {bug.GetType().Name}: {bug.Message}{(more > 0 ? $" (and {more} more)" : "")}");
            stderr.WriteLine("This is a bug in GuideBuilder; please report it with the input that caused it"
                + (args.Contains("--verbose") ? " and the stack trace below." : " (run again with --verbose for the stack trace)."));
            if (args.Contains("--verbose")) stderr.WriteLine(e);
            return ContentErrors;
        }
    }
}
