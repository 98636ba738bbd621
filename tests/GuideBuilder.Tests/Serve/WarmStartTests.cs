using GuideBuilder.Building;
using GuideBuilder.Cli.Serve;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Serve;

/// <summary>
/// serve's warm start: when the build cache proves the last build's output current, that output is served
/// (byte for byte) while the site loads; anything the proof does not cover means no warm start; serve never
/// writes the cache, the output or published.yml.
/// </summary>
public sealed class WarmStartTests
{
    private static TempSite BuiltSite()
    {
        var site = new TempSite();
        site.Write("content/net/a.md", "---\ntitle: Alpha\ndate: 2025-01-01\n---\n\nAlpha text. See [Beta](b.md).\n")
            .Write("content/net/b.md", "---\ntitle: Beta\ndate: 2025-01-02\n---\n\nBeta text.\n")
            .Write("content/net/c.md", "---\ntitle: Gamma\ndraft: true\n---\n\nA draft.\n");
        Settle(site.Root);
        var run = site.Run("build");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return site;
    }

    /// <summary>Dates every input a minute back: a build records its memo only for inputs that have settled.</summary>
    private static void Settle(string root)
    {
        var past = DateTime.UtcNow.AddMinutes(-1);
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, past);
    }

    private static SiteConfig Config(TempSite site) => SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));

    /// <summary>Every file under the site folder with its size and time stamp.</summary>
    private static List<string> Snapshot(TempSite site) =>
        Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}").ToList();

    [Fact]
    public void The_last_build_is_served_byte_for_byte_while_the_site_loads_then_the_loaded_site()
    {
        using var site = BuiltSite();
        var built = BuiltOutput.Find(Config(site));
        Assert.NotNull(built);
        foreach (var file in Directory.GetFiles(site.Output, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(site.Output, file).Replace('\\', '/');
            var served = built!.Get("/" + rel);
            Assert.True(served is not null, $"{rel} is built but not served");
            Assert.Equal(File.ReadAllBytes(file), served!.Bytes ?? System.Text.Encoding.UTF8.GetBytes(served.Text!));
        }
        Assert.Null(built!.Get("/net/c/"));   // a draft: the build left it out
        Assert.True(built.IsFolder("/net/a"));

        var before = Snapshot(site);
        var log = new StringWriter();
        var session = new ServeSession(null, site.Root, TextWriter.Synchronized(log), PlainTextStyle.Instance);
        Assert.Contains("serving the last build (2 pages, found current in", log.ToString());
        Assert.Contains("Alpha text.", session.Get("/net/a/")!.Text);
        // Not in the build: answered once the site is loaded, which shows drafts.
        Assert.Contains("A draft.", session.Get("/net/c/")!.Text);
        Assert.False(session.Warming);
        Assert.Equal(2, session.Version);
        Assert.Contains("built 3 pages", log.ToString());
        Assert.Equal(before, Snapshot(site));
    }

    /// <summary>
    /// An edit seen while the site loads behind a warm start is applied to the loaded site, and from the moment it is
    /// seen no request is answered from the built output (which it made stale); a file added to the output since the
    /// build is not the build's, so it is not served from there.
    /// </summary>
    [Fact]
    public async Task An_edit_seen_during_a_warm_start_is_never_answered_from_the_stale_output()
    {
        using var site = BuiltSite();
        File.WriteAllText(Path.Combine(site.Output, "stray.html"), "<p>not built</p>");
        var session = new ServeSession(null, site.Root, TextWriter.Synchronized(new StringWriter()), PlainTextStyle.Instance);
        Assert.True(session.Warming);
        Assert.Null(BuiltOutput.Find(Config(site))!.Get("/stray.html"));
        Assert.Contains("Alpha text.", session.Get("/net/a/")!.Text);
        var a = Path.Combine(site.Root, "content/net/a.md");
        File.WriteAllText(a, "---\ntitle: Alpha\ndate: 2025-01-01\n---\n\nAlpha edited while loading.\n");
        var change = Task.Run(() => session.OnChange([a]));
        Assert.True(SpinWait.SpinUntil(() => session.PendingChanges > 0 || change.IsCompleted, TimeSpan.FromSeconds(30)));
        Assert.Contains("Alpha edited while loading.", session.Get("/net/a/")!.Text);
        await change;
        Assert.False(session.Warming);
        Assert.Equal(0, session.PendingChanges);
    }

    [Fact]
    public void A_site_changed_since_its_build_is_not_served_from_the_output()
    {
        void NoWarmStart(Action<TempSite> change, string what)
        {
            using var site = BuiltSite();
            Assert.NotNull(BuiltOutput.Find(Config(site)));
            change(site);
            Assert.True(BuiltOutput.Find(Config(site)) is null, what);
            var log = new StringWriter();
            var session = new ServeSession(null, site.Root, log, PlainTextStyle.Instance);
            Assert.False(session.Warming, what);
            Assert.DoesNotContain("serving the last build", log.ToString());
        }
        NoWarmStart(s => File.SetLastWriteTimeUtc(Path.Combine(s.Root, "content/net/a.md"), DateTime.UtcNow.AddMinutes(-2)), "a guide's time stamp moved");
        NoWarmStart(s => s.Write("content/net/d.md", "---\ntitle: Delta\n---\n\nNew.\n"), "a guide was added");
        NoWarmStart(s => File.AppendAllText(Path.Combine(s.Root, "site.yml"), "description: changed\n"), "site.yml changed");
        NoWarmStart(s => File.Delete(Path.Combine(s.Output, "net/b/index.html")), "an output file is gone");
        NoWarmStart(s => File.AppendAllText(Path.Combine(s.Output, "index.html"), " "), "an output file changed");
        NoWarmStart(s => Directory.Delete(Path.Combine(s.Root, ".guidebuilder", "build"), recursive: true), "the cache is gone");
        NoWarmStart(s => s.Write("templates/_card.html", "<p>{{ item.title }}</p>"), "a template was added");
    }
}
