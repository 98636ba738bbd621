using System.Text;
using GuideBuilder.Bench.Corpus;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Cache;

/// <summary>
/// The build cache (<c>.guidebuilder/build/</c>): a build that reuses it is byte for byte a build without it,
/// output and report; <c>--no-cache</c> leaves it alone; a cache that cannot be trusted is one <c>cache.reset</c>
/// and a build from nothing.
/// </summary>
public sealed class BuildCacheTests
{
    private static string PassFolder(TempSite site) => Path.Combine(site.Root, ".guidebuilder", "build", "pass");

    [Fact]
    public void The_sample_site_built_again_from_its_cache_equals_a_build_without_it()
    {
        using var site = new TempSite();
        Golden.CopyTree(Path.Combine(Repository.Root, "content"), Path.Combine(site.Root, "content"));
        File.Copy(Path.Combine(Repository.Root, "site.yml"), Path.Combine(site.Root, "site.yml"), overwrite: true);
        CachedBuild.AssertSameAsClean(site, "first build");
        Assert.True(Directory.GetFiles(PassFolder(site)).Length >= 10, "the first build keeps each guide's pass");
        CachedBuild.AssertSameAsClean(site, "second build, all from the cache");
        var guide = Directory.GetFiles(Path.Combine(site.Root, "content"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.AppendAllText(guide, "\nOne more sentence at the end.\n");
        CachedBuild.AssertSameAsClean(site, "after a body edit");
    }

    [Fact]
    public void The_golden_fixtures_built_from_the_cache_equal_a_build_without_it()
    {
        using var site = new TempSite();
        Golden.WriteSite(site);
        CachedBuild.AssertSameAsClean(site, "first build");
        var report = CachedBuild.AssertSameAsClean(site, "second build");
        Assert.NotEmpty(report["diagnostics"]!.AsArray());   // the fixtures have findings, and they come back from the cache
    }

    [Fact]
    public void No_cache_neither_reads_nor_writes_the_cache()
    {
        using var site = new TempSite();
        new CorpusGenerator(8, 3).Write(site.Root);
        Assert.Equal(0, site.Run("build", "--no-cache").ExitCode);
        Assert.False(Directory.Exists(PassFolder(site)));
        Assert.Equal(0, site.Run("build").ExitCode);
        var before = Snapshot(Path.Combine(site.Root, ".guidebuilder", "build"));
        var guide = Directory.GetFiles(Path.Combine(site.Root, "content"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.AppendAllText(guide, "\nAn edit the cache does not see.\n");
        Assert.Equal(0, site.Run("build", "--no-cache").ExitCode);
        Assert.Equal(before, Snapshot(Path.Combine(site.Root, ".guidebuilder", "build")));
    }

    [Fact]
    public void No_cache_into_another_folder_keeps_the_manifest_of_the_folder_the_cached_builds_publish()
    {
        using var site = new TempSite();
        new CorpusGenerator(8, 3).Write(site.Root);
        Assert.Equal(0, site.Run("build").ExitCode);
        var manifest = Path.Combine(site.Root, ".guidebuilder", "manifest.json");
        var before = File.ReadAllBytes(manifest);
        // A clean build to compare with (as a CI job or a benchmark makes one): it must not leave the next cached
        // build a manifest of another folder, which would make it render and hash every page again.
        Assert.Equal(0, site.Run("build", "--no-cache", "--output", Path.Combine(site.Root, "clean")).ExitCode);
        Assert.True(File.Exists(Path.Combine(site.Root, "clean", "index.html")));
        Assert.Equal(before, File.ReadAllBytes(manifest));
        // Into the folder it describes, a --no-cache build still records what it published.
        Assert.Equal(0, site.Run("build", "--no-cache").ExitCode);
        Assert.Contains(site.Output.Replace("\\", "\\\\"), File.ReadAllText(manifest));
    }

    [Fact]
    public void Clean_removes_the_cache_with_the_output()
    {
        using var site = new TempSite();
        new CorpusGenerator(4, 3).Write(site.Root);
        Assert.Equal(0, site.Run("build").ExitCode);
        Assert.True(Directory.Exists(PassFolder(site)));
        Assert.Equal(0, site.Run("clean").ExitCode);
        Assert.False(Directory.Exists(Path.Combine(site.Root, ".guidebuilder")));
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void A_build_with_nothing_changed_is_the_last_result_and_rewrites_nothing()
    {
        using var site = new TempSite();
        new CorpusGenerator(8, 9).Write(site.Root);
        Settle(site.Root);
        CachedBuild.AssertSameAsClean(site, "first build");
        Settle(site.Root);
        var expected = CachedBuild.AssertSameAsClean(site, "second build (records the result: every input has settled)");
        // The build without the cache wrote the manifest of its own folder: one more build puts back the site's.
        Assert.Equal(0, site.Run("build").ExitCode);
        var memo = Path.Combine(site.Root, ".guidebuilder", "build", "memo-build.json");
        Assert.True(File.Exists(memo), "a build whose inputs had settled records its result");
        // The per-guide results are not needed when nothing changed: the recorded result is the answer.
        Directory.Delete(PassFolder(site), recursive: true);
        var page = Directory.GetFiles(site.Output, "index.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var before = (File.GetLastWriteTimeUtc(page), new FileInfo(page).Length);
        var again = site.Run("build", "--format", "json");
        Assert.Equal(0, again.ExitCode);
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(expected, CachedBuild.Report(again.Stdout, "nothing changed")), again.Stdout);
        CachedBuild.AssertSameTree(site.Output, Path.Combine(site.Root, CachedBuild.CleanOutput), "nothing changed");
        Assert.False(Directory.Exists(PassFolder(site)), "a build with nothing changed ran the pass");
        Assert.Equal(before, (File.GetLastWriteTimeUtc(page), new FileInfo(page).Length));

        // Anything that changed since is seen: an edited guide (older time stamp, other size), an output file deleted.
        var guide = Directory.GetFiles(Path.Combine(site.Root, "content"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.AppendAllText(guide, "\nAn edit made with an old time stamp.\n");
        File.SetLastWriteTimeUtc(guide, DateTime.UtcNow.AddHours(-2));
        CachedBuild.AssertSameAsClean(site, "after an edit");
        Settle(site.Root);
        CachedBuild.AssertSameAsClean(site, "records again");
        File.Delete(page);
        CachedBuild.AssertSameAsClean(site, "after an output file was deleted");
        Assert.True(File.Exists(page));
    }

    /// <summary>Dates every input an hour back, as files look that were not just written.</summary>
    private static void Settle(string root)
    {
        foreach (var f in Directory.GetFiles(Path.Combine(root, "content"), "*", SearchOption.AllDirectories).Append(Path.Combine(root, "site.yml")))
        {
            File.SetLastWriteTimeUtc(f, DateTime.UtcNow.AddHours(-1));
        }
    }

    [Fact]
    public void Init_keeps_the_cache_out_of_version_control()
    {
        using var site = new TempSite();
        site.Write("new/.gitignore", "node_modules/");
        Assert.Equal(0, site.Run("init", "new").ExitCode);
        Assert.Equal(["node_modules/", "_site/", ".guidebuilder/"], File.ReadAllLines(Path.Combine(site.Root, "new", ".gitignore")));
        Assert.Equal(0, site.Run("init", "other").ExitCode);
        Assert.Equal(["_site/", ".guidebuilder/"], File.ReadAllLines(Path.Combine(site.Root, "other", ".gitignore")));
    }

    public static TheoryData<string> Damage => new() { "truncated entry", "corrupt entry", "entry of another key", "foreign header", "garbage header", "header missing", "cache missing" };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_cache_that_cannot_be_trusted_is_one_cache_reset_and_a_correct_build(string damage)
    {
        using var site = new TempSite();
        new CorpusGenerator(10, 5).Write(site.Root);
        CachedBuild.AssertSameAsClean(site, "first build");
        CachedBuild.AssertSameAsClean(site, "second build (published.yml now written: the keys it is part of are settled)");
        var build = Path.Combine(site.Root, ".guidebuilder", "build");
        var entries = Directory.GetFiles(Path.Combine(build, "pass")).Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(entries);
        switch (damage)
        {
            case "truncated entry":
                foreach (var e in entries) File.WriteAllBytes(e, File.ReadAllBytes(e)[..(File.ReadAllBytes(e).Length / 2)]);
                break;
            case "corrupt entry":
                foreach (var e in entries)
                {
                    var bytes = File.ReadAllBytes(e);
                    bytes[bytes.Length * 2 / 3] ^= 0x01;
                    File.WriteAllBytes(e, bytes);
                }
                break;
            case "entry of another key":
                File.Copy(entries[0], entries[1], overwrite: true);
                break;
            case "foreign header":
                File.WriteAllText(Path.Combine(build, "cache.json"), "{\"Format\":1,\"Tool\":\"0.0.1+0\"}");
                break;
            case "garbage header":
                File.WriteAllText(Path.Combine(build, "cache.json"), "{\"Format\":");
                break;
            case "header missing":
                File.Delete(Path.Combine(build, "cache.json"));
                break;
            case "cache missing":
                Directory.Delete(build, recursive: true);
                break;
        }
        // An input touched (same bytes): the build cannot answer with the recorded result, which reads no entry.
        var guide = Directory.GetFiles(Path.Combine(site.Root, "content"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.SetLastWriteTimeUtc(guide, DateTime.UtcNow);
        CachedBuild.AssertSameAsClean(site, damage, reset: true);
        CachedBuild.AssertSameAsClean(site, damage + ", then a build on the new cache");
    }

    private static Dictionary<string, (long, DateTime)> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => (new FileInfo(f).Length, File.GetLastWriteTimeUtc(f)));

}
