namespace GuideBuilder.Cli;

/// <summary>A usage error: bad option or argument. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>Options and positional arguments of one command line, checked against what the command accepts.</summary>
public sealed class ParsedArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public ParsedArgs(IEnumerable<string> args, HashSet<string> flags, HashSet<string> valued)
    {
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            if (a == "--")
            {
                _positional.AddRange(list.Skip(i + 1));
                break;
            }
            if (!a.StartsWith('-') || a == "-")
            {
                _positional.Add(a);
                continue;
            }
            var name = a;
            string? value = null;
            var eq = a.IndexOf('=');
            if (eq > 0)
            {
                name = a[..eq];
                value = a[(eq + 1)..];
            }
            if (name == "-h") name = "--help";
            if (flags.Contains(name))
            {
                if (value is not null) throw new UsageException($"option {name} takes no value");
                _options[name] = null;
            }
            else if (valued.Contains(name))
            {
                if (value is null)
                {
                    if (i + 1 >= list.Count || (list[i + 1].StartsWith("--", StringComparison.Ordinal) && list[i + 1].Length > 2)) throw new UsageException($"option {name} needs a value");
                    value = list[++i];
                }
                _options[name] = value;
            }
            else
            {
                var hint = GuideBuilder.Load.Suggest.Hint(name, flags.Concat(valued));
                throw new UsageException($"unknown option '{name}'{hint}");
            }
        }
    }

    public IReadOnlyList<string> Positional => _positional;

    public bool Has(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.GetValueOrDefault(name);
}
