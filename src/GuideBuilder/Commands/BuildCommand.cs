using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;

namespace GuideBuilder.Cli;

/// <summary><c>build</c> and <c>check</c>.</summary>
public static class BuildCommand
{
    public static readonly HashSet<string> Flags = ["--help", "--strict", "--drafts", "--check-external", "--quiet", "--verbose", "--no-color", "--no-ledger", "--no-cache"];
    public static readonly HashSet<string> Valued = ["--config", "--output", "--format", "--strip-report"];

    private const string Help = """
        Usage: guidebuilder {0} [options]

        {1}

        Options:
          --config FILE        site.yml to use (default: ./site.yml, else the nearest in a parent folder)
          --output DIR         output folder (default: site.yml 'output', else _site)
          --format FORMAT      text (default), json or sarif; json and sarif print only the report on stdout
          --strict             warnings fail the build (exit code 1)
          --drafts             include guides with 'draft: true'
          --check-external     also check http(s) links (cached)
          --strip-report FILE  write what the stripper removed, per page, as JSON (never into the site)
          --no-ledger          ignore published.yml: do not compare the site with it, and (build) do not write it
          --no-cache           build from nothing: neither read nor write the build cache (.guidebuilder/build)
          --quiet              print only errors
          --verbose            list every finding one by one, info diagnostics and stage timings too
          --no-color           no colours (also when NO_COLOR is set)

        Exit codes: 0 no errors, 1 the content has errors, 2 usage or configuration error.

        Examples:
          guidebuilder {0}
          guidebuilder {0} --format json > report.json
          guidebuilder {0} --config docs/site.yml --strict
        """;

    public static int Run(string[] args, bool write, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        var command = write ? "build" : "check";
        var a = new ParsedArgs(args, Flags, Valued);
        if (a.Has("--help"))
        {
            stdout.WriteLine(string.Format(Help, command, write ? "Build the site into the output folder." : "Check the site without writing anything."));
            return CommandLine.Ok;
        }
        if (a.Positional.Count > 0) throw new UsageException($"'{command}' takes no arguments (got '{a.Positional[0]}')");
        var format = a.Value("--format") ?? "text";
        if (format is not ("text" or "json" or "sarif")) throw new UsageException($"--format must be text, json or sarif, not '{format}'");

        var configPath = SiteConfigLoader.Locate(a.Value("--config"), workingDir);
        var configWarnings = new DiagnosticBag();
        var config = SiteConfigLoader.Load(configPath, configWarnings);
        if (write && SiteConfigLoader.MissingBaseUrl(config, build: true) is { } noBaseUrl) throw new ConfigException(ReportFormatter.Line(noBaseUrl));
        if (a.Has("--check-external")) config = config with { External = config.External with { Enabled = true } };
        var options = new BuildOptions
        {
            Write = write,
            OutputOverride = a.Value("--output") is { } o ? Path.GetFullPath(o, workingDir) : null,
            Drafts = a.Has("--drafts"),
            Strict = a.Has("--strict"),
            NoLedger = a.Has("--no-ledger"),
            NoCache = a.Has("--no-cache"),
            StripReportPath = a.Value("--strip-report") is { } r ? Path.GetFullPath(r, workingDir) : null,
        };
        var terminal = Terminal.For(stderr, a.Has("--no-color"));
        BuildResult result;
        using (Progress.Start(stderr, write ? "building" : "checking", terminal, a.Has("--quiet") || format != "text"))
        {
            result = new SiteBuilder(config, options).Build();
        }
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
        // Annotations go to stdout, except when stdout holds a machine report (the runner reads both streams).
        if (Environment.GetEnvironmentVariable("GITHUB_ACTIONS") == "true") (format == "text" ? stdout : stderr).Write(ReportFormatter.GitHubAnnotations(diagnostics));
        if (!a.Has("--quiet") || errors > 0)
        {
            var shown = a.Has("--quiet") ? diagnostics.Where(d => d.Severity == Severity.Error).ToList() : diagnostics;
            stderr.Write(ReportFormatter.Text(shown, summary, file => ReadLines(config.SiteDir, file), a.Has("--verbose"), terminal));
            if (a.Has("--verbose"))
            {
                var s = result.Stages;
                stderr.WriteLine($"stages: load {s.Load} ms, strip {s.Strip} ms, validate {s.Validate} ms, render {s.Render} ms, write {s.Write} ms");
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
