using System.Text.Json;
using GuideBuilder.Diagnostics;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// Mistakes a new user makes that used to pass in silence: each gets a diagnostic with its rule, file,
/// line and the exit code the README states.
/// </summary>
public sealed class NewcomerMistakesTests
{
    private const string Yml = "title: T\nbase_url: https://guides.example.org/\n";

    [Fact]
    public void A_misspelt_front_matter_key_is_a_warning_with_did_you_mean()
    {
        using var site = new TempSite();
        site.Write("content/w/a.md", "---\ntitle: A\ndescripton: Reset it\ncategroies: [w]\nms.date: 2025-01-01\n---\n\nText.\n");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var d = run.Diagnostics();
        Assert.Contains(("frontmatter.unknown-key", 3, "warning"), d.Select(x => (x.Rule, x.Line, x.Severity)));
        Assert.Contains(d, x => x.Line == 3 && x.Message.Contains("did you mean 'description'?"));
        Assert.Contains(d, x => x.Line == 4 && x.Rule == "frontmatter.unknown-key" && x.Message.Contains("did you mean 'categories'?"));
        Assert.Contains(("frontmatter.extra-key", 5, "info"), d.Select(x => (x.Rule, x.Line, x.Severity)));
        Assert.Equal(1, site.Run("check", "--strict").ExitCode);
    }

    [Fact]
    public void A_misspelt_draft_keeps_the_page_unpublished_and_says_so()
    {
        using var site = new TempSite();
        site.Write("content/w/secret.md", "---\ntitle: Secret\ndescription: Not yet\ndarft: true\n---\n\nText.\n");
        site.Write("content/w/open.md", "---\ntitle: Open\ndescription: Published\ndarft: false\n---\n\nText.\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var typos = run.Diagnostics().Where(x => x.Rule == "frontmatter.unknown-key").OrderBy(x => x.File).ToList();
        Assert.Equal([("content/w/open.md", 4), ("content/w/secret.md", 4)], typos.Select(x => (x.File, x.Line)));
        Assert.Contains("did you mean 'draft'?", typos[1].Message);
        Assert.Contains("kept as a draft", typos[1].Message);
        Assert.False(site.OutputExists("w/secret/index.html"));
        Assert.True(site.OutputExists("w/open/index.html"));
        Assert.True(site.Run("build", "--drafts").ExitCode == 0 && site.OutputExists("w/secret/index.html"));
    }

    [Fact]
    public void A_link_to_a_draft_is_dead_on_the_published_site_and_is_an_error()
    {
        using var site = new TempSite();
        site.Write("content/w/soon.md", "---\ntitle: Soon\ndescription: Not yet\ndraft: true\n---\n\nText.\n");
        site.Write("content/w/now.md", "---\ntitle: Now\ndescription: Published\n---\n\nNext, read [the next guide](soon.md).\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var broken = Assert.Single(run.Diagnostics(), x => x.Rule == "link.broken");
        Assert.Equal(("content/w/now.md", 6, 12), (broken.File, broken.Line, broken.Column));
        Assert.Contains("is a draft", broken.Message);
        Assert.False(site.OutputExists("w/now/index.html"));
        // With drafts built, the target exists and the link is good.
        Assert.Equal(0, site.Run("build", "--drafts").ExitCode);
        Assert.True(site.OutputExists("w/soon/index.html"));
    }

    [Theory]
    [InlineData("title: T\n")]
    [InlineData("title: T\nbase_url: \"\"\n")]
    [InlineData("title: T\nbase_url:\n")]
    public void A_missing_base_url_stops_build_and_warns_in_check(string yml)
    {
        using var site = new TempSite(yml);
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\nText.\n");
        var build = site.Run("build", "--no-color");
        Assert.Equal(2, build.ExitCode);
        Assert.Contains("site.yml:1:1: error GB0009: site.yml has no base_url", build.Stderr);
        Assert.False(Directory.Exists(site.Output));

        var check = site.Run("check", "--format", "json");
        Assert.Equal(0, check.ExitCode);
        var d = Assert.Single(check.Diagnostics());
        Assert.Equal(("config.base-url", "site.yml", 1, "warning"), (d.Rule, d.File, d.Line, d.Severity));
    }

    [Fact]
    public void The_skeleton_of_new_is_reported_until_it_is_replaced()
    {
        using var site = new TempSite();
        Assert.Equal(0, site.Run("new", "Copy and Paste Text in Windows", "--category", "windows").ExitCode);
        var file = Path.Combine(site.Root, "content/windows/copy-and-paste-text-in-windows.md");
        var md = File.ReadAllText(file);
        Assert.DoesNotContain("How to copy and Paste", md);
        var run = site.Run("check", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var placeholders = run.Diagnostics().Where(d => d.Rule == "lint.placeholder").Select(d => d.Line).ToList();
        var lines = md.Split('\n');
        int LineOf(string text) => Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal)) + 1;
        Assert.Equal(new[] { LineOf("description:"), LineOf("Say in a sentence"), LineOf("2. "), LineOf("3. "), LineOf("Tell the reader") }, placeholders);
        Assert.Equal(1, site.Run("check", "--strict").ExitCode);

        File.WriteAllText(file, md.Replace("Tell the reader how to confirm the result.", "The pasted text appears where the cursor was."));
        Assert.Equal(4, site.Run("check", "--format", "json").Diagnostics().Count(d => d.Rule == "lint.placeholder"));
    }

    [Fact]
    public void Strict_with_warnings_only_says_that_warnings_failed_the_build()
    {
        using var site = new TempSite();
        site.Write("content/w/a.md", "---\ntitle: A\n---\n\nText.\n");   // no description: one warning
        var run = site.Run("build", "--strict", "--no-color");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("content/w/a.md:1:1: warning GB0606", run.Stderr);
        Assert.DoesNotContain("fix the errors", run.Stderr);
        Assert.Contains("--strict fails the build on warnings; fix the warning above or build without --strict", run.Stderr);
    }

    [Fact]
    public void A_tab_in_front_matter_is_reported_at_the_tab()
    {
        using var site = new TempSite();
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\ntags:\n\t- one\n---\n\nText.\n");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("frontmatter.invalid", 5, 1), (d.Rule, d.Line, d.Column));
        Assert.Contains("tabs for indenting", d.Message);
    }

    [Fact]
    public void A_tab_in_site_yml_is_reported_at_the_tab()
    {
        using var site = new TempSite(Yml + "strip:\n\tenabled: false\n");
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\nText.\n");
        var run = site.Run("check", "--no-color");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("site.yml:4:1: error GB0001", run.Stderr);
    }

    [Fact]
    public void An_empty_guide_is_an_error_as_the_readme_says()
    {
        using var site = new TempSite();
        site.Write("content/w/empty.md", "");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("source.empty", 1, "error"), (d.Rule, d.Line, d.Severity));
        Assert.Equal(Severity.Error, Rules.SourceEmpty.DefaultSeverity);
    }

    [Fact]
    public void A_key_name_alone_in_bold_is_a_key_like_in_a_combination()
    {
        using var site = new TempSite();
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\n1. Press **PrtScn** to copy the screen, or **Win** \\+ **PrtScn** to save it.\n2. Click **Delete** and press **Enter**.\n");
        Assert.Equal(0, site.Run("build").ExitCode);
        var html = site.ReadOutput("w/a/index.html");
        Assert.Contains("Press <kbd>PrtScn</kbd> to copy", html);
        Assert.Contains("<kbd>Win</kbd> + <kbd>PrtScn</kbd>", html);
        Assert.Contains("Click <strong>Delete</strong> and press <kbd>Enter</kbd>", html);
    }

    [Fact]
    public void A_broken_reference_link_names_its_definition_line()
    {
        using var site = new TempSite();
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\nSee [the guide][gd].\n\n[gd]: missing.md\n");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("link.broken", 6, 5), (d.Rule, d.Line, d.Column));
        Assert.Equal("link to 'missing.md': no such page or file (its URL is set by [gd]: at line 8)", d.Message);
    }

    [Fact]
    public void The_caret_stays_under_the_link_on_a_long_line()
    {
        using var site = new TempSite();
        var prefix = new string('x', 300) + " ";
        site.Write("content/w/a.md", $"---\ntitle: A\ndescription: D\n---\n\n{prefix}[gone](gone.md) and more text after it.\n");
        var run = site.Run("check", "--no-color");
        Assert.Contains("content/w/a.md:6:302: error GB0401", run.Stderr);
        var lines = run.Stderr.Split('\n');
        var src = lines.Single(l => l.StartsWith("    6 | ", StringComparison.Ordinal));
        var caret = lines[Array.IndexOf(lines, src) + 1];
        Assert.Equal("[gone](gone.md)", src[caret.IndexOf('^')..][..15]);
        Assert.True(src.Length <= 8 + 160, "the shown line is cut to a window");
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(159, 159)]
    [InlineData(400, 42)]
    [InlineData(1000, 160)]
    public void Excerpt_keeps_the_column_inside_the_window(int column, int caret)
    {
        var line = string.Concat(Enumerable.Range(0, 100).Select(i => $"{i:D9} "));   // 1,000 characters
        var (text, at) = ReportFormatter.Excerpt(line, column);
        Assert.True(text.Length <= 160, $"{text.Length} characters");
        Assert.Equal(caret, at);
        Assert.Equal(line[column - 1], text[at - 1]);
    }

    [Fact]
    public void A_removed_link_farm_says_how_many_links_went()
    {
        using var site = new TempSite();
        site.Write("content/w/a.md", "---\ntitle: A\ndescription: D\n---\n\nText of the guide.\n\nAlso read:\n\n- [Fix a printer](https://example.com/a)\n- [Reset a router](https://example.com/b)\n- [Clean a fan](https://example.com/c)\n");
        var report = Path.Combine(site.Root, "strip.json");
        var run = site.Run("check", "--no-color", "--strip-report", report);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ad element", run.Stderr);
        Assert.Contains("stripped (--strip-report FILE lists them)", run.Stderr);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var removal = doc.RootElement.GetProperty("pages")[0].GetProperty("removals").EnumerateArray().Single(r => r.GetProperty("rule").GetString() == "link-farm");
        Assert.Equal("Also read: 3 links (Fix a printer, …)", removal.GetProperty("excerpt").GetString());
    }
}
