using System.Security.Cryptography;
using GuideBuilder.Diagnostics;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// Faults of the machine while a build reads its content or writes its site: each is one io.* diagnostic with the
/// path and the operation, exit code 2, no stack trace; the published site stays byte-identical, no staging folder
/// is left behind and the build lock is released. Faults are injected through <see cref="FaultInjection"/>, the seam
/// every file operation of a build passes, as the exceptions .NET throws for them (errno in the HResult).
/// </summary>
public sealed class IoFaultTests
{
    private static string Guide(string title, string body = "Text.") =>
        $"---\ntitle: {title}\ndescription: A guide called {title}\n---\n\n## {title}\n\n{body}\n";

    // The exceptions .NET's Unix file layer throws, errno in the HResult.
    private static IOException NoSpace() => new("No space left on device", 28);
    private static IOException ReadOnlyFs() => new("Read-only file system", 30);
    private static IOException Busy() => new("Device or resource busy", 16);
    private static IOException InputOutput() => new("Input/output error", 5);

    /// <summary>A site built once (the "published" site), then edited, so a second build has something to replace.</summary>
    private static (TempSite Site, Dictionary<string, string> Before) Published(int guides = 12)
    {
        var site = new TempSite();
        for (var i = 0; i < guides; i++) site.Write($"content/s/guide-{i:00}.md", Guide($"Guide {i}", "Version one."));
        site.WriteBytes("content/s/picture.png", new byte[3000]);
        Assert.Equal(0, site.Run("build").ExitCode);
        var before = Snapshot(site.Output);
        for (var i = 0; i < guides; i++) site.Write($"content/s/guide-{i:00}.md", Guide($"Guide {i}", "Version two."));
        return (site, before);
    }

    private static void AssertUntouched(TempSite site, Dictionary<string, string> before)
    {
        Assert.Equal(before, Snapshot(site.Output));
        Assert.Empty(Directory.EnumerateDirectories(site.Root, ".gb-staging-*"));
        Assert.Empty(Directory.EnumerateDirectories(site.Root, ".gb-old-*"));
        // The lock is released: it can be taken at once.
        using (new FileStream(Path.Combine(site.Root, ".gb-lock-_site"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)) { }
    }

    private static CliRun RunWith(TempSite site, Func<string, string, Exception?> plan, params string[] args)
    {
        using (FaultInjection.Arm(plan)) return site.Run(args);
    }

    /// <summary>Fails every write after the first <paramref name="after"/>, as a disk that fills up does.</summary>
    private static Func<string, string, Exception?> FailWritesAfter(int after, Func<Exception> fault)
    {
        var writes = 0;
        return (op, _) => op == "writing" && Interlocked.Increment(ref writes) > after ? fault() : null;
    }

    [Fact]
    public void A_disk_that_fills_up_mid_write_is_one_no_space_diagnostic_with_the_size_needed_and_free()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, FailWritesAfter(3, NoSpace), "build", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Severity == "error");
        Assert.Equal("io.no-space", d.Rule);
        Assert.StartsWith(".gb-staging-_site-", d.File);
        Assert.Matches(@"^no space left on the device: writing '\.gb-staging-_site-\d+/[^']+': the site needs \d[\d.]* (KB|MB) and [\d.]+ (bytes|KB|MB|GB|TB) is free on the file system holding '[^']+'", d.Message);
        Assert.Contains("free some space or choose another --output; the previous site is unchanged", d.Message);
        Assert.DoesNotContain("Exception", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Contains("the site was not written (the previous output is unchanged)", run.Stderr);
        AssertUntouched(site, before);
    }

    [Fact]
    public void The_size_needed_is_the_whole_site()
    {
        var (site, _) = Published();
        using var __ = site;
        Assert.Equal(0, site.Run("build").ExitCode);
        var siteBytes = Directory.EnumerateFiles(site.Output, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        // An edit that keeps every page's size, so the next build has pages to write (with nothing changed it writes nothing).
        for (var i = 0; i < 12; i++) site.Write($"content/s/guide-{i:00}.md", Guide($"Guide {i}", "Version six."));

        var run = RunWith(site, FailWritesAfter(0, NoSpace), "build", "--format", "json");

        var message = Assert.Single(run.Diagnostics()).Message;
        Assert.Contains($"the site needs {IoFault.Size(siteBytes)} and", message);
    }

    [Fact]
    public void Text_output_names_the_fault_once_in_the_compiler_form()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, FailWritesAfter(0, NoSpace), "build", "--no-color");

        Assert.Equal(2, run.ExitCode);
        var lines = run.Stderr.Split('\n').Where(l => l.Contains("GB0901")).ToList();
        Assert.Single(lines);
        Assert.Matches(@"^\.gb-staging-_site-\d+/\S+: error GB0901: no space left on the device: writing '.+'; free some space or choose another --output; the previous site is unchanged \[io\.no-space\]$", lines[0].TrimEnd('\r'));
        AssertUntouched(site, before);
    }

    [Theory]
    [InlineData("creating the staging folder", "io.read-only", "the file system is read-only: creating the staging folder '.gb-staging-_site-")]
    [InlineData("taking the build lock", "io.read-only", "the file system is read-only: taking the build lock '.gb-lock-_site' (Read-only file system)")]
    [InlineData("writing", "io.read-only", "the file system is read-only: writing '.gb-staging-_site-")]
    public void A_read_only_output_is_one_read_only_diagnostic(string operation, string rule, string message)
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, (op, _) => op == operation ? ReadOnlyFs() : null, "build", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(rule, d.Rule);
        Assert.StartsWith(message, d.Message);
        Assert.EndsWith("choose an --output on a writable file system; the previous site is unchanged", d.Message);
        AssertUntouched(site, before);
    }

    [Fact]
    public void Permission_denied_while_swapping_in_puts_the_published_site_back()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, (op, _) => op == "swapping in the new site at" ? new UnauthorizedAccessException("Access to the path is denied.") : null,
            "build", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("io.permission-denied", "_site"), (d.Rule, d.File));
        Assert.StartsWith("permission denied: swapping in the new site at '_site' (Access to the path is denied)", d.Message);
        AssertUntouched(site, before);
    }

    [Fact]
    public void A_published_folder_held_by_another_process_is_file_in_use()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, (op, _) => op == "moving the published site aside:" ? Busy() : null, "build", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal("io.file-in-use", d.Rule);
        Assert.StartsWith("the file is in use by another process: moving the published site aside: '_site'", d.Message);
        AssertUntouched(site, before);
    }

    [Fact]
    public void A_path_too_long_names_the_path()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, (op, path) => op == "writing" && path.EndsWith("guide-03/index.html") ? new PathTooLongException("The path is too long.") : null,
            "build", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal("io.path-too-long", d.Rule);
        Assert.Matches(@"^\.gb-staging-_site-\d+/s/guide-03/index\.html$", d.File);
        Assert.Contains("choose a shorter --output folder or shorter file and slug names", d.Message);
        AssertUntouched(site, before);
    }

    [Fact]
    public void Any_other_io_failure_is_io_failed()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, (op, _) => op == "copying a file to" ? InputOutput() : null, "build", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal("io.failed", d.Rule);
        Assert.Matches(@"^a file operation failed: copying a file to '\.gb-staging-_site-\d+/s/picture\.png' \(Input/output error\)", d.Message);
        AssertUntouched(site, before);
    }

    [Fact]
    public void A_strip_report_that_cannot_be_written_is_an_io_diagnostic_and_the_site_is_not_replaced()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, (op, _) => op == "writing the --strip-report file" ? new UnauthorizedAccessException("Access denied.") : null,
            "build", "--strip-report", "reports/strip.json", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("io.permission-denied", "reports/strip.json"), (d.Rule, d.File));
        Assert.StartsWith("permission denied: writing the --strip-report file 'reports/strip.json'", d.Message);
        AssertUntouched(site, before);
    }

    [Fact]
    public void A_guide_that_cannot_be_read_is_named_and_nothing_is_written()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, (op, path) => op == "reading" && path.EndsWith("guide-05.md") ? new UnauthorizedAccessException("Access denied.") : null,
            "build", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Severity == "error");
        Assert.Equal(("io.permission-denied", "content/s/guide-05.md", 1, 1), (d.Rule, d.File, d.Line, d.Column));
        Assert.Equal("permission denied: reading 'content/s/guide-05.md' (Access denied); give this user read access; nothing was written", d.Message);
        AssertUntouched(site, before);
    }

    [Fact]
    public void A_content_folder_that_cannot_be_listed_is_reported_not_skipped_silently()
    {
        var (site, before) = Published();
        using var _ = site;

        var run = RunWith(site, (op, path) => op == "listing the folder" && path.EndsWith("/s") ? new UnauthorizedAccessException("Access denied.") : null,
            "build", "--format", "json");

        Assert.Equal(2, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("io.permission-denied", "content/s"), (d.Rule, d.File));
        AssertUntouched(site, before);
    }

    [Fact]
    public void A_real_bug_is_an_internal_error_that_says_how_to_get_the_stack_trace()
    {
        var (site, before) = Published();
        using var _ = site;
        Func<string, string, Exception?> bug = (op, _) => op == "writing" ? new InvalidOperationException("broken invariant") : null;

        var run = RunWith(site, bug, "build");

        Assert.Equal(1, run.ExitCode);
        var lines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^internal error: InvalidOperationException: broken invariant( \(and \d+ more\))?$", lines[0]);
        Assert.Equal("This is a bug in GuideBuilder; please report it with the input that caused it (run again with --verbose for the stack trace).", lines[1]);
        Assert.DoesNotContain("   at ", run.Stderr);
        AssertUntouched(site, before);

        var verbose = RunWith(site, bug, "build", "--verbose");
        Assert.Contains("   at ", verbose.Stderr);
        AssertUntouched(site, before);
    }

    [Fact]
    public void Environment_rules_cannot_be_switched_off_in_site_yml()
    {
        using var site = new TempSite("title: T\nrules:\n  io.no-space: off\n");
        site.Write("content/a.md", Guide("A"));
        var run = site.Run("build");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("site.yml:3:3: error GB0001: rule 'io.no-space' reports a fault of the machine", run.Stderr);
    }

    // ---- classification and unwrapping ----

    [Theory]
    [InlineData(28, "io.no-space")]
    [InlineData(122, "io.no-space")]
    [InlineData(30, "io.read-only")]
    [InlineData(13, "io.permission-denied")]
    [InlineData(36, "io.path-too-long")]
    [InlineData(16, "io.file-in-use")]
    [InlineData(11, "io.file-in-use")]
    [InlineData(5, "io.failed")]
    public void Errno_values_map_to_their_rule(int errno, string rule)
    {
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal(rule, IoFault.From(new IOException("x", errno), "writing", "/p").Rule.Name);
    }

    [Fact]
    public void Access_denied_and_long_paths_map_by_exception_type()
    {
        Assert.Equal("io.permission-denied", IoFault.From(new UnauthorizedAccessException("x"), "writing", "/p").Rule.Name);
        Assert.Equal("io.path-too-long", IoFault.From(new PathTooLongException("x"), "writing", "/p").Rule.Name);
    }

    [Fact]
    public void An_aggregate_of_io_faults_is_one_fault_and_a_mixed_one_is_a_bug()
    {
        var first = new IoFaultException(IoFault.From(NoSpace(), "writing", "/a"));
        var second = new IoFaultException(IoFault.From(NoSpace(), "writing", "/b"));
        Assert.Equal("/a", IoFault.Find(new AggregateException(first, second))!.Path);
        Assert.Equal("io.no-space", IoFault.Find(new AggregateException(new AggregateException(NoSpace())))!.Rule.Name);
        Assert.Null(IoFault.Find(new AggregateException(first, new InvalidOperationException())));
        Assert.Null(IoFault.Find(new NullReferenceException()));
    }

    [Theory]
    [InlineData(0, "0 bytes")]
    [InlineData(1, "1 byte")]
    [InlineData(1023, "1023 bytes")]
    [InlineData(1536, "1.5 KB")]
    [InlineData(20 * 1024 * 1024, "20 MB")]
    public void Sizes_read_as_people_write_them(long bytes, string text) => Assert.Equal(text, IoFault.Size(bytes));

    internal static Dictionary<string, string> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(dir, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
}
