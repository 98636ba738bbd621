using System.Text;
using System.Text.Json;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// A report says each thing once: repeated findings of one rule in one file are grouped (text, JSON
/// <c>count</c>/<c>related</c>, SARIF <c>relatedLocations</c>) while every finding stays in the JSON;
/// site-root links are summed up per first segment; a rule is listed in a few files and counted in the rest.
/// </summary>
public sealed class SayItOnceTests
{
    /// <summary>A page with <paramref name="n"/> broken links, one a line, from line 6 on.</summary>
    private static string BrokenLinks(int n)
    {
        var sb = new StringBuilder("---\ntitle: P\ndescription: Many broken links\n---\n\n");
        for (var i = 1; i <= n; i++) sb.Append($"See [page {i}](missing-{i}.md).\n\n");
        return sb.ToString();
    }

    [Fact]
    public void Json_groups_a_rule_repeated_in_one_file_and_keeps_every_finding()
    {
        using var site = new TempSite();
        site.Write("content/w/p.md", BrokenLinks(7));
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Stdout);
        var entries = doc.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(4, entries.Count);
        Assert.All(entries.Take(3), e => Assert.False(e.TryGetProperty("count", out _)));
        var group = entries[3];
        Assert.Equal(4, group.GetProperty("count").GetInt32());
        Assert.Equal(12, group.GetProperty("line").GetInt32());
        var related = group.GetProperty("related").EnumerateArray().ToList();
        Assert.Equal([14, 16, 18], related.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal("link to 'missing-7.md': no such page or file", related[2].GetProperty("message").GetString());
        Assert.Equal(7, doc.RootElement.GetProperty("summary").GetProperty("errors").GetInt32());
        Assert.Equal(Enumerable.Range(0, 7).Select(i => 6 + 2 * i), run.Diagnostics().Select(d => d.Line));
    }

    [Fact]
    public void Four_findings_are_listed_one_by_one()
    {
        using var site = new TempSite();
        site.Write("content/w/p.md", BrokenLinks(4));
        var run = site.Run("check", "--format", "json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var entries = doc.RootElement.GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.False(e.TryGetProperty("related", out _)));
    }

    [Fact]
    public void Sarif_puts_the_rest_in_related_locations()
    {
        using var site = new TempSite();
        site.Write("content/w/p.md", BrokenLinks(6));
        var run = site.Run("check", "--format", "sarif");
        using var doc = JsonDocument.Parse(run.Stdout);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        var related = results[3].GetProperty("relatedLocations").EnumerateArray().ToList();
        Assert.Equal([14, 16], related.Select(r => r.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()));
        Assert.Equal("content/w/p.md", related[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Contains("and 2 more like it", results[3].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Text_shows_the_first_few_then_one_line_for_the_rest_unless_verbose()
    {
        using var site = new TempSite();
        site.Write("content/w/p.md", BrokenLinks(7));
        var run = site.Run("check", "--no-color");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("content/w/p.md:10:5: error GB0401: link to 'missing-3.md'", run.Stderr);
        Assert.DoesNotContain("missing-4.md", run.Stderr);
        Assert.Contains("content/w/p.md:12:5: error GB0401: and 4 more like it in this file (lines 12, 14, 16, 18) [link.broken]", run.Stderr);
        Assert.Contains("1 page, 7 errors", run.Stderr);

        var verbose = site.Run("check", "--no-color", "--verbose");
        Assert.Contains("content/w/p.md:18:5: error GB0401: link to 'missing-7.md'", verbose.Stderr);
        Assert.DoesNotContain("more like it", verbose.Stderr);
    }

    [Fact]
    public void Text_lists_a_rule_in_a_few_files_and_counts_the_rest()
    {
        using var site = new TempSite();
        for (var i = 1; i <= 8; i++) site.Write($"content/w/p{i}.md", BrokenLinks(1));
        var run = site.Run("check", "--no-color");
        Assert.Contains("content/w/p5.md:6:5: error GB0401", run.Stderr);
        Assert.DoesNotContain("content/w/p6.md", run.Stderr);
        Assert.Contains("  link.broken: 3 errors in 3 more files", run.Stderr);
        Assert.Contains("8 pages, 8 errors", run.Stderr);
        Assert.Contains("content/w/p8.md:6:5", site.Run("check", "--no-color", "--verbose").Stderr);
        Assert.Equal(8, site.Run("check", "--format", "json").Diagnostics().Count);
    }

    [Fact]
    public void Site_root_links_are_summed_up_per_first_segment()
    {
        using var site = new TempSite();
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: Root links\n---\n\n[x](/powershell/module/x) and [y](/powershell/y/) and [z](/dotnet/api/z).\n");
        site.Write("content/w/b.md", "---\ntitle: B\ndescription: Root links\n---\n\n[x](/powershell/scripting/)\n");
        var run = site.Run("check", "--no-color");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("content/w/a.md:6:1: warning GB0407: 3 links under '/powershell/' in 2 files, first here", run.Stderr);
        Assert.Contains("content/w/a.md:6:55: warning GB0407: 1 link under '/dotnet/' in 1 file, first here", run.Stderr);
        Assert.DoesNotContain("/powershell/y/", run.Stderr);
        Assert.Contains("'/powershell/y/' is a site-root link", site.Run("check", "--no-color", "--verbose").Stderr);
        Assert.Equal(4, site.Run("check", "--format", "json").Diagnostics().Count(d => d.Rule == "link.root"));
    }

    [Fact]
    public void Other_sites_in_site_yml_turn_link_root_off_for_their_prefixes()
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\nlinks:\n  other_sites: [/powershell, /dotnet/api/]\n");
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: Root links\n---\n\n[x](/powershell/module/x) [y](/dotnet/api/y) [z](/dotnet/core/) [w](/powershellx/)\n");
        var run = site.Run("check", "--format", "json");
        var roots = run.Diagnostics().Where(d => d.Rule == "link.root").Select(d => d.Column).ToList();
        Assert.Equal([46, 65], roots);   // /dotnet/core/ is not under /dotnet/api/; /powershellx/ is not /powershell/
    }

    [Fact]
    public void An_other_sites_entry_that_is_not_a_root_path_is_a_site_yml_error()
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\nlinks:\n  other_sites: [https://learn.example.org/powershell/]\n");
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\nText.\n");
        var run = site.Run("check", "--no-color");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("site.yml:4:16", run.Stderr);
        Assert.Contains("is not a site-root path prefix", run.Stderr);
    }

    [Fact]
    public void Duplicate_paragraph_ignores_table_cells_and_short_paragraphs()
    {
        using var site = new TempSite();
        const string cell = "This cell says the very same long thing in each row of it";
        const string para = "This paragraph says the very same long thing twice on one page.";
        site.Write("content/w/a.md",
            $"---\ntitle: A\ndescription: D\n---\n\n| a | b |\n|---|---|\n| {cell} | Yes |\n| {cell} | Yes |\n\nSee the note.\n\nSee the note.\n\n{para}\n\n{para}\n");
        var dups = site.Run("check", "--format", "json").Diagnostics().Where(d => d.Rule == "lint.duplicate-paragraph").ToList();
        var d = Assert.Single(dups);
        Assert.Equal(17, d.Line);
        Assert.Equal("this paragraph repeats the one at line 15", d.Message);
    }
}
