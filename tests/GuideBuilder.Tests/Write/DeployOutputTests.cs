using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Write;

/// <summary>
/// Deploy-aware output: a file whose bytes did not change is not rewritten (same bytes, time stamp and
/// inode); the manifest lists every published file with its SHA-256 and size; the report says what changed.
/// </summary>
public sealed class DeployOutputTests
{
    private static string Page(string title, string body) => $"---\ntitle: {title}\ndate: 2025-01-0{title.Length % 9 + 1}\ndescription: about {title}\ncategories: [net]\n---\n\n{body}\n";

    private static TempSite Site()
    {
        var site = new TempSite();
        site.Write("content/net/alpha.md", Page("Alpha", "Alpha text. See [Beta](beta.md#steps).\n\n![Router](router.png)"))
            .Write("content/net/beta.md", Page("Beta", "## Steps\n\n1. One.\n2. Two."))
            .Write("content/net/gamma.md", Page("Gamma", "Gamma text."))
            .WriteBytes("content/net/router.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        return site;
    }

    /// <summary>Inode and modification time of every file of the output, by path relative to it.</summary>
    private static Dictionary<string, (string Inode, DateTime Modified)> Identity(string output)
    {
        var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var psi = new ProcessStartInfo("stat", ["-c", "%i", .. files]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var inodes = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        p.WaitForExit();
        Assert.Equal(files.Count, inodes.Length);
        return files.Select((f, i) => (Path.GetRelativePath(output, f).Replace('\\', '/'), inodes[i], File.GetLastWriteTimeUtc(f)))
            .ToDictionary(x => x.Item1, x => (x.Item2, x.Item3));
    }

    private static JsonElement Changes(CliRun run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        using var doc = JsonDocument.Parse(run.Stdout);
        return doc.RootElement.GetProperty("summary").GetProperty("changes").Clone();
    }

    private static string[] List(JsonElement changes, string name) => changes.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void A_second_build_rewrites_nothing_and_says_so()
    {
        using var site = Site();
        var first = Changes(site.Run("build", "--format", "json"));
        Assert.Contains("net/alpha/index.html", List(first, "added"));
        Assert.Contains("net/router.png", List(first, "added"));
        Assert.Empty(List(first, "changed"));
        var before = Identity(site.Output);
        Thread.Sleep(20);

        var second = Changes(site.Run("build", "--format", "json"));
        Assert.Empty(List(second, "added"));
        Assert.Empty(List(second, "changed"));
        Assert.Empty(List(second, "removed"));
        Assert.Equal(before, Identity(site.Output));

        var text = site.Run("build");
        Assert.Contains("0 files changed, 0 added, 0 removed", text.Stderr);
    }

    [Fact]
    public void An_edit_an_addition_and_a_deletion_touch_only_their_files()
    {
        using var site = Site();
        Assert.Equal(0, site.Run("build").ExitCode);
        var before = Identity(site.Output);
        Thread.Sleep(20);

        site.Write("content/net/gamma.md", Page("Gamma", "Gamma text, and one more sentence."));
        site.Write("content/net/delta.md", Page("Delta", "Delta text."));
        File.Delete(Path.Combine(site.Root, "content/net/router.png"));
        site.Write("content/net/alpha.md", Page("Alpha", "Alpha text. See [Beta](beta.md#steps)."));
        var changes = Changes(site.Run("build", "--format", "json"));

        Assert.Contains("net/delta/index.html", List(changes, "added"));
        Assert.Contains("net/gamma/index.html", List(changes, "changed"));
        Assert.Contains("search-index.json", List(changes, "changed"));
        Assert.Equal(["net/router.png"], List(changes, "removed"));
        Assert.DoesNotContain("net/beta/index.html", List(changes, "changed"));

        var after = Identity(site.Output);
        var changed = List(changes, "changed").Concat(List(changes, "added")).ToHashSet();
        foreach (var (path, identity) in after)
        {
            if (changed.Contains(path)) Assert.False(before.TryGetValue(path, out var old) && old == identity, path);
            else Assert.True(before[path] == identity, path);
        }
        Assert.Equal(after.Keys.Order(StringComparer.Ordinal), before.Keys.Where(k => k != "net/router.png").Concat(List(changes, "added")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_manifest_lists_every_published_file_with_its_hash_and_size()
    {
        using var site = Site();
        Assert.Equal(0, site.Run("build").ExitCode);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.Root, ".guidebuilder", "manifest.json")));
        var entries = manifest.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(e => e.GetProperty("path").GetString()!, e => (Sha: e.GetProperty("sha256").GetString()!, Size: e.GetProperty("size").GetInt64()));
        var files = Directory.GetFiles(site.Output, "*", SearchOption.AllDirectories);
        Assert.Equal(files.Length, entries.Count);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var entry = entries[Path.GetRelativePath(site.Output, file).Replace('\\', '/')];
            Assert.Equal((Convert.ToHexStringLower(SHA256.HashData(bytes)), (long)bytes.Length), entry);
        }
    }

    [Fact]
    public void A_published_file_edited_by_hand_is_written_again_even_when_the_manifest_still_names_its_old_hash()
    {
        using var site = Site();
        Assert.Equal(0, site.Run("build").ExitCode);
        var page = Path.Combine(site.Output, "net/beta/index.html");
        var original = File.ReadAllBytes(page);
        var tampered = (byte[])original.Clone();
        tampered[^2] = (byte)'X';   // same size, other bytes
        File.WriteAllBytes(page, tampered);

        var changes = Changes(site.Run("build", "--format", "json"));
        Assert.Equal(["net/beta/index.html"], List(changes, "changed"));
        Assert.Equal(original, File.ReadAllBytes(page));
    }

    [Fact]
    public void A_build_with_errors_changes_nothing_and_reports_no_changes()
    {
        using var site = Site();
        Assert.Equal(0, site.Run("build").ExitCode);
        var before = Identity(site.Output);
        var manifest = File.ReadAllBytes(Path.Combine(site.Root, ".guidebuilder", "manifest.json"));
        site.Write("content/net/gamma.md", Page("Gamma", "See [nowhere](missing.md)."));

        var run = site.Run("build", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var changes = doc.RootElement.GetProperty("summary").GetProperty("changes");
        Assert.Empty(List(changes, "added"));
        Assert.Empty(List(changes, "changed"));
        Assert.Empty(List(changes, "removed"));
        Assert.Equal(before, Identity(site.Output));
        Assert.Equal(manifest, File.ReadAllBytes(Path.Combine(site.Root, ".guidebuilder", "manifest.json")));
    }

    [Fact]
    public void Check_reports_no_changes_key()
    {
        using var site = Site();
        var run = site.Run("check", "--format", "json");
        using var doc = JsonDocument.Parse(run.Stdout);
        Assert.False(doc.RootElement.GetProperty("summary").TryGetProperty("changes", out _));
    }
}
