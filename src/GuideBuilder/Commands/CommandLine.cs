using System.CommandLine;
using System.CommandLine.Invocation;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;

namespace GuideBuilder.Cli;

/// <summary>
/// Entry point: the command tree (System.CommandLine parses, lists help and completes), and the one place that turns
/// every failure — a bad command line, a bad site.yml, the machine — into diagnostics and an exit code.
/// </summary>
public static class CommandLine
{
    public const int Ok = 0;
    public const int ContentErrors = 1;
    public const int UsageError = 2;

    /// <summary>The program's name, as the .NET tool installs it.</summary>
    public const string ProgramName = "guidebuilder";

    public static string Version => typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>No response files: a title such as <c>"@home setup"</c> is a title, not a file to read arguments from.</summary>
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    /// <summary>Every command, with its options, help and completions.</summary>
    public static RootCommand Define(CliContext cx)
    {
        var root = new RootCommand("GuideBuilder — static sites for how-to guides: strips ads, renders clean steps, validates every link.");
        // The library's --version is the root's only; GuideBuilder's works after any command too.
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        root.Options.Add(new Option<bool>("--version", "-v")
        {
            Arity = ArgumentArity.Zero,
            Recursive = true,
            Description = "print the version",
            Action = new PrintVersion(),
        });
        root.Subcommands.Add(BuildCommand.Define(write: true, cx));
        root.Subcommands.Add(BuildCommand.Define(write: false, cx));
        root.Subcommands.Add(ServeCommand.Define(cx));
        root.Subcommands.Add(ScaffoldCommands.DefineNew(cx));
        root.Subcommands.Add(ScaffoldCommands.DefineInit(cx));
        root.Subcommands.Add(ScaffoldCommands.DefineClean(cx));
        root.Subcommands.Add(CompletionCommand.Define(cx));
        // `guidebuilder help [command]`, as people type it.
        var topic = new Argument<string?>("command") { Arity = ArgumentArity.ZeroOrOne };
        var help = new Command("help", "show help") { Hidden = true };
        help.Arguments.Add(topic);
        help.SetAction(parse =>
        {
            var named = parse.GetValue(topic) is { } name ? root.Subcommands.FirstOrDefault(c => c.Name == name && !c.Hidden) : null;
            if (parse.GetValue(topic) is { } unknown && named is null) throw new UsageException(UnknownCommand(root, unknown));
            HelpText.Write(named ?? root, cx.Stdout);
            return Ok;
        });
        root.Subcommands.Add(help);
        HelpText.Apply(root);
        return root;
    }

    /// <summary>Runs a command line; serve runs until <paramref name="stop"/> is cancelled (null: until Ctrl+C).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDir, CancellationToken? stop = null)
    {
        var cx = new CliContext(stdout, stderr, workingDir, stop);
        ParseResult? parse = null;
        try
        {
            var root = Define(cx);
            if (args.Length == 0)
            {
                HelpText.Write(root, stderr);
                return UsageError;
            }
            parse = root.Parse(args, Parsing);
            if (parse.Action is ParseErrorAction)
            {
                return Failed([.. ParseProblems.Messages(parse, args).Select(Usage)], parse, cx);
            }
            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException e)
        {
            return Failed([Usage(e.Message)], parse, cx);
        }
        catch (ConfigException e)
        {
            return Failed(e.Diagnostics, parse, cx);
        }
        catch (Exception e) when (IoFault.Find(e) is { } fault)
        {
            // The machine's fault (a full disk, a read-only folder, a permission), not the content's and not a bug.
            var bag = new DiagnosticBag();
            fault.ReportTo(bag, workingDir);
            return Failed(bag.Sorted(), parse, cx);
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

    /// <summary>"unknown command 'x' (did you mean 'y'?)", the candidates being the commands the root lists.</summary>
    internal static string UnknownCommand(Command root, string typed) =>
        $"unknown command '{typed}'{Suggest.Hint(typed, root.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}; run '{ProgramName} --help'";

    private static Diagnostic Usage(string message) =>
        new(Rules.UsageInvalid.Code, Rules.UsageInvalid.Name, Severity.Error, message, new SourceLocation("", 0, 0));

    /// <summary>
    /// A command that stopped before it had a site to report on (a bad option, site.yml, the machine): its problems
    /// in the compiler form on stderr and, when a machine report was asked for, as that report on stdout. Exit code 2.
    /// </summary>
    private static int Failed(IReadOnlyList<Diagnostic> diagnostics, ParseResult? parse, CliContext cx)
    {
        foreach (var d in diagnostics) cx.Stderr.WriteLine(ReportFormatter.Line(d));
        var format = parse is null ? null : BuildCommand.RequestedFormat(parse);
        Annotate(diagnostics, reportOnStdout: format is not null, cx);
        var summary = new ReportSummary(0, diagnostics.Count(d => d.Severity == Severity.Error), diagnostics.Count(d => d.Severity == Severity.Warning), 0, 0);
        switch (format)
        {
            case "json":
                cx.Stdout.WriteLine(ReportFormatter.Json(diagnostics, summary));
                break;
            case "sarif":
                cx.Stdout.WriteLine(ReportFormatter.Sarif(diagnostics, Version));
                break;
        }
        return UsageError;
    }

    /// <summary>
    /// Under GitHub Actions, <paramref name="diagnostics"/> as workflow annotations: on stdout, or on stderr when stdout
    /// holds a machine report (the runner reads both streams).
    /// </summary>
    internal static void Annotate(IReadOnlyList<Diagnostic> diagnostics, bool reportOnStdout, CliContext cx)
    {
        if (Environment.GetEnvironmentVariable("GITHUB_ACTIONS") != "true") return;
        (reportOnStdout ? cx.Stderr : cx.Stdout).Write(ReportFormatter.GitHubAnnotations(diagnostics));
    }

    /// <summary><c>--version</c>: "guidebuilder 1.2.3" on stdout, after any command and whatever else is on the line.</summary>
    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine($"{ProgramName} {Version}");
            return Ok;
        }
    }
}
