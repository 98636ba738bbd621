using System.Text.Json;
using GuideBuilder.Cli;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Serve;

/// <summary>init, new, clean, --help and --version through the real CLI.</summary>
public sealed class ScaffoldTests
{
    [Fact]
    public void Init_then_build_succeeds_in_an_empty_folder()
    {
        using var temp = new TempSite();
        var dir = Path.Combine(temp.Root, "fresh");
        var init = temp.Run("init", "fresh");
        Assert.Equal(0, init.ExitCode);
        var yml = File.ReadAllText(Path.Combine(dir, "site.yml"));
        Assert.StartsWith("# yaml-language-server: $schema=schemas/site.schema.json", yml);
        using (var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "schemas", "site.schema.json"))))
        {
            Assert.True(schema.RootElement.GetProperty("properties").TryGetProperty("base_url", out _));
        }
        Assert.True(File.Exists(Path.Combine(dir, "schemas", "frontmatter.schema.json")));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(["build", "--format", "json"], stdout, stderr, dir);
        Assert.Equal(0, code);
        Assert.Empty(new CliRun(code, stdout.ToString(), stderr.ToString()).Diagnostics());
        Assert.Contains("Write Your First Guide", File.ReadAllText(Path.Combine(dir, "_site", "getting-started", "write-your-first-guide", "index.html")));
    }

    [Fact]
    public void Init_refuses_a_folder_with_a_site()
    {
        using var site = new TempSite();
        var run = site.Run("init");
        Assert.Equal(CommandLine.UsageError, run.ExitCode);
        Assert.Contains("already exists", run.Stderr);
        Assert.Equal("title: Test Guides\nbase_url: https://guides.example.org/\n", File.ReadAllText(Path.Combine(site.Root, "site.yml")));
    }

    [Theory]
    [InlineData("Reset your Router's password", "reset-your-routers-password.md")]
    [InlineData("Fix Windows\u2019 search", "fix-windows-search.md")]
    public void New_keeps_a_word_with_an_apostrophe_whole_in_the_file_name(string title, string file)
    {
        using var site = new TempSite();
        Assert.Equal(0, site.Run("new", title).ExitCode);
        Assert.True(File.Exists(Path.Combine(site.Root, "content", "guides", file)));
    }

    [Fact]
    public void New_then_build_publishes_the_guide()
    {
        using var site = new TempSite();
        Directory.CreateDirectory(Path.Combine(site.Root, "schemas"));
        File.WriteAllText(Path.Combine(site.Root, "schemas", "frontmatter.schema.json"), "{}");
        var created = site.Run("new", "Fix: \"Yes\" or No?", "--category", "Tips & Tricks");
        Assert.Equal(0, created.ExitCode);
        var md = File.ReadAllText(Path.Combine(site.Root, "content", "tips-tricks", "fix-yes-or-no.md"));
        Assert.StartsWith("---\n# yaml-language-server: $schema=../../schemas/frontmatter.schema.json\ntitle: \"Fix: \\\"Yes\\\" or No?\"\n", md);

        var build = site.Run("build", "--format", "json");
        Assert.Equal(0, build.ExitCode);
        Assert.All(build.Diagnostics(), d => Assert.Equal("lint.placeholder", d.Rule));   // the skeleton's sentences, until replaced
        var html = site.ReadOutput("tips-tricks/fix-yes-or-no/index.html");
        Assert.Contains("Fix: &quot;Yes&quot; or No?", html);
        Assert.Contains("<ol class=\"steps\"", html);
        Assert.True(site.OutputExists("categories/tips-tricks/index.html"));
    }

    [Fact]
    public void New_refuses_to_overwrite()
    {
        using var site = new TempSite();
        site.Write("content/networking/reset-router.md", "---\ntitle: Mine\n---\n\nHand-written text.\n");
        var run = site.Run("new", "Reset Router", "--category", "networking");
        Assert.Equal(CommandLine.UsageError, run.ExitCode);
        Assert.Contains("already exists", run.Stderr);
        Assert.Equal("---\ntitle: Mine\n---\n\nHand-written text.\n", File.ReadAllText(Path.Combine(site.Root, "content/networking/reset-router.md")));
    }

    [Fact]
    public void Clean_removes_the_output_folder()
    {
        using var site = new TempSite();
        site.Write("content/a.md", "---\ntitle: A\ndescription: a guide\n---\n\nText.\n");
        Assert.Equal(0, site.Run("build").ExitCode);
        Assert.True(Directory.Exists(site.Output));
        var run = site.Run("clean");
        Assert.Equal(0, run.ExitCode);
        Assert.False(Directory.Exists(site.Output));
    }

    [Theory]
    [InlineData("build")]
    [InlineData("check")]
    [InlineData("serve")]
    [InlineData("new")]
    [InlineData("init")]
    [InlineData("clean")]
    public void Every_command_has_help_with_examples(string command)
    {
        using var site = new TempSite();
        var run = site.Run(command, "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Usage: guidebuilder {command}", run.Stdout);
        Assert.Contains("Example", run.Stdout);
        Assert.Contains($"guidebuilder {command}", run.Stdout[run.Stdout.IndexOf("Example", StringComparison.Ordinal)..]);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("build", "--version")]
    [InlineData("serve", "--version")]
    public void Version_works_everywhere(params string[] args)
    {
        using var site = new TempSite();
        var run = site.Run(args);
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^guidebuilder \d+\.\d+\.\d+\s*$", run.Stdout);
    }
}
