using GuideBuilder.Bench.Corpus;
using GuideBuilder.Building;
using GuideBuilder.Load;
using GuideBuilder.Strip;

namespace GuideBuilder.Tests;

/// <summary>The benchmark's corpus generator and the fast strip path it made worth writing.</summary>
public sealed class BenchCorpusTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gb-corpus-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static Dictionary<string, string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(dir, f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    [Fact]
    public void Same_seed_gives_the_same_bytes_and_another_seed_does_not()
    {
        new CorpusGenerator(30, 7).Write(Path.Combine(_root, "a"));
        new CorpusGenerator(30, 7).Write(Path.Combine(_root, "b"));
        new CorpusGenerator(30, 8).Write(Path.Combine(_root, "c"));

        var a = Files(Path.Combine(_root, "a"));
        Assert.Equal(30, a.Keys.Count(k => k.EndsWith(".md", StringComparison.Ordinal)));
        Assert.Equal(a, Files(Path.Combine(_root, "b")));
        Assert.NotEqual(a, Files(Path.Combine(_root, "c")));
    }

    [Fact]
    public void Generated_site_builds_clean_with_every_ad_shape_stripped()
    {
        var dir = Path.Combine(_root, "site");
        new CorpusGenerator(40, 42).Write(dir);
        var md = File.ReadAllText(Directory.EnumerateFiles(Path.Combine(dir, "content"), "*.md", SearchOption.AllDirectories).First());
        Assert.Contains("<!-- affiliate ads begin -->", md);
        Assert.Contains("<video", md);
        Assert.Contains("width=\"0\"", md);
        Assert.Contains("Disclaimer:", md);
        Assert.Contains("atpl-alsoreadstyle", md);
        Assert.Contains("adsbygoogle", md);
        Assert.Matches(@"\*\*(Ctrl|Alt|Shift|Win)\*\* \\\+ \*\*", md);
        Assert.Matches(@"\]\((\.\./[a-z]+/)?[a-z0-9-]+\.md#[a-z0-9-]+\)", md);

        var config = SiteConfigLoader.Load(Path.Combine(dir, "site.yml"));
        var output = Path.Combine(_root, "out");
        var result = new SiteBuilder(config, new BuildOptions { OutputOverride = output }).Build();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(40, result.Pages);
        Assert.Equal(40 * 6, result.Stripped);   // 3 marker regions, disclaimer, link farm, AdSense unit per guide
        var html = string.Concat(Directory.EnumerateFiles(output, "index.html", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain("impactradius", html);
        Assert.DoesNotContain("adsbygoogle", html);
        Assert.DoesNotContain("Also read", html);
        Assert.DoesNotContain("<video", html);
    }
}
