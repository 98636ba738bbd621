using System.Text.Json;
using GuideBuilder.Cli;

namespace GuideBuilder.Tests;

/// <summary>The manual in docs/ is a GuideBuilder site, and it passes its own checks under --strict.</summary>
public sealed class ManualTests
{
    [Fact]
    public void The_manual_builds_with_no_errors_and_no_warnings_under_strict()
    {
        var root = RepositoryRoot();
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        // Without the build cache: a cache left by another build of GuideBuilder is reset with an info diagnostic.
        var code = CommandLine.Run(["check", "--config", "docs/site.yml", "--strict", "--no-cache", "--format", "json"], stdout, stderr, root);

        using var report = JsonDocument.Parse(stdout.ToString());
        var diagnostics = report.RootElement.GetProperty("diagnostics").EnumerateArray().Select(d => d.ToString()).ToList();
        Assert.Empty(diagnostics);
        Assert.Equal(0, code);
        Assert.True(report.RootElement.GetProperty("summary").GetProperty("pages").GetInt32() >= 10, "the manual has lost its guides");
    }

    [Fact]
    public void The_sarif_information_uri_is_the_manuals_rules_page_and_it_exists()
    {
        var uri = GuideBuilder.Diagnostics.ReportFormatter.InformationUri;
        Assert.False(uri.Contains("example.org", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot(), uri)), uri);
    }

    [Fact]
    public void The_readme_keeps_the_quick_start_and_points_into_the_manual()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        Assert.True(readme.Split('\n').Length < 150, "the README is the pitch and the quick start; the manual lives in docs/");
        Assert.Contains("dotnet run --project src/GuideBuilder -- build", readme);
        Assert.Contains("docs/content/rules/index.md", readme);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GuideBuilder.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("GuideBuilder.sln not found above the test binaries");
    }
}
