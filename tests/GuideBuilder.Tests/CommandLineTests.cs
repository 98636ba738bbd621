using System.CommandLine;
using System.Diagnostics;
using GuideBuilder.Building;
using GuideBuilder.Cli;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>The command tree: help from the definitions, completion through the library's directive, the progress display.</summary>
public sealed class CommandLineTests
{
    private static RootCommand Tree() => CommandLine.Define(new CliContext(TextWriter.Null, TextWriter.Null, Path.GetTempPath(), CancellationToken.None));

    public static TheoryData<string> Commands() => [.. Tree().Subcommands.Where(c => !c.Hidden).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_lists_every_option_of_the_command_with_its_description(string name)
    {
        var command = Tree().Subcommands.Single(c => c.Name == name);
        using var site = new TempSite();
        var help = site.Run(name, "--help").Stdout;
        Assert.StartsWith($"Usage: guidebuilder {name}{string.Concat(command.Arguments.Select(a => " " + (a.Arity.MinimumNumberOfValues == 0 ? $"[{a.HelpName}]" : a.HelpName)))} [options]\n", help);
        foreach (var option in command.Options)
        {
            var row = help.Split('\n').SingleOrDefault(l => l.TrimStart().StartsWith(option.Name, StringComparison.Ordinal));
            Assert.True(row is not null, $"no row for {option.Name} in\n{help}");
            Assert.EndsWith(option.Description!, row!.TrimEnd());
        }
        Assert.Contains("-v, --version", help);
    }

    [Fact]
    public void The_root_help_lists_every_command_but_the_hidden_help_word()
    {
        using var site = new TempSite();
        var help = site.Run("--help").Stdout;
        foreach (var command in Tree().Subcommands) Assert.Equal(!command.Hidden, help.Contains($"\n  {command.Name}"));
        Assert.Equal(help, site.Run("help").Stdout);
        Assert.Equal(site.Run("serve", "--help").Stdout, site.Run("help", "serve").Stdout);
    }

    [Theory]
    [InlineData("build --s", "--strict\n--strip-report\n")]
    [InlineData("check --format ", "json\nsarif\ntext\n")]
    [InlineData("check --format j", "json\n")]
    [InlineData("se", "serve\n")]
    [InlineData("completion b", "bash\n")]
    public void The_suggest_directive_completes_commands_options_and_values(string line, string expected)
    {
        using var site = new TempSite();
        var run = site.Run($"[suggest:{line.Length}]", line);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(expected, run.Stdout.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Options_of_another_command_are_not_offered()
    {
        using var site = new TempSite();
        var options = site.Run("[suggest:8]", "build --").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("--no-ledger", options);
        Assert.DoesNotContain("--port", options);
        Assert.DoesNotContain("--category", options);
    }

    [SkippableTheory]
    [InlineData("guidebuilder build --str", "--strict --strip-report")]
    [InlineData("guidebuilder chec", "check")]
    [InlineData("guidebuilder check --format s", "sarif")]
    [InlineData("guidebuilder completion z", "zsh")]
    [InlineData("guidebuilder new --c", "--category --config")]
    public void The_bash_script_completes_through_the_real_program(string typed, string expected)
    {
        Skip.IfNot(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "bash completion is tested where bash is the shell");
        Skip.IfNot(File.Exists("/bin/bash"), "bash is not installed");
        using var site = new TempSite();
        var bin = Shim(site);
        File.WriteAllText(Path.Combine(site.Root, "complete.sh"), site.Run("completion", "bash").Stdout);
        var words = typed.Split(' ');
        var driver = $"""
            source ./complete.sh
            COMP_LINE='{typed}'
            COMP_POINT={typed.Length}
            COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))})
            COMP_CWORD={words.Length - 1}
            _guidebuilder_complete
            echo "${"{"}COMPREPLY[*]{"}"}"
            """;
        Assert.Equal(expected, RunShell("/bin/bash", ["-c", driver], site.Root, bin));
    }

    [SkippableTheory]
    [InlineData("build --str", "--strict --strip-report")]
    [InlineData("check --format ", "json sarif text")]
    [InlineData("build --config ", "(file names)")]
    [InlineData("se", "serve")]
    public void The_zsh_script_completes_through_the_real_program(string typed, string expected)
    {
        var zsh = new[] { "/usr/bin/zsh", "/bin/zsh" }.FirstOrDefault(File.Exists);
        Skip.If(zsh is null, "zsh is not installed");
        using var site = new TempSite();
        var bin = Shim(site);
        File.WriteAllText(Path.Combine(site.Root, "complete.zsh"), site.Run("completion", "zsh").Stdout);
        // Outside an interactive shell: compadd and _files stand in for zsh's own, printing what they are given.
        var words = string.Join(' ', ("guidebuilder " + typed).Split(' ').Select(w => $"'{w}'"));
        var driver = $$"""
            compdef() { :; }
            source ./complete.zsh
            compadd() { shift; print -r -- "$*"; }
            _files() { print '(file names)'; }
            words=({{words}}); CURRENT={{typed.Split(' ').Length + 1}}
            _guidebuilder
            """;
        Assert.Equal(expected, RunShell(zsh!, ["-f", "-c", driver], site.Root, bin));
    }

    /// <summary>A folder holding <c>guidebuilder</c>: the program the tests were built with, as the .NET tool installs it.</summary>
    private static string Shim(TempSite site)
    {
        var bin = Directory.CreateDirectory(Path.Combine(site.Root, "bin")).FullName;
        var shim = Path.Combine(bin, "guidebuilder");
        File.WriteAllText(shim, $"#!/bin/sh\nexec \"{Environment.ProcessPath}\" \"{Path.Combine(AppContext.BaseDirectory, "GuideBuilder.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return bin;
    }

    private static string RunShell(string shell, string[] args, string dir, string bin)
    {
        var start = new ProcessStartInfo(shell, args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);
        return output.Trim();
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _guidebuilder_complete guidebuilder")]
    [InlineData("zsh", "compdef _guidebuilder guidebuilder")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName guidebuilder")]
    public void Each_script_registers_for_the_program_and_asks_it_through_the_directive(string shell, string registration)
    {
        using var site = new TempSite();
        var run = site.Run("completion", shell);
        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Contains(registration, run.Stdout);
        Assert.Contains("guidebuilder \"[suggest:", run.Stdout);
        Assert.DoesNotContain("\r", run.Stdout);
    }

    [Fact]
    public void A_long_build_on_a_terminal_shows_stage_count_and_time_then_clears_it()
    {
        var screen = new StringWriter();
        var progress = new BuildProgress();
        var result = LiveProgress.Run(Terminal.Fixed(screen, color: false, interactive: true), wanted: true, "building", progress, () =>
        {
            progress.Begin("write", 10, "guides");
            for (var i = 0; i < 4; i++) progress.Step();
            Thread.Sleep(700);
            return 42;
        }, delay: TimeSpan.FromMilliseconds(200));
        Assert.Equal(42, result);
        var text = screen.ToString();
        Assert.Contains("building: write 4/10 guides", text);
        Assert.Matches(@" \d+\.\d s", text);
    }

    [Theory]
    [InlineData(true, false)]   // redirected stderr, a pipe, CI
    [InlineData(false, true)]   // --quiet or a JSON/SARIF report
    public void No_progress_when_nobody_watches_or_it_was_not_wanted(bool wanted, bool interactive)
    {
        var screen = new StringWriter();
        var progress = new BuildProgress();
        var result = LiveProgress.Run(Terminal.Fixed(screen, color: false, interactive), wanted, "building", progress, () =>
        {
            progress.Begin("write", 10, "guides");
            Thread.Sleep(400);
            return 7;
        }, delay: TimeSpan.FromMilliseconds(50));
        Assert.Equal((7, ""), (result, screen.ToString()));
    }

    [Fact]
    public void A_build_shorter_than_the_delay_shows_nothing_and_an_error_in_it_is_thrown_as_it_was()
    {
        var screen = new StringWriter();
        var terminal = Terminal.Fixed(screen, color: true, interactive: true);
        // A delay far longer than any test run: on a loaded CI machine the work may wait over a second for a pool thread.
        var delay = TimeSpan.FromMinutes(10);
        Assert.Equal(1, LiveProgress.Run(terminal, true, "building", new BuildProgress(), () => 1, delay));
        Assert.Throws<IOException>(() => LiveProgress.Run<int>(terminal, true, "building", new BuildProgress(), () => throw new IOException("disk"), delay));
        Assert.Equal("", screen.ToString());
    }

    [Fact]
    public void A_build_counts_its_guides()
    {
        using var site = new TempSite();
        for (var i = 0; i < 3; i++) site.Write($"content/a/g{i}.md", $"---\ntitle: Guide {i}\ndescription: d\n---\n\nText.\n");
        var progress = new BuildProgress();
        var config = GuideBuilder.Load.SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        new SiteBuilder(config, new BuildOptions { Write = true, Progress = progress }).Build();
        Assert.Equal(("assets", 0), (progress.Stage, progress.Total));
        var check = new BuildProgress();
        new SiteBuilder(config, new BuildOptions { Write = false, Progress = check }).Build();
        Assert.Equal("listings", check.Stage);
        Assert.Equal(check.Total, check.Done);
    }
}
