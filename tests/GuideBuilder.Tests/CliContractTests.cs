using System.Text.Json;
using System.Text.RegularExpressions;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>The command line's outside contract: report shapes, exit codes, stdout/stderr split.</summary>
public sealed partial class CliContractTests
{
    private const string Clean = "---\ntitle: Clean Guide\ndescription: A guide with nothing wrong in it\n---\n\n## Clean Guide\n\nText.\n";
    /// <summary>One warning (heading.skip-level at 8:1), no errors.</summary>
    private const string WarningOnly = "---\ntitle: Warned Guide\ndescription: A guide with one warning\n---\n\n## Part\n\n#### Too Deep\n";
    /// <summary>One error (link.broken at 6:5).</summary>
    private const string WithError = "---\ntitle: Broken Guide\ndescription: A guide with one broken link\n---\n\nSee [this guide](missing.md).\n";

    [GeneratedRegex(@"^(?<file>[^:\s]+):(?<line>\d+):(?<col>\d+): (?<sev>error|warning|info) (?<code>GB\d{4}): (?<msg>.+) \[(?<rule>[a-z0-9.-]+)\]$")]
    private static partial Regex CompilerLine();

    [Fact]
    public void Json_report_has_the_contract_shape()
    {
        using var site = new TempSite();
        site.Write("content/a/warned.md", WarningOnly).Write("content/a/broken.md", WithError).Write("content/a/clean.md", Clean);

        var run = site.Run("check", "--format", "json");

        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;
        Assert.Equal(["diagnostics", "summary"], root.EnumerateObject().Select(p => p.Name));
        var diagnostics = root.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(2, diagnostics.Count);
        foreach (var d in diagnostics)
        {
            Assert.Equal(["file", "line", "column", "severity", "rule", "code", "message"], d.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, d.GetProperty("line").ValueKind);
            Assert.Equal(JsonValueKind.Number, d.GetProperty("column").ValueKind);
        }
        var broken = diagnostics.Single(d => d.GetProperty("rule").GetString() == "link.broken");
        Assert.Equal("content/a/broken.md", broken.GetProperty("file").GetString());
        Assert.Equal((6, 5, "error", "GB0401"), (broken.GetProperty("line").GetInt32(), broken.GetProperty("column").GetInt32(),
            broken.GetProperty("severity").GetString(), broken.GetProperty("code").GetString()));
        Assert.Contains("missing.md", broken.GetProperty("message").GetString(), StringComparison.Ordinal);

        var summary = root.GetProperty("summary");
        Assert.Equal(["pages", "errors", "warnings", "stripped", "elapsed_ms"], summary.EnumerateObject().Select(p => p.Name));
        Assert.Equal((3, 1, 1, 0), (summary.GetProperty("pages").GetInt32(), summary.GetProperty("errors").GetInt32(),
            summary.GetProperty("warnings").GetInt32(), summary.GetProperty("stripped").GetInt32()));
        Assert.True(summary.GetProperty("elapsed_ms").GetInt64() >= 0);
    }

    [Fact]
    public void Json_stdout_holds_only_the_report()
    {
        using var site = new TempSite();
        site.Write("content/a/warned.md", WarningOnly);

        var run = site.Run("build", "--format", "json");

        // The whole of stdout is one JSON document: no progress lines, no text report, no "wrote".
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.StartsWith("{", run.Stdout.TrimStart(), StringComparison.Ordinal);
        Assert.EndsWith("}", run.Stdout.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("warning GB0501", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_format_uses_the_compiler_form_on_stderr_and_nothing_on_stdout()
    {
        using var site = new TempSite();
        site.Write("content/a/broken.md", WithError).Write("content/a/warned.md", WarningOnly);

        var run = site.Run("check", "--no-color");

        Assert.Equal("", run.Stdout);
        var lines = run.Stderr.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => CompilerLine().IsMatch(l)).ToList();
        Assert.Equal(
        [
            "content/a/broken.md:6:5: error GB0401: link to 'missing.md': no such page or file [link.broken]",
            "content/a/warned.md:8:1: warning GB0501: h4 follows h2: a level is skipped (use h3) [heading.skip-level]",
        ], lines);
        Assert.DoesNotContain("\u001b[", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit_0_for_a_clean_site_and_the_site_is_written()
    {
        using var site = new TempSite();
        site.Write("content/a/clean.md", Clean);
        var run = site.Run("build");
        Assert.Equal(0, run.ExitCode);
        Assert.True(site.OutputExists("a/clean/index.html"));
    }

    [Fact]
    public void Exit_0_with_warnings_only()
    {
        using var site = new TempSite();
        site.Write("content/a/warned.md", WarningOnly);
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Diagnostics(), d => d.Severity == "warning");
        Assert.True(site.OutputExists("a/warned/index.html"));
    }

    [Fact]
    public void Exit_1_with_strict_and_warnings_and_nothing_written()
    {
        using var site = new TempSite();
        site.Write("content/a/warned.md", WarningOnly);
        var run = site.Run("build", "--strict", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.False(site.OutputExists("a/warned/index.html"));
    }

    [Fact]
    public void Exit_0_with_strict_and_no_warnings()
    {
        using var site = new TempSite();
        site.Write("content/a/clean.md", Clean);
        Assert.Equal(0, site.Run("check", "--strict").ExitCode);
    }

    [Fact]
    public void Exit_1_for_a_content_error()
    {
        using var site = new TempSite();
        site.Write("content/a/broken.md", WithError).Write("content/a/clean.md", Clean);
        var run = site.Run("build", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void A_rule_set_to_warning_in_site_yml_does_not_stop_the_build()
    {
        using var site = new TempSite("title: T\nbase_url: https://g.example/\nrules:\n  link.broken: warning\n");
        site.Write("content/a/broken.md", WithError);
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("warning", Assert.Single(run.Diagnostics()).Severity);
        Assert.True(site.OutputExists("a/broken/index.html"));
    }

    [Theory]
    [InlineData("build", "--bogus")]
    [InlineData("check", "--format", "xml")]
    [InlineData("check", "--output")]
    [InlineData("check", "extra-argument")]
    [InlineData("frobnicate")]
    public void Exit_2_for_a_usage_error(params string[] args)
    {
        using var site = new TempSite();
        site.Write("content/a/clean.md", Clean);
        var run = site.Run(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void Exit_2_for_a_missing_site_yml()
    {
        using var site = new TempSite();
        File.Delete(Path.Combine(site.Root, "site.yml"));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no site.yml", run.Stderr, StringComparison.Ordinal);
        // The JSON report on stdout carries the problem too (it has no file).
        var missing = Assert.Single(run.Diagnostics());
        Assert.Equal(("config.invalid", "", 0, "error"), (missing.Rule, missing.File, missing.Line, missing.Severity));
        Assert.Contains("no site.yml", missing.Message, StringComparison.Ordinal);

        var explicitMissing = site.Run("check", "--config", "nowhere/site.yml");
        Assert.Equal(2, explicitMissing.ExitCode);
        Assert.Contains("nowhere/site.yml", explicitMissing.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("title: T\nbase_url: [https://g.example/\n", "site.yml:3:1: error GB0001: invalid YAML")]
    [InlineData("title: T\nrules: [a, b]\n", "site.yml:2:8: error GB0001: expected a mapping")]
    [InlineData("title: T\nrules:\n  link.brokn: warning\n", "site.yml:3:3: error GB0001: unknown rule 'link.brokn' (did you mean 'link.broken'?)")]
    [InlineData("title: T\nrules:\n  link.broken: loud\n", "site.yml:3:16: error GB0001: severity must be off, info, warning or error, not 'loud'")]
    [InlineData("title: T\n[a, b]: c\n", "site.yml:2:1: error GB0001: a key must be text")]
    [InlineData("- just\n- a list\n", "site.yml:1:1: error GB0001: site.yml must be a mapping")]
    public void Exit_2_for_an_invalid_site_yml_with_file_line_and_column(string yml, string expected)
    {
        using var site = new TempSite(yml);
        site.Write("content/a/clean.md", Clean);
        var run = site.Run("build", "--format", "json");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Stderr, StringComparison.Ordinal);
        // The same error is in the JSON report on stdout, where CI and editors look.
        var d = Assert.Single(run.Diagnostics(), d => d.Severity == "error");
        Assert.Equal(expected, $"{d.File}:{d.Line}:{d.Column}: {d.Severity} GB0001: {d.Message}"[..expected.Length]);
        Assert.Equal("config.invalid", d.Rule);
    }

    [Fact]
    public void A_site_yml_error_is_a_sarif_result_with_its_place()
    {
        using var site = new TempSite("title: T\nrules:\n  link.brokn: warning\n");
        site.Write("content/a/clean.md", Clean);
        var run = site.Run("check", "--format", "sarif");
        Assert.Equal(2, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var result = Assert.Single(doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Equal("GB0001", result.GetProperty("ruleId").GetString());
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("site.yml", physical.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal((3, 3), (physical.GetProperty("region").GetProperty("startLine").GetInt32(), physical.GetProperty("region").GetProperty("startColumn").GetInt32()));
        Assert.StartsWith("unknown rule 'link.brokn'", result.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Unknown_site_yml_keys_are_reported_with_line_column_and_a_suggestion()
    {
        using var site = new TempSite("title: T\nbase_url: https://g.example/\noutptu: out\nstrip:\n  selectrs: [div.ad]\nfavourite_colour: blue\n");
        site.Write("content/a/clean.md", Clean);

        var run = site.Run("check", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        var unknown = run.Diagnostics().Where(d => d.Rule == "config.unknown-key").ToList();
        Assert.Equal(
        [
            ("site.yml", 3, 1, "unknown key 'outptu' (did you mean 'output'?)"),
            ("site.yml", 5, 3, "unknown key 'strip.selectrs' (did you mean 'selectors'?)"),
            ("site.yml", 6, 1, "unknown key 'favourite_colour'"),
        ], unknown.Select(d => (d.File, d.Line, d.Column, d.Message)));
        Assert.All(unknown, d => Assert.Equal("warning", d.Severity));
    }

    [Fact]
    public void Every_site_yml_error_is_reported_in_one_run_with_the_unknown_key_warnings_in_line_order()
    {
        using var site = new TempSite("title: [1, 2]\nbase_url: https://g.example/\ncolour: red\nrules:\n  nope: error\nexternal:\n  enabled: maybe\n");
        site.Write("content/a/clean.md", Clean);

        var run = site.Run("build");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
        [
            "site.yml:1:8: error GB0001: expected a text value [config.invalid]",
            "site.yml:3:1: warning GB0002: unknown key 'colour' [config.unknown-key]",
            "site.yml:5:3: error GB0001: unknown rule 'nope' [config.invalid]",
            "site.yml:7:12: error GB0001: expected true or false, not 'maybe' [config.invalid]",
        ], run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void Check_leaves_an_existing_output_folder_alone()
    {
        using var site = new TempSite();
        site.Write("content/a/clean.md", Clean);
        Assert.Equal(0, site.Run("build").ExitCode);
        var before = Snapshot(site.Output);
        site.Write("content/a/second.md", Clean.Replace("Clean Guide", "Second Guide"));
        Assert.Equal(0, site.Run("check").ExitCode);
        Assert.Equal(before, Snapshot(site.Output));
    }

    internal static Dictionary<string, string> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
