using System.Text.Json.Nodes;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Cache;

/// <summary>
/// Builds a site twice, as the build cache must be judged: with the cache into the site's output folder,
/// and with <c>--no-cache</c> into another folder from the same inputs (published.yml put back to what the
/// first build read). The two output folders must hold the same bytes, the JSON reports must be the same but
/// for <c>elapsed_ms</c> and the change list, and both builds must leave the same published.yml. The cached build's
/// output manifest is put back after the clean build, as if that had run on another machine.
/// </summary>
internal static class CachedBuild
{
    public const string CleanOutput = "_clean";

    /// <summary>Both builds; returns the cached build's report (for more assertions). <paramref name="step"/> names the failure.</summary>
    public static JsonObject AssertSameAsClean(TempSite site, string step, bool reset = false, string[]? extra = null, Action<string>? cachedStderr = null)
    {
        extra ??= [];
        var ledger = Path.Combine(site.Root, "published.yml");
        var before = File.Exists(ledger) ? File.ReadAllBytes(ledger) : null;

        var cached = site.Run(["build", "--format", "json", .. extra]);
        cachedStderr?.Invoke(cached.Stderr);
        var after = File.Exists(ledger) ? File.ReadAllBytes(ledger) : null;
        if (before is null) File.Delete(ledger);
        else File.WriteAllBytes(ledger, before);
        // The manifest names the folder it describes: the clean build's would stop the next cached build from keeping any page.
        var manifest = Path.Combine(site.Root, ".guidebuilder", "manifest.json");
        var cachedManifest = File.Exists(manifest) ? File.ReadAllBytes(manifest) : null;
        var clean = site.Run(["build", "--no-cache", "--output", CleanOutput, "--format", "json", .. extra]);
        var afterClean = File.Exists(ledger) ? File.ReadAllBytes(ledger) : null;
        if (cachedManifest is not null) File.WriteAllBytes(manifest, cachedManifest);

        Assert.True(cached.ExitCode == clean.ExitCode, $"{step}: exit code {cached.ExitCode} with the cache, {clean.ExitCode} without\n{cached.Stderr}\n{clean.Stderr}");
        var a = Report(cached.Stdout, step);
        var b = Report(clean.Stdout, step);
        var resets = WithRule(a, "cache.reset");
        Assert.True(resets.Count == (reset ? 1 : 0), $"{step}: {resets.Count} cache.reset diagnostics, expected {(reset ? 1 : 0)}: {a.ToJsonString()}");
        foreach (var r in resets) a["diagnostics"]!.AsArray().Remove(r);
        Assert.True(JsonNode.DeepEquals(a, b), $"{step}: the reports differ\nwith the cache:    {a.ToJsonString()}\nwithout the cache: {b.ToJsonString()}");
        Assert.True((after ?? []).AsSpan().SequenceEqual(afterClean ?? []), $"{step}: published.yml differs");
        AssertSameTree(site.Output, Path.Combine(site.Root, CleanOutput), step);
        return a;
    }

    /// <summary>The report without what may differ between the two builds: the time taken and what changed in each folder.</summary>
    public static JsonObject Report(string stdout, string step)
    {
        var node = JsonNode.Parse(stdout) as JsonObject ?? throw new Xunit.Sdk.XunitException($"{step}: no JSON report: {stdout}");
        var summary = (JsonObject)node["summary"]!;
        summary.Remove("elapsed_ms");
        summary.Remove("changes");
        return node;
    }

    public static void AssertSameTree(string expected, string actual, string step)
    {
        var left = Files(expected);
        var right = Files(actual);
        Assert.True(left.Keys.SequenceEqual(right.Keys),
            $"{step}: the output folders hold different files: only with the cache [{string.Join(", ", left.Keys.Except(right.Keys))}], only without [{string.Join(", ", right.Keys.Except(left.Keys))}]");
        foreach (var (rel, path) in left)
        {
            var x = File.ReadAllBytes(path);
            var y = File.ReadAllBytes(right[rel]);
            if (!x.AsSpan().SequenceEqual(y)) Assert.Equal(System.Text.Encoding.UTF8.GetString(y), System.Text.Encoding.UTF8.GetString(x));
        }
    }

    private static SortedDictionary<string, string> Files(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root)) return files;
        foreach (var f in Directory.GetFiles(root, "*", SearchOption.AllDirectories)) files[Path.GetRelativePath(root, f).Replace('\\', '/')] = f;
        return files;
    }

    /// <summary>The diagnostics of a report with the given rule.</summary>
    public static List<JsonNode> WithRule(JsonObject report, string rule) =>
        report["diagnostics"]!.AsArray().Where(d => d!["rule"]!.GetValue<string>() == rule).Select(d => d!).ToList();
}
