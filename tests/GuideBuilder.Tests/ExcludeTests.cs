using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>site.yml <c>exclude:</c> globs keep files out of the site: no page, no copied file, and a link to one is broken.</summary>
public sealed class ExcludeTests
{
    private const string Yml = "title: T\nbase_url: https://guides.example.org/\nexclude:\n  - \"drafts/**\"\n  - \"**/_*.md\"\n";

    [Fact]
    public void Excluded_files_are_neither_pages_nor_published()
    {
        using var site = new TempSite(Yml);
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\nText.\n");
        site.Write("content/w/_shared-steps.md", "1. Open **Settings**.\n");
        site.Write("content/drafts/b.md", "---\ntitle: B\ndescription: D\n---\n\nText.\n");
        site.Write("content/drafts/shot.png", "png");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Diagnostics());
        Assert.Contains("\"pages\": 1", run.Stdout);
        Assert.True(site.OutputExists("w/a/index.html"));
        Assert.False(site.OutputExists("w/_shared-steps/index.html"));
        Assert.False(site.OutputExists("drafts/b/index.html"));
        Assert.False(site.OutputExists("drafts/shot.png"));
    }

    [Fact]
    public void A_link_to_an_excluded_file_is_broken()
    {
        using var site = new TempSite(Yml);
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\nSee [b](../drafts/b.md).\n");
        site.Write("content/drafts/b.md", "---\ntitle: B\ndescription: D\n---\n\nText.\n");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("link.broken", "content/w/a.md", 6), (d.Rule, d.File, d.Line));
    }

    [Theory]
    [InlineData("/abs/**")]
    [InlineData("../outside/*.md")]
    public void A_glob_outside_the_content_folder_is_a_site_yml_error(string glob)
    {
        using var site = new TempSite($"title: T\nbase_url: https://guides.example.org/\nexclude: [\"{glob}\"]\n");
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\nText.\n");
        var run = site.Run("check", "--no-color");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("site.yml:3:10", run.Stderr);
        Assert.Contains("is not a glob inside the content folder", run.Stderr);
    }
}
