using System.Diagnostics;
using System.Security.Cryptography;
using GuideBuilder.Tests.Support;
using GuideBuilder.Model;

namespace GuideBuilder.Tests;

/// <summary>Paths, templates and the writer: nothing reads or writes outside the site, nothing hangs, nothing is left half-written.</summary>
public sealed class SafetyTests
{
    private static string Guide(string title, string body = "Some text.") =>
        $"---\ntitle: {title}\ndescription: About {title}\n---\n# {title}\n\n{body}\n";

    // ---- paths ----

    [Fact]
    public void Image_outside_the_site_is_reported_and_not_copied()
    {
        using var site = new TempSite();
        site.Write("content/a/g.md", Guide("G", "![host](../../../../etc/hostname)\n\n[cfg](../../site.yml)"));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var outside = run.Diagnostics().Where(d => d.Rule == "link.outside").OrderBy(d => d.Line).ToList();
        Assert.Equal([("content/a/g.md", 7), ("content/a/g.md", 9)], outside.Select(d => (d.File, d.Line)));
        Assert.False(Directory.Exists(site.Output));
        Assert.Empty(Directory.EnumerateFiles(site.Root, "hostname", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("..")]
    [InlineData("a/b")]
    public void Slug_that_is_not_one_segment_is_an_error_at_its_line(string slug)
    {
        using var site = new TempSite();
        site.Write("content/g.md", $"---\ntitle: G\ndescription: d\nslug: \"{slug}\"\n---\n# G\n\ntext\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Severity == "error");
        Assert.Equal(("frontmatter.invalid", "content/g.md", 4), (d.Rule, d.File, d.Line));
        Assert.False(Directory.Exists(site.Output));
    }

    [Theory]
    [InlineData("output: .")]
    [InlineData("output: ..")]
    [InlineData("output: content")]
    [InlineData("output: content/out")]
    public void Output_over_the_site_or_content_is_refused_before_anything_is_deleted(string output)
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n" + output + "\n");
        site.Write("content/g.md", Guide("G"));
        var run = site.Run("build");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("refusing", run.Stderr);
        Assert.True(File.Exists(Path.Combine(site.Root, "content", "g.md")));
        Assert.True(File.Exists(Path.Combine(site.Root, "site.yml")));
    }

    [Fact]
    public void Symlinks_leading_out_of_the_site_are_not_followed()
    {
        using var site = new TempSite();
        var outside = Path.Combine(Path.GetTempPath(), "gb-outside-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(outside);
        try
        {
            File.WriteAllText(Path.Combine(outside, "secret.md"), Guide("Secret"));
            File.WriteAllText(Path.Combine(outside, "secret.txt"), "password");
            site.Write("content/g.md", Guide("G"));
            Directory.CreateSymbolicLink(Path.Combine(site.Root, "content", "linked-dir"), outside);
            File.CreateSymbolicLink(Path.Combine(site.Root, "content", "linked.txt"), Path.Combine(outside, "secret.txt"));
            Directory.CreateDirectory(Path.Combine(site.Root, "inside"));
            File.WriteAllText(Path.Combine(site.Root, "inside", "ok.txt"), "fine");
            File.CreateSymbolicLink(Path.Combine(site.Root, "content", "ok.txt"), Path.Combine(site.Root, "inside", "ok.txt"));

            var run = site.Run("build");
            Assert.Equal(0, run.ExitCode);
            Assert.False(site.OutputExists("linked-dir/secret/index.html"));
            Assert.False(site.OutputExists("linked.txt"));
            Assert.Equal("fine", site.ReadOutput("ok.txt"));
            Assert.DoesNotContain("password", string.Concat(Directory.EnumerateFiles(site.Output, "*", SearchOption.AllDirectories).Select(File.ReadAllText)));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    // ---- templates ----

    [Theory]
    [InlineData("{{ while true }}{{ end }}", "iteration limit")]
    [InlineData("{{ func f; f; end; f }}", "recursive depth limit")]
    [InlineData("{{ include '../site.yml' }}", "inside the templates folder")]
    [InlineData("{{ include '/etc/hostname' }}", "inside the templates folder")]
    public void Hostile_templates_are_errors_not_hangs(string template, string message)
    {
        using var site = new TempSite();
        site.Write("content/g.md", Guide("G")).Write("templates/guide.html", template);
        var run = site.Run("build", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "template.error");
        Assert.Equal(("templates/guide.html", 1), (d.File, d.Line));
        Assert.Contains(message, d.Message);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void Template_that_runs_too_long_is_stopped()
    {
        using var site = new TempSite();
        site.Write("content/g.md", Guide("G"))
            .Write("templates/guide.html", "{{ func f(n); if n > 0; f(n - 1); f(n - 1); end; end; f(60) }}");
        var (code, _, stderr) = ChildBuild(site, ("GUIDEBUILDER_TEMPLATE_TIMEOUT_MS", "1500"));
        Assert.Equal(1, code);
        Assert.Contains("templates/guide.html:1:1: error GB0301: rendering took longer than", stderr);
    }

    // ---- atomic and concurrent writes ----

    [Fact]
    public void Build_killed_mid_write_leaves_the_previous_site_intact_and_the_next_build_cleans_up()
    {
        using var site = new TempSite();
        for (var i = 0; i < 40; i++) site.Write($"content/s/guide-{i:00}.md", Guide($"Guide {i}", "Version one."));
        Assert.Equal(0, site.Run("build").ExitCode);
        var before = Snapshot(site.Output);
        Assert.Contains(before, kv => kv.Key == "s/guide-00/index.html");

        for (var i = 0; i < 40; i++) site.Write($"content/s/guide-{i:00}.md", Guide($"Guide {i}", "Version two."));
        using (var child = StartChild(site, ("GUIDEBUILDER_TEST_WRITE_DELAY_MS", "100")))
        {
            var staging = WaitForStaging(site, minFiles: 5, child);
            child.Kill(entireProcessTree: true);   // SIGKILL on Unix
            child.WaitForExit();
            Assert.True(Directory.Exists(staging), "the killed build should have been caught mid-write");
        }

        Assert.Equal(before, Snapshot(site.Output));
        Assert.NotEmpty(Directory.EnumerateDirectories(site.Root, ".gb-staging-*"));

        Assert.Equal(0, site.Run("build").ExitCode);
        Assert.Empty(Directory.EnumerateDirectories(site.Root, ".gb-staging-*"));
        Assert.Empty(Directory.EnumerateDirectories(site.Root, ".gb-old-*"));
        Assert.Contains("Version two.", site.ReadOutput("s/guide-39/index.html"));
    }

    [Fact]
    public void Second_build_while_one_is_writing_fails_with_a_clear_message_and_the_site_stays_whole()
    {
        using var site = new TempSite();
        for (var i = 0; i < 20; i++) site.Write($"content/s/guide-{i:00}.md", Guide($"Guide {i}", "First build."));
        using (var child = StartChild(site, ("GUIDEBUILDER_TEST_WRITE_DELAY_MS", "150")))
        {
            WaitForStaging(site, minFiles: 2, child);
            var second = site.Run("build");
            Assert.Equal(2, second.ExitCode);
            Assert.Contains("another build is writing", second.Stderr);
            Assert.True(child.WaitForExit(120_000));
            Assert.Equal(0, child.ExitCode);
        }
        for (var i = 0; i < 20; i++) Assert.Contains("First build.", site.ReadOutput($"s/guide-{i:00}/index.html"));
        Assert.Equal(0, site.Run("build").ExitCode);   // the lock is free again
    }

    // ---- helpers ----

    private static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(dir, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static string WaitForStaging(TempSite site, int minFiles, Process child)
    {
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(120))
        {
            foreach (var dir in Directory.EnumerateDirectories(site.Root, ".gb-staging-*"))
            {
                try
                {
                    if (Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Count() >= minFiles) return dir;
                }
                catch (DirectoryNotFoundException)
                {
                }
            }
            if (child.HasExited) Assert.Fail($"the build finished before it could be caught mid-write: {child.StandardError.ReadToEnd()}");
            Thread.Sleep(20);
        }
        Assert.Fail("the build never started writing");
        return "";
    }

    private static Process StartChild(TempSite site, params (string Name, string Value)[] env)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = site.Root,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GuideBuilder.dll"));
        psi.ArgumentList.Add("build");
        psi.ArgumentList.Add("--no-color");
        foreach (var (name, value) in env) psi.Environment[name] = value;
        return Process.Start(psi)!;
    }

    private static (int Code, string Stdout, string Stderr) ChildBuild(TempSite site, params (string Name, string Value)[] env)
    {
        using var child = StartChild(site, env);
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        Assert.True(child.WaitForExit(120_000), "the build hung");
        return (child.ExitCode, stdout.Result, stderr.Result);
    }
}
