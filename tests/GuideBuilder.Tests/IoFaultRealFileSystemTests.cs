using System.Diagnostics;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// The same faults on a real small file system: a tmpfs of 512 KB that fills up, then the same mount read-only.
/// Mounting needs root on Linux; elsewhere the test is reported as skipped, with the reason, never as passed.
/// </summary>
public sealed class IoFaultRealFileSystemTests
{
    private static string Guide(string title) =>
        $"---\ntitle: {title}\ndescription: A guide called {title}\n---\n\n## {title}\n\nText.\n";

    [SkippableFact]
    public void A_full_then_read_only_tmpfs_leaves_the_published_site_intact()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "needs Linux to mount a tmpfs");
        using var site = new TempSite();
        var mount = Path.Combine(site.Root, "small-disk");
        Directory.CreateDirectory(mount);
        var (mounted, why) = Sh("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", mount);
        Skip.IfNot(mounted, $"cannot mount a tmpfs here (needs root): {why}");
        try
        {
            var output = Path.Combine(mount, "public");
            for (var i = 0; i < 5; i++) site.Write($"content/s/guide-{i}.md", Guide($"Guide {i}"));
            Assert.Equal(0, site.Run("build", "--output", output).ExitCode);
            var before = IoFaultTests.Snapshot(output);

            // 600 KB of pictures: the new site cannot fit beside the old one.
            for (var i = 0; i < 3; i++) site.WriteBytes($"content/s/picture-{i}.png", RandomBytes(200 * 1024, i));
            var full = site.Run("build", "--output", output, "--format", "json");

            Assert.Equal(2, full.ExitCode);
            var d = Assert.Single(full.Diagnostics(), d => d.Severity == "error");
            Assert.Equal("io.no-space", d.Rule);
            Assert.StartsWith("small-disk/.gb-staging-public-", d.File);
            Assert.Matches($@"the site needs \d[\d.]* KB and [\d.]+ KB is free on the file system holding '{System.Text.RegularExpressions.Regex.Escape(mount)}' \([\d.]+ KB short\)", d.Message);
            Assert.Equal(before, IoFaultTests.Snapshot(output));
            Assert.Empty(Directory.EnumerateDirectories(mount, ".gb-staging-*"));
            Assert.Empty(Directory.EnumerateDirectories(mount, ".gb-old-*"));

            var (remounted, whyNot) = Sh("mount", "-o", "remount,ro", mount);
            Assert.True(remounted, whyNot);
            for (var i = 0; i < 3; i++) File.Delete(Path.Combine(site.Root, $"content/s/picture-{i}.png"));
            var readOnly = site.Run("build", "--output", output, "--format", "json");

            Assert.Equal(2, readOnly.ExitCode);
            var r = Assert.Single(readOnly.Diagnostics(), d => d.Severity == "error");
            Assert.Equal(("io.read-only", "small-disk/.gb-lock-public"), (r.Rule, r.File));
            Assert.StartsWith("the file system is read-only: taking the build lock", r.Message);
            Assert.Equal(before, IoFaultTests.Snapshot(output));
        }
        finally
        {
            Sh("umount", "-l", mount);
        }
    }

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static (bool Ok, string Output) Sh(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var text = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode == 0, text.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, e.Message);
        }
    }
}
