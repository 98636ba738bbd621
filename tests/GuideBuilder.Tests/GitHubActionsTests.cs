using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>Tests that set process-wide environment variables; they run alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;

/// <summary>Under GitHub Actions the CLI adds workflow annotations, without spoiling a JSON report on stdout.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class GitHubActionsTests
{
    private const string WithError = "---\ntitle: Broken Guide\ndescription: A guide with one broken link\n---\n\nSee [this guide](missing.md).\n";

    private static CliRun RunUnderActions(params string[] args)
    {
        using var site = new TempSite();
        site.Write("content/a/broken.md", WithError);
        var previous = Environment.GetEnvironmentVariable("GITHUB_ACTIONS");
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", "true");
        try
        {
            return site.Run(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_ACTIONS", previous);
        }
    }

    [Fact]
    public void Json_stdout_stays_pure_and_annotations_go_to_stderr()
    {
        var run = RunUnderActions("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(("link.broken", 6, 5), Assert.Single(run.Diagnostics()) is var d ? (d.Rule, d.Line, d.Column) : default);
        Assert.Contains("::error file=content/a/broken.md,line=6,col=5,", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_format_prints_annotations_on_stdout()
    {
        var run = RunUnderActions("check", "--no-color");
        Assert.StartsWith("::error file=content/a/broken.md,line=6,col=5,title=GB0401 link.broken::", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_yml_error_and_a_usage_error_are_annotations_too()
    {
        var previous = Environment.GetEnvironmentVariable("GITHUB_ACTIONS");
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", "true");
        try
        {
            using var site = new TempSite("title: T\nrules:\n  link.brokn: warning\n");
            var config = site.Run("check", "--format", "json");
            Assert.Equal(2, config.ExitCode);
            Assert.Equal("config.invalid", Assert.Single(config.Diagnostics()).Rule);
            Assert.Contains("::error file=site.yml,line=3,col=3,title=GB0001 config.invalid::unknown rule 'link.brokn'", config.Stderr, StringComparison.Ordinal);

            var usage = site.Run("biuld");
            Assert.Equal(2, usage.ExitCode);
            Assert.StartsWith("::error title=GB0003 usage.invalid::unknown command 'biuld' (did you mean 'build'?)", usage.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_ACTIONS", previous);
        }
    }
}
