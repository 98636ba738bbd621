using System.Text.RegularExpressions;
using GuideBuilder.Diagnostics;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>The README's rule table (under "## Diagnostics") and the code's rule registry say the same thing.</summary>
public sealed partial class ReadmeRuleTableTests
{
    [GeneratedRegex(@"^\| `(?<rule>[a-z0-9.*-]+)` \| (?<severity>off|info|warning|error)\b")]
    private static partial Regex RuleRow();

    /// <summary>(rule or <c>prefix.*</c>, severity) for each row of the table in the Diagnostics section.</summary>
    private static List<(string Rule, string Severity)> Table()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        var start = Array.FindIndex(lines, l => l == "## Diagnostics");
        Assert.True(start >= 0, "README.md has no '## Diagnostics' section");
        var rows = new List<(string, string)>();
        for (var i = start + 1; i < lines.Length && !lines[i].StartsWith("## ", StringComparison.Ordinal); i++)
        {
            if (RuleRow().Match(lines[i]) is { Success: true } m) rows.Add((m.Groups["rule"].Value, m.Groups["severity"].Value));
        }
        Assert.True(rows.Count > 10, "the Diagnostics section has no rule table");
        return rows;
    }

    private static string Name(Severity s) => s.ToString().ToLowerInvariant();

    [Fact]
    public void Every_rule_in_the_code_has_the_severity_the_readme_states()
    {
        var table = Table();
        var missing = new List<string>();
        foreach (var rule in Rules.All)
        {
            var row = table.FirstOrDefault(r => r.Rule == rule.Name);
            if (row.Rule is null) row = table.FirstOrDefault(r => r.Rule.EndsWith(".*", StringComparison.Ordinal) && rule.Name.StartsWith(r.Rule[..^1], StringComparison.Ordinal));
            if (row.Rule is null)
            {
                missing.Add(rule.Name);
                continue;
            }
            Assert.True(row.Severity == Name(rule.DefaultSeverity), $"README says {rule.Name} is {row.Severity}; the code says {Name(rule.DefaultSeverity)}");
        }
        Assert.True(missing.Count == 0, "rules missing from the README's table: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_rule_in_the_readme_exists_in_the_code()
    {
        foreach (var (rule, _) in Table())
        {
            var known = rule.EndsWith(".*", StringComparison.Ordinal)
                ? Rules.All.Any(r => r.Name.StartsWith(rule[..^1], StringComparison.Ordinal))
                : Rules.Find(rule) is not null;
            Assert.True(known, $"README names rule '{rule}', which the code does not have");
        }
    }
}
