using GuideBuilder.Building;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Tests.Theme;

namespace GuideBuilder.Tests.Perf;

/// <summary>A large site's bodies wait on a temporary file between steps: the site built that way is the same, byte for byte.</summary>
public sealed class BodyStoreTests
{
    [Fact]
    public void Bodies_put_on_disk_read_back_the_same_from_any_thread_and_the_file_goes_with_the_store()
    {
        string path;
        using (var store = BodyStore.OnDisk())
        {
            Assert.True(store.IsOnDisk);
            var bodies = Enumerable.Range(0, 200).Select(i => System.Text.Encoding.UTF8.GetBytes(new string((char)('a' + i % 26), i * 37) + "é")).ToArray();
            var kept = new StoredBytes[bodies.Length];
            Parallel.For(0, bodies.Length, i => kept[i] = store.Put(bodies[i]));
            Assert.All(kept, k => Assert.Null(k.Bytes));
            Parallel.For(0, bodies.Length, i => Assert.Equal(bodies[i], kept[i].Get()));
            path = Directory.GetFiles(Path.GetTempPath(), $"guidebuilder-bodies-{Environment.ProcessId}-*.tmp").Single(f => new FileInfo(f).Length > 0);
        }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Small_sites_keep_bodies_in_memory_and_large_ones_on_disk()
    {
        Assert.False(BodyStore.For(BodyStore.InMemoryUpTo).IsOnDisk);
        using var large = BodyStore.For(BodyStore.InMemoryUpTo + 1);
        Assert.True(large.IsOnDisk);
    }

    [Fact]
    public void A_site_built_with_its_bodies_on_disk_is_the_site_built_in_memory()
    {
        using var site = FixtureSite.Write(new Support.TempSite($"title: Fixture Guides\nbase_url: {FixtureSite.BaseUrl}\n"));
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var memory = Path.Combine(site.Root, "_memory");
        var disk = Path.Combine(site.Root, "_disk");
        var a = new SiteBuilder(config, new BuildOptions { OutputOverride = memory, NoLedger = true }).Build();
        var b = new SiteBuilder(config, new BuildOptions { OutputOverride = disk, NoLedger = true }) { StoreFor = _ => BodyStore.OnDisk() }.Build();
        Assert.True(a.Written);
        Assert.True(b.Written);
        var files = Directory.GetFiles(memory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(memory, f)).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count > 10);
        Assert.Equal(files, Directory.GetFiles(disk, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(disk, f)).Order(StringComparer.Ordinal));
        foreach (var f in files) Assert.Equal(File.ReadAllBytes(Path.Combine(memory, f)), File.ReadAllBytes(Path.Combine(disk, f)));
    }
}
