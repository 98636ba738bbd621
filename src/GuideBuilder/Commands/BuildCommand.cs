using System.CommandLine;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;

namespace GuideBuilder.Cli;

/// <summary><c>build</c> and <c>check</c>: one command class, two names; <c>check</c> never writes.</summary>
public sealed class BuildCommand
{
    private readonly bool _write;
    private readonly Option<string?> _config = CommonOptions.Config();
    private readonly Option<string?> _output = CommonOptions.Output("output folder (default: site.yml 'output', else _site)");
    private readonly Option<string> _format = new("--format")
    {
        HelpName = "FORMAT",
        Description = "text (default), json or sarif; json and sarif print only the report on stdout",
        DefaultValueFactory = _ => "text",
    };
    private readonly Option<bool> _strict = CommonOptions.Flag("--strict", "warnings fail the build (exit code 1)");
    private readonly Option<bool> _drafts = CommonOptions.Flag("--drafts", "include guides with 'draft: true'");
    private readonly Option<bool> _checkExternal = CommonOptions.Flag("--check-external", "also check http(s) links (cached)");
    private readonly Option<string?> _stripReport = new("--strip-report")
    {
        HelpName = "FILE",
        Description = "write what the stripper removed, per page, as JSON (never into the site)",
    };
    private readonly Option<bool> _noLedger = CommonOptions.Flag("--no-ledger", "ignore published.yml: do not compare the site with it, and (build) do not write it");
    private readonly Option<bool> _noCache = CommonOptions.Flag("--no-cache", "build from nothing: neither read nor write the build cache (.guidebuilder/build)");
    private readonly Option<bool> _quiet = CommonOptions.Flag("--quiet", "print only errors");
    private readonly Option<bool> _verbose = CommonOptions.Flag("--verbose", "list every finding one by one, info diagnostics and stage timings too");
    private readonly Option<bool> _noColor = CommonOptions.NoColor();

    /// <summary>The report formats <c>--format</c> accepts.</summary>
    public static readonly string[] Formats = ["text", "json", "sarif"];

    private BuildCommand(bool write)
    {
        _write = write;
        _format.CompletionSources.Add(Formats);
        _format.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "text";
            if (!Formats.Contains(value)) result.AddError($"--format must be text, json or sarif, not '{value}'");
        });
    }

    /// <summary>The report format asked for on a command line that may not have parsed: json or sarif when given validly, else null.</summary>
    public static string? RequestedFormat(ParseResult parse)
    {
        if (parse.CommandResult.Command is not GuideCommand { Name: "build" or "check" } command) return null;
        var format = command.Options.OfType<Option<string>>().Single(o => o.Name == "--format");
        var tokens = parse.GetResult(format)?.Tokens;
        return tokens is { Count: > 0 } && tokens[^1].Value is "json" or "sarif" ? tokens[^1].Value : null;
    }

    /// <summary><c>build</c> (<paramref name="write"/>) or <c>check</c>.</summary>
    public static GuideCommand Define(bool write, CliContext cx)
    {
        var name = write ? "build" : "check";
        var b = new BuildCommand(write);
        var command = new GuideCommand(name, write
            ? "load, strip, render, validate and write the site"
            : "everything build does except writing (for CI and editors)")
        {
            Details = write ? "Build the site into the output folder." : "Check the site without writing anything.",
            ExitCodes = "Exit codes: 0 no errors, 1 the content has errors, 2 usage or configuration error.",
            Examples = [name, $"{name} --format json > report.json", $"{name} --config docs/site.yml --strict"],
        };
        foreach (var option in new Option[] { b._config, b._output, b._format, b._strict, b._drafts, b._checkExternal, b._stripReport, b._noLedger, b._noCache, b._quiet, b._verbose, b._noColor })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse => b.Run(parse, cx));
        return command;
    }

    private int Run(ParseResult a, CliContext cx)
    {
        var (write, stdout, stderr, workingDir) = (_write, cx.Stdout, cx.Stderr, cx.WorkingDir);
        var format = a.GetValue(_format)!;
        var quiet = a.GetValue(_quiet);
        var verbose = a.GetValue(_verbose);

        var configPath = SiteConfigLoader.Locate(a.GetValue(_config), workingDir);
        var configWarnings = new DiagnosticBag();
        var config = SiteConfigLoader.Load(configPath, configWarnings);
        if (write && SiteConfigLoader.MissingBaseUrl(config, build: true) is { } noBaseUrl) throw new ConfigException(ReportFormatter.Line(noBaseUrl));
        if (a.GetValue(_checkExternal)) config = config with { External = config.External with { Enabled = true } };
        var options = new BuildOptions
        {
            Write = write,
            OutputOverride = a.GetValue(_output) is { } o ? Path.GetFullPath(o, workingDir) : null,
            Drafts = a.GetValue(_drafts),
            Strict = a.GetValue(_strict),
            NoLedger = a.GetValue(_noLedger),
            NoCache = a.GetValue(_noCache),
            StripReportPath = a.GetValue(_stripReport) is { } r ? Path.GetFullPath(r, workingDir) : null,
            Progress = new BuildProgress(),
        };
        var terminal = Terminal.For(stderr, a.GetValue(_noColor));
        var result = LiveProgress.Run(terminal, wanted: !quiet && format == "text", write ? "building" : "checking", options.Progress!,
            () => new SiteBuilder(config, options).Build());
        var diagnostics = configWarnings.Sorted().Concat(result.Diagnostics).ToList();
        var errors = diagnostics.Count(d => d.Severity == Severity.Error);
        var warnings = diagnostics.Count(d => d.Severity == Severity.Warning);
        // A fault of the machine or the setup is exit code 2, whatever else the content has.
        var environment = diagnostics.Any(d => d.Severity == Severity.Error && Rules.Find(d.Rule)?.Kind is RuleKind.Environment or RuleKind.Setup);
        var summary = new ReportSummary(result.Pages, errors, warnings, result.Stripped, result.ElapsedMs)
        {
            Changes = write ? (result.Changes.Added, result.Changes.Changed, result.Changes.Removed) : null,
        };

        switch (format)
        {
            case "json":
                stdout.WriteLine(ReportFormatter.Json(diagnostics, summary));
                break;
            case "sarif":
                stdout.WriteLine(ReportFormatter.Sarif(diagnostics, CommandLine.Version, config.SiteDir));
                break;
        }
        CommandLine.Annotate(diagnostics, reportOnStdout: format != "text", cx);
        if (!quiet || errors > 0)
        {
            var shown = quiet ? diagnostics.Where(d => d.Severity == Severity.Error).ToList() : diagnostics;
            stderr.Write(ReportFormatter.Text(shown, summary, file => ReadLines(config.SiteDir, file), verbose, terminal));
            if (verbose)
            {
                var s = result.Stages;
                stderr.WriteLine($"stages: load {s.Load} ms, strip {s.Strip} ms, validate {s.Validate} ms, render {s.Render} ms, write {s.Write} ms");
                if (result.KeptFiles is var (kept, of)) stderr.WriteLine($"render: {of - kept} of {of} pages rendered, {kept} kept as published (build cache)");
            }
            if (write && result.Written)
            {
                var written = Path.GetFullPath(options.OutputOverride ?? config.OutputDir, workingDir);
                var relative = Path.GetRelativePath(workingDir, written);
                var c = result.Changes;
                stderr.WriteLine($"wrote {(relative.StartsWith("..", StringComparison.Ordinal) ? written : relative)}");
                stderr.WriteLine($"{Files(c.Changed.Count)} changed, {c.Added.Count} added, {c.Removed.Count} removed");
                if (result.Ledger == "recorded") stderr.WriteLine($"recorded every published URL and id in {PublishedLedger.FileName} (new): commit it, so that a page moved or removed without a redirect is caught");
                else if (result.Ledger == "updated") stderr.WriteLine($"updated {PublishedLedger.FileName}: commit it with the change");
            }
            else if (write && environment) stderr.WriteLine("the site was not written (the previous output is unchanged)");
            else if (write && errors == 0) stderr.WriteLine($"the site was not written: --strict fails the build on warnings; fix the {(warnings == 1 ? "warning" : $"{warnings} warnings")} above or build without --strict (the previous output is unchanged)");
            else if (write) stderr.WriteLine("the site was not written: fix the errors above (the previous output is unchanged)");
        }
        if (environment) return CommandLine.UsageError;
        var failed = errors > 0 || (options.Strict && warnings > 0);
        return failed ? CommandLine.ContentErrors : CommandLine.Ok;
    }

    private static string Files(int n) => n == 1 ? "1 file" : $"{n} files";

    private static string[]? ReadLines(string siteDir, string relative)
    {
        try
        {
            var full = Path.Combine(siteDir, relative);
            return File.Exists(full) ? File.ReadAllLines(full) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
