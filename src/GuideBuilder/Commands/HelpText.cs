using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace GuideBuilder.Cli;

/// <summary>
/// <c>--help</c>, generated from the command tree: the usage line from the command's arguments, one row per
/// subcommand and option from its name, aliases, value name and description, then the command's exit codes and
/// examples. (System.CommandLine 3 keeps its help builder internal and its layout has no place for examples, so the
/// layout is here; every line of it still comes from the definitions.)
/// </summary>
public static class HelpText
{
    /// <summary>Makes <c>--help</c> (and <c>-h</c>) under <paramref name="root"/> print this help.</summary>
    public static void Apply(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new ShowHelp();
        help.Description = "show this help";
        // -h and --help only: the Windows forms (/?, /h, -?) would crowd every completion list.
        foreach (var alias in help.Aliases.Where(a => a != "-h").ToList()) help.Aliases.Remove(alias);
    }

    /// <summary>Writes the help of <paramref name="command"/> to <paramref name="output"/>.</summary>
    public static void Write(Command command, TextWriter output)
    {
        var isRoot = command is RootCommand;
        if (isRoot)
        {
            output.WriteLine(command.Description);
            output.WriteLine();
        }
        output.WriteLine($"Usage: {CommandLine.ProgramName}{(isRoot ? "" : " " + command.Name)}{ArgumentsUsage(command)}{(isRoot ? " <command>" : "")} [options]");
        output.WriteLine();
        if (command is GuideCommand { Details.Length: > 0 } details)
        {
            output.WriteLine(details.Details.TrimEnd());
            output.WriteLine();
        }
        else if (!isRoot && !string.IsNullOrEmpty(command.Description))
        {
            output.WriteLine(command.Description);
            output.WriteLine();
        }
        Rows(output, "Commands:", command.Subcommands.Where(c => !c.Hidden).Select(c => (c.Name + ArgumentsUsage(c), c.Description ?? "")));
        var options = command.Options.Concat(Ancestors(command).SelectMany(c => c.Options).Where(o => o.Recursive)).Where(o => !o.Hidden);
        Rows(output, "Options:", options.Select(o => (OptionLabel(o), o.Description ?? "")));
        if (command is GuideCommand g)
        {
            output.WriteLine(g.ExitCodes);
            if (g.Examples.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Examples:");
                foreach (var example in g.Examples) output.WriteLine($"  {CommandLine.ProgramName} {example}");
            }
        }
        else
        {
            output.WriteLine($"Run '{CommandLine.ProgramName} <command> --help' for a command's options and examples.");
        }
    }

    private static void Rows(TextWriter output, string title, IEnumerable<(string Label, string Description)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0) return;
        var width = list.Max(r => r.Label.Length) + 3;
        output.WriteLine(title);
        foreach (var (label, description) in list) output.WriteLine($"  {label.PadRight(width)}{description}".TrimEnd());
        output.WriteLine();
    }

    /// <summary><c>"Title"</c>, <c>[DIR]</c>: a command's arguments as its usage line shows them.</summary>
    private static string ArgumentsUsage(Command command) => string.Concat(command.Arguments.Where(a => !a.Hidden)
        .Select(a => a.Arity.MinimumNumberOfValues == 0 ? $" [{a.HelpName ?? a.Name}]" : $" {a.HelpName ?? a.Name}"));

    /// <summary><c>-h, --help</c>, <c>--config FILE</c>: the short and long names, then the value's name.</summary>
    private static string OptionLabel(Option option)
    {
        var names = option.Aliases.Append(option.Name)
            .Where(n => n.StartsWith("--", StringComparison.Ordinal) || (n.Length == 2 && n[0] == '-' && char.IsLetter(n[1])))
            .Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal);
        var value = option.Arity.MaximumNumberOfValues == 0 ? "" : " " + (option.HelpName ?? "VALUE");
        return string.Join(", ", names) + value;
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    private sealed class ShowHelp : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return CommandLine.Ok;
        }
    }
}
