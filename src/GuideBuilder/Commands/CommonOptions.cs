using System.CommandLine;

namespace GuideBuilder.Cli;

/// <summary>Options several commands share, defined once so that their names, help and completions agree.</summary>
public static class CommonOptions
{
    /// <summary><c>--config FILE</c>: the site.yml to use.</summary>
    public static Option<string?> Config() => new("--config")
    {
        HelpName = "FILE",
        Description = "site.yml to use (default: ./site.yml, else the nearest in a parent folder)",
    };

    /// <summary><c>--output DIR</c>.</summary>
    public static Option<string?> Output(string description) => new("--output") { HelpName = "DIR", Description = description };

    /// <summary><c>--no-color</c>.</summary>
    public static Option<bool> NoColor() => Flag("--no-color", "no colours (also when NO_COLOR is set)");

    /// <summary>An option that takes no value: <c>--strict=yes</c> is a usage error, not a silent "true".</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Arity = ArgumentArity.Zero, Description = description };
}
