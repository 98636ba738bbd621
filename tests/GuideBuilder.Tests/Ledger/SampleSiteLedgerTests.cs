using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Ledger;

/// <summary>
/// The sample site against its committed published.yml: every URL it records is still served (a page or an
/// alias), so a change that drops one without an alias fails the suite, and .ci/run with it.
/// </summary>
public sealed class SampleSiteLedgerTests
{
    [Fact]
    public void The_sample_site_serves_every_url_its_committed_ledger_records()
    {
        using var site = CopyOfSample();
        var committed = File.ReadAllText(Path.Combine(site.Root, "published.yml"));
        Assert.True(committed.Split('\n').Count(l => l.StartsWith('/')) >= 10, "the sample site's published.yml records its guides");
        var run = site.Run("check", "--format", "json");
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule is "url.removed" or "anchor.removed" or "config.invalid");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(committed, File.ReadAllText(Path.Combine(site.Root, "published.yml")));   // check never writes
    }

    [Fact]
    public void Dropping_one_of_the_sample_sites_guides_fails_check_and_build_and_leaves_the_ledger_as_committed()
    {
        using var site = CopyOfSample();
        var committed = File.ReadAllText(Path.Combine(site.Root, "published.yml"));
        var guide = Directory.GetFiles(Path.Combine(site.Root, "content"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.Delete(guide);
        var check = site.Run("check", "--format", "json", "--no-color");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains(check.Diagnostics(), d => d.Rule == "url.removed" && d.File == "published.yml");
        Assert.Equal(1, site.Run("build").ExitCode);
        Assert.Equal(committed, File.ReadAllText(Path.Combine(site.Root, "published.yml")));
    }

    private static TempSite CopyOfSample()
    {
        var site = new TempSite();
        foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "content"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(site.Root, "content", Path.GetRelativePath(Path.Combine(Repository.Root, "content"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.Copy(Path.Combine(Repository.Root, "site.yml"), Path.Combine(site.Root, "site.yml"), overwrite: true);
        File.Copy(Path.Combine(Repository.Root, "published.yml"), Path.Combine(site.Root, "published.yml"));
        if (Directory.Exists(Path.Combine(Repository.Root, "templates")))
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repository.Root, "templates"), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(site.Root, "templates", Path.GetRelativePath(Path.Combine(Repository.Root, "templates"), file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        return site;
    }
}
