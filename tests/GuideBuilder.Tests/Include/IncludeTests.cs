using GuideBuilder.Building;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Include;

/// <summary>DocFX's <c>[!INCLUDE [title](path)]</c>: spliced in as blocks or text, steps continued, include files kept off the site, every problem named where it is.</summary>
public sealed class IncludeTests
{
    private static string Page(string title, string body) => $"---\ntitle: {title}\ndescription: How to do {title} in a few steps.\n---\n\n{body}\n";

    private static string Body(TempSite site, string path)
    {
        var html = site.ReadOutput(path);
        var start = html.IndexOf("<div class=\"guide-body\">", StringComparison.Ordinal);
        return html[start..html.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void A_block_include_brings_its_steps_and_the_page_numbers_on_after_them()
    {
        using var site = new TempSite();
        site.Write("content/pc/password.md", Page("Change your password", "## Change the password\n\n[!INCLUDE [open settings](../includes/open-settings.md)]\n3. Choose **Sign-in options**.\n4. Select **Password**."))
            .Write("content/includes/open-settings.md", "1. Open **Settings**.\n2. Select **Accounts**.\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Diagnostics());
        var body = Body(site, "pc/password/index.html");
        Assert.Contains("<li id=\"change-the-password-step-1\">Open <strong>Settings</strong>.</li>", body);
        Assert.Contains("<li id=\"change-the-password-step-2\">Select <strong>Accounts</strong>.</li>", body);
        Assert.Contains("<li id=\"change-the-password-step-3\">Choose <strong>Sign-in options</strong>.</li>", body);
        Assert.Contains("<li id=\"change-the-password-step-4\">", body);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(body, "<ol"));   // one list, as if written in one file
        Assert.Contains("4 steps", site.ReadOutput("pc/password/index.html"));
        Assert.DoesNotContain("INCLUDE", site.ReadOutput("pc/password/index.html"));
        Assert.False(site.OutputExists("includes/open-settings/index.html"));
    }

    [Fact]
    public void An_include_under_a_step_belongs_to_the_step_and_an_inline_one_joins_the_sentence()
    {
        using var site = new TempSite();
        site.Write("content/pc/restart.md", Page("Restart", "1. Save your work.\n   [!include [admin note](../includes/admin.md)]\n2. Press [!INCLUDE [start](../includes/start.md)] and restart."))
            .Write("content/includes/admin.md", "You need an administrator account.\n\n> Ask your admin first.\n")
            .Write("content/includes/start.md", "the **Start** button\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var body = Body(site, "pc/restart/index.html");
        Assert.Matches(@"<li id=""step-1""><p>Save your work.</p>\s*<p>You need an administrator account.</p>\s*<blockquote>\s*<p>Ask your admin first.</p>\s*</blockquote>\s*</li>", body);
        Assert.Contains("<li id=\"step-2\"><p>Press the <strong>Start</strong> button and restart.</p>", body);
        Assert.Contains("2 steps", site.ReadOutput("pc/restart/index.html"));
    }

    [Fact]
    public void Links_in_an_included_file_are_relative_to_it_and_rewritten_for_the_page()
    {
        using var site = new TempSite();
        site.Write("content/pc/deep/a.md", Page("A", "[!INCLUDE [shared](../../includes/see-b.md)]"))
            .Write("content/pc/b.md", Page("B", "## Details\n\nText."))
            .Write("content/includes/see-b.md", "See [B](../pc/b.md#details) and ![the dialog](media/dialog.png).\n")
            .Write("content/includes/media/dialog.png", "png");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Diagnostics());
        var body = Body(site, "pc/deep/a/index.html");
        Assert.Contains("<a href=\"../../b/#details\">B</a>", body);
        Assert.Contains("src=\"../../../includes/media/dialog.png\"", body);
        Assert.True(site.OutputExists("includes/media/dialog.png"));
    }

    [Fact]
    public void A_problem_inside_an_include_names_the_included_file_and_the_page_that_includes_it()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "Intro.\n\n[!INCLUDE [outer](../includes/outer.md)]"))
            .Write("content/includes/outer.md", "Outer text.\n\n[!INCLUDE [inner](inner.md)]\n")
            .Write("content/includes/inner.md", "Inner text.\n\nA [dead link](nowhere.md).\n");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("link.broken", "content/includes/inner.md", 3, 3), (d.Rule, d.File, d.Line, d.Column));
        Assert.Equal("link to 'nowhere.md': no such page or file (included at content/includes/outer.md:3:19, included at content/pc/a.md:8:19)", d.Message);
    }

    [Fact]
    public void A_cycle_is_reported_at_the_include_that_closes_it_and_the_page_still_builds_its_text()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "[!INCLUDE [x](../includes/x.md)]"))
            .Write("content/includes/x.md", "X text.\n\n[!INCLUDE [y](y.md)]\n")
            .Write("content/includes/y.md", "Y text.\n[!INCLUDE [x again](x.md)]\n");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("include.invalid", "content/includes/y.md", 2, 21), (d.Rule, d.File, d.Line, d.Column));
        Assert.Contains("include cycle: includes/x.md includes includes/y.md includes includes/x.md", d.Message);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_reported()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "[!INCLUDE [1](../includes/n1.md)]"));
        for (var i = 1; i <= 12; i++) site.Write($"content/includes/n{i}.md", $"Level {i}.\n\n[!INCLUDE [next](n{i + 1}.md)]\n");
        site.Write("content/includes/n13.md", "Bottom.\n");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("include.invalid", $"content/includes/n{IncludeLimit}.md", 3), (d.Rule, d.File, d.Line));
        Assert.Contains($"nested more than {IncludeLimit} deep", d.Message);
    }

    private const int IncludeLimit = GuideBuilder.Model.Includes.IncludeExpander.MaxDepth;

    [Fact]
    public void Missing_targets_and_bad_paths_are_errors_at_the_directive_with_a_did_you_mean()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "[!INCLUDE [typo](../includes/sign-inn.md)]\n\nText [!INCLUDE [not md](../includes/shot.png)] here.\n\n[!INCLUDE [out](../../outside.md)]\n\n[!INCLUDE [two blocks](../includes/two.md)]\n\nAnd inline [!INCLUDE [two](../includes/two.md)] too."))
            .Write("content/includes/sign-in.md", "Sign in.\n")
            .Write("content/includes/two.md", "One.\n\nTwo.\n")
            .Write("content/includes/shot.png", "png");
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var found = run.Diagnostics().Select(d => (d.Rule, d.File, d.Line, d.Column)).ToList();
        Assert.Equal(
        [
            ("include.invalid", "content/pc/a.md", 6, 18),
            ("include.invalid", "content/pc/a.md", 8, 25),
            ("include.invalid", "content/pc/a.md", 10, 17),
            ("include.invalid", "content/pc/a.md", 14, 28),
        ], found);
        var messages = run.Diagnostics().Select(d => d.Message).ToList();
        Assert.Contains("(did you mean 'sign-in.md'?)", messages[0]);
        Assert.Contains("is not a Markdown file", messages[1]);
        Assert.Contains("leads outside the site's content folder", messages[2]);
        Assert.Contains("takes one paragraph", messages[3]);
    }

    [Fact]
    public void Files_only_included_are_not_pages_and_a_link_to_one_is_broken()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "[!INCLUDE [snippet](snippet.md)]\n\nSee [the snippet](snippet.md) and [shared](../includes/unused.md)."))
            .Write("content/pc/snippet.md", "---\ntitle: Snippet\n---\n\nShared words.\n")
            .Write("content/includes/unused.md", "---\nms.topic: include\nauthor: someone\n---\n\nNot included anywhere.\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var found = run.Diagnostics().Select(d => (d.Rule, d.File, d.Line)).ToList();
        Assert.Equal([("link.broken", "content/pc/a.md", 8), ("link.broken", "content/pc/a.md", 8)], found);
        Assert.All(run.Diagnostics(), d => Assert.Contains("is an include file, not a page", d.Message));

        site.Write("content/pc/a.md", Page("A", "[!INCLUDE [snippet](snippet.md)]"));
        run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Diagnostics());   // the include folder's front matter is nobody's business
        Assert.Contains("\"pages\": 1", run.Stdout);
        Assert.False(site.OutputExists("pc/snippet/index.html"));
        Assert.False(site.OutputExists("includes/unused/index.html"));
        Assert.Contains("Shared words.", site.ReadOutput("pc/a/index.html"));
    }

    [Fact]
    public void A_directive_in_code_stays_code_and_headings_from_includes_keep_unique_ids()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "## Before you start\n\nText.\n\n[!INCLUDE [pre](../includes/pre.md)]\n\n```\n[!INCLUDE [shown](../includes/pre.md)]\n```\n\nAnd `[!INCLUDE [code](x.md)]` inline."))
            .Write("content/includes/pre.md", "## Before you start\n\nShared.\n");
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var body = Body(site, "pc/a/index.html");
        Assert.Contains("<h2 id=\"before-you-start\">", body);
        Assert.Contains("<h2 id=\"before-you-start-1\">", body);
        Assert.Contains("[!INCLUDE [shown](../includes/pre.md)]", body);
        Assert.Contains("<code>[!INCLUDE [code](x.md)]</code>", body);
    }

    [Fact]
    public void Serve_reshapes_the_pages_that_include_an_edited_file()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "[!INCLUDE [steps](../includes/steps.md)]"))
            .Write("content/pc/b.md", Page("B", "No includes here."))
            .Write("content/includes/steps.md", "1. Open **Settings**.\n");
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var live = new LiveSite(config, new BuildOptions { Write = false });
        live.Build();
        Assert.Empty(live.Diagnostics());
        var first = live.Get("/pc/a/")!.Text!;
        Assert.Contains("Open <strong>Settings</strong>", first[first.IndexOf("guide-body")..][..600]);
        Assert.Null(live.Get("/includes/steps/"));

        var steps = Path.Combine(site.Root, "content/includes/steps.md");
        File.WriteAllText(steps, "1. Open **Control Panel**.\n2. Read [the missing page](gone.md).\n");
        File.SetLastWriteTimeUtc(steps, DateTime.UtcNow.AddSeconds(5));
        var update = live.Update([steps])!;
        Assert.Equal(1, update.Validated);
        Assert.Contains("Open <strong>Control Panel</strong>", live.Get("/pc/a/")!.Text);
        var d = Assert.Single(live.Diagnostics());
        Assert.Equal(("link.broken", "content/includes/steps.md", 2), (d.Rule, d.Location.File, d.Location.Line));
        Assert.Contains("included at content/pc/a.md:6:", d.Message);
    }

    [Fact]
    public void Ads_in_an_included_file_are_stripped_and_the_strip_report_names_that_file()
    {
        using var site = new TempSite();
        site.Write("content/pc/a.md", Page("A", "Intro text.\n\n[!INCLUDE [tip](../includes/tip.md)]"))
            .Write("content/includes/tip.md", "Keep the charger plugged in.\n\n<!-- ad begin -->\nBuy a new charger today!\n<!-- ad end -->\n");
        var report = Path.Combine(site.Root, "strip.json");
        var run = site.Run("build", "--format", "json", "--strip-report", report);
        Assert.Equal(0, run.ExitCode);
        var body = Body(site, "pc/a/index.html");
        Assert.Contains("Keep the charger plugged in.", body);
        Assert.DoesNotContain("Buy a new charger", body);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(report));
        var removal = json.RootElement.GetProperty("pages")[0].GetProperty("removals")[0];
        Assert.Equal("content/includes/tip.md", removal.GetProperty("included_file").GetString());
        Assert.Equal(3, removal.GetProperty("start_line").GetInt32());
        Assert.Equal(5, removal.GetProperty("end_line").GetInt32());
    }
}
