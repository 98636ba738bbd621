using System.Text;
using GuideBuilder.Bench.Corpus;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// <c>build</c> and <c>serve</c> run one pipeline: every file a build writes is served with the same
/// bytes by the in-memory site, and the diagnostics are the same list. Sites with errors are built with
/// every error rule lowered to a warning (severity changes no byte of the output), so that the build
/// writes them and every page can be compared.
/// </summary>
public sealed class BuildServeEquivalenceTests
{
    [Fact]
    public void The_sample_site_is_served_as_built()
    {
        using var site = new TempSite();
        Golden.CopyTree(Path.Combine(Repository.Root, "content"), Path.Combine(site.Root, "content"));
        File.Copy(Path.Combine(Repository.Root, "site.yml"), Path.Combine(site.Root, "site.yml"), overwrite: true);
        AssertServedAsBuilt(site, minFiles: 20);
    }

    [Fact]
    public void The_golden_fixtures_are_served_as_built()
    {
        using var site = new TempSite();
        Golden.WriteSite(site);
        AssertServedAsBuilt(site, minFiles: 10, expectErrors: true);
    }

    [Fact]
    public void A_generated_site_with_faults_and_drafts_is_served_as_built()
    {
        using var site = new TempSite();
        new CorpusGenerator(40, 11).Write(site.Root);
        var guides = Directory.GetFiles(Path.Combine(site.Root, "content"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        File.AppendAllText(guides[0], "\nSee [nowhere](missing-page.md) and [no such step](#step-99).\n");
        File.WriteAllText(guides[1], File.ReadAllText(guides[1]).Replace("title:", "draft: true\ntitle:"));
        File.WriteAllText(guides[2], "---\ntitle: [unclosed\n---\n\nBody.\n");
        site.Write("content/extra/same.md", "---\ntitle: One\nslug: clash\n---\n\nOne.\n")
            .Write("content/extra/other.md", "---\ntitle: Two\nslug: clash\n---\n\nTwo.\n");
        AssertServedAsBuilt(site, minFiles: 40, expectErrors: true, drafts: true);
        AssertServedAsBuilt(site, minFiles: 40, expectErrors: true, drafts: false);
    }

    [Fact]
    public void A_theme_that_writes_dead_links_is_reported_alike_by_build_and_serve()
    {
        using var site = new TempSite();
        new CorpusGenerator(12, 5).Write(site.Root);
        // A card without {{ root }}: on category and tag pages every card points nowhere (link.template).
        var card = File.ReadAllText(Path.Combine(Repository.Root, "templates", "_card.html"));
        Assert.Contains("{{ root }}{{ item.url }}", card);
        site.Write("templates/_card.html", card.Replace("{{ root }}{{ item.url }}", "{{ item.url }}"));
        AssertServedAsBuilt(site, minFiles: 12, expectErrors: true);
    }

    private static void AssertServedAsBuilt(TempSite site, int minFiles, bool expectErrors = false, bool drafts = false)
    {
        var loaded = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var lowered = Rules.All.Where(r => r.DefaultSeverity == Severity.Error)
            .ToDictionary(r => r.Name, _ => Severity.Warning);
        foreach (var (rule, severity) in loaded.Rules) lowered[rule] = severity == Severity.Error ? Severity.Warning : severity;
        var output = Path.Combine(site.Root, "_built");
        var config = loaded with { Rules = lowered, OutputDir = output };

        // Inputs settled, so the build records its memo and serve may start warm from what it wrote.
        var past = DateTime.UtcNow.AddMinutes(-1);
        foreach (var file in Directory.GetFiles(site.Root, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(site.Root, file);
            if (!rel.StartsWith("_built", StringComparison.Ordinal) && !rel.StartsWith(".guidebuilder", StringComparison.Ordinal)) File.SetLastWriteTimeUtc(file, past);
        }
        var built = new SiteBuilder(config, new BuildOptions { Drafts = drafts }).Build();
        Assert.True(built.Written, string.Join("\n", built.Diagnostics.Select(ReportFormatter.Line)));
        if (expectErrors)
        {
            var strict = new SiteBuilder(loaded, new BuildOptions { Write = false, Drafts = drafts }).Build();
            Assert.True(strict.Errors > 0, "the site was meant to have errors");
        }

        var live = new LiveSite(config, new BuildOptions { Write = false, Drafts = drafts });
        live.Build();
        Assert.Equal(built.Diagnostics.Select(ReportFormatter.Line), live.Diagnostics().Select(ReportFormatter.Line));
        Assert.Equal(expectErrors && File.Exists(Path.Combine(site.Root, "templates", "_card.html")), built.Diagnostics.Any(d => d.Rule == "link.template"));

        // serve's warm start answers from the built output while it loads; a build with drafts is not what serve starts from.
        var warm = BuiltOutput.Find(config);
        Assert.True(drafts ? warm is null : warm is not null, "a warm start from the build: " + (warm is not null));

        var files = Directory.GetFiles(output, "*", SearchOption.AllDirectories);
        Assert.True(files.Length >= minFiles, $"only {files.Length} files built");
        foreach (var file in files)
        {
            var rel = Path.GetRelativePath(output, file).Replace('\\', '/');
            foreach (var (how, served) in new[] { ("served", live.Get("/" + rel)), ("served warm", warm?.Get("/" + rel)) })
            {
                if (how == "served warm" && warm is null) continue;
                Assert.True(served is not null, $"{rel} is built but not {how}");
                var bytes = served!.Bytes ?? Encoding.UTF8.GetBytes(served.Text!);
                if (!bytes.AsSpan().SequenceEqual(File.ReadAllBytes(file)))
                {
                    Assert.Equal(File.ReadAllText(file), served.Text ?? Encoding.UTF8.GetString(bytes));
                    Assert.Fail($"{rel}: {how} bytes differ from the built file");
                }
            }
        }
    }

}
