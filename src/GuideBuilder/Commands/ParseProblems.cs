using System.CommandLine;
using System.CommandLine.Parsing;
using GuideBuilder.Load;

namespace GuideBuilder.Cli;

/// <summary>
/// What was wrong with a command line, in GuideBuilder's words: read from the parse result's structure (unmatched
/// tokens, the option or argument an error belongs to), with "did you mean" drawn from the command's own definitions.
/// </summary>
public static class ParseProblems
{
    /// <summary>One message per problem, in the order they occur on the line.</summary>
    public static IEnumerable<string> Messages(ParseResult parse, IReadOnlyList<string> args)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        foreach (var token in unmatched)
        {
            if (token.Length > 1 && token[0] == '-') yield return $"unknown option '{token}'{Suggest.Hint(token, OptionNames(command))}";
            else if (FlagGivenValue(command, args, token) is { } flag) yield return $"option {flag} takes no value";
            else if (command is RootCommand) yield return CommandLine.UnknownCommand(command, token);
            else yield return Arguments(command, token);
        }
        foreach (var error in parse.Errors)
        {
            switch (error.SymbolResult)
            {
                // Unmatched tokens are said above; the root's "no command" needs saying only when nothing else was wrong.
                case CommandResult when unmatched.Count > 0:
                    break;
                case CommandResult { Command: RootCommand }:
                    yield return $"no command given; run '{CommandLine.ProgramName} --help'";
                    break;
                case OptionResult { Tokens.Count: 0 } o when o.Option.Arity.MinimumNumberOfValues > 0:
                    yield return $"option {o.Option.Name} needs a value";
                    break;
                case ArgumentResult { Tokens.Count: 0, Parent: CommandResult }:
                    yield return Arguments(command, null);
                    break;
                default:
                    yield return error.Message;
                    break;
            }
        }
    }

    /// <summary>Every option name and alias <paramref name="command"/> accepts, the recursive ones of its parents too.</summary>
    private static IEnumerable<string> OptionNames(Command command)
    {
        var options = command.Options.Concat(Ancestors(command).SelectMany(c => c.Options).Where(o => o.Recursive));
        return options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct();
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    /// <summary>The flag written as <c>--flag=token</c> on the line, when <paramref name="token"/> is that value.</summary>
    private static string? FlagGivenValue(Command command, IReadOnlyList<string> args, string token) =>
        command.Options.Concat(Ancestors(command).SelectMany(c => c.Options).Where(o => o.Recursive))
            .Where(o => o.Arity.MaximumNumberOfValues == 0)
            .Select(o => o.Name)
            .FirstOrDefault(name => args.Contains($"{name}={token}"));

    /// <summary>What the command's arguments are: "'build' takes no arguments (got 'x')", "'new' takes one argument: the title".</summary>
    private static string Arguments(Command command, string? extra)
    {
        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        if (arguments.Count == 0) return $"'{command.Name}' takes no arguments (got '{extra}')";
        var most = arguments.Sum(a => a.Arity.MaximumNumberOfValues);
        var least = arguments.Sum(a => a.Arity.MinimumNumberOfValues);
        var count = most == 1 ? "one argument" : $"{most} arguments";
        var takes = least == most ? count : least == 0 ? $"at most {count}" : $"{least} to {count}";
        var what = string.Join(", ", arguments.Select(a => a.Description ?? a.Name));
        return $"'{command.Name}' takes {takes}: {what}" + (extra is null ? "" : $" (got '{extra}' too)");
    }
}
