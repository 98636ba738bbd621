using System.Text.RegularExpressions;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>Colour is decided and written in one class; typos on the command line get a suggestion.</summary>
public sealed class ConsoleLayerTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GuideBuilder.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("GuideBuilder.sln not found above the test binaries");
    }

    [Fact]
    public void Escape_codes_and_the_NO_COLOR_test_live_only_in_the_console_class()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var escape = new Regex(@"\\u001b|\\x1b|\\e\[|\u001b|\\033", RegexOptions.IgnoreCase);
        var noColor = new Regex(@"GetEnvironmentVariable\(\s*""NO_COLOR""");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Where(f => Path.GetFileName(f) != "Terminal.cs")
            .Where(f => escape.IsMatch(File.ReadAllText(f)) || noColor.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(src, f))
            .ToList();
        Assert.Empty(offenders);
        Assert.Matches(escape, File.ReadAllText(Path.Combine(src, "GuideBuilder", "Commands", "Terminal.cs")));
    }

    [Fact]
    public void Output_to_a_writer_that_is_not_the_console_has_no_colour_even_without_no_color()
    {
        using var site = new TempSite();
        site.Write("content/a/b.md", "---\ntitle: B\ndescription: d\n---\n\nSee [x](missing.md).\n");
        var run = site.Run("check");
        Assert.Contains("error GB0401", run.Stderr);
        Assert.DoesNotContain("\u001b", run.Stderr);
    }

    [Theory]
    [InlineData("biuld", "build")]
    [InlineData("chekc", "check")]
    [InlineData("srve", "serve")]
    public void A_mistyped_command_gets_a_suggestion(string typed, string meant)
    {
        using var site = new TempSite();
        var run = site.Run(typed);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: unknown command '{typed}' (did you mean '{meant}'?)", run.Stderr);
    }

    [Fact]
    public void A_mistyped_option_gets_a_suggestion()
    {
        using var site = new TempSite();
        var run = site.Run("build", "--stirct");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: unknown option '--stirct' (did you mean '--strict'?)", run.Stderr);
    }

    [Theory]
    [InlineData("biuld", "build", 1)]
    [InlineData("build", "build", 0)]
    [InlineData("bulid", "build", 1)]
    [InlineData("xyz", "build", 5)]
    public void Swapped_neighbours_are_one_edit(string a, string b, int distance) => Assert.Equal(distance, Suggest.Distance(a, b));
}
