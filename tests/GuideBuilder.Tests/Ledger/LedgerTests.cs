using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Ledger;

/// <summary>published.yml end to end through the CLI: moves, aliases, reworded and deleted headings, retirement, corruption.</summary>
public sealed class LedgerTests
{
    [Fact]
    public void First_build_records_every_url_and_id_sorted_one_line_a_page_and_a_second_build_gives_the_same_bytes()
    {
        using var site = LedgerSite.Create();
        var run = site.Run("build", "--no-color");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("recorded every published URL and id in published.yml (new)", run.Stderr);
        var text = File.ReadAllText(LedgerSite.LedgerPath(site));
        var lines = text.Split('\n').Where(l => l.StartsWith('/')).ToList();
        Assert.Equal(
        [
            "/networking/reset-router/: [find-the-password-on-the-label, reset-the-router, reset-the-router-step-1..3, choose-a-new-password]",
            "/printers/add-printer/: [open-the-printer-settings, open-the-printer-settings-step-1..2]",
        ], lines);
        var mtime = File.GetLastWriteTimeUtc(LedgerSite.LedgerPath(site));
        Thread.Sleep(20);
        var again = site.Run("build", "--no-color");
        Assert.Equal(0, again.ExitCode);
        Assert.DoesNotContain("published.yml", again.Stderr);
        Assert.Equal(text, File.ReadAllText(LedgerSite.LedgerPath(site)));
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(LedgerSite.LedgerPath(site)));
    }

    [Fact]
    public void Renaming_a_guide_without_an_alias_is_url_removed_at_the_ledger_line_naming_the_new_file_and_the_aliases_line()
    {
        using var site = LedgerSite.Create();
        Assert.Equal(0, site.Run("build").ExitCode);
        var before = File.ReadAllText(LedgerSite.LedgerPath(site));
        LedgerSite.Move(site, "content/networking/reset-router.md", "content/networking/reset-router-password.md");
        LedgerSite.Edit(site, "content/printers/add-printer.md", t => t.Replace("reset-router.md#", "reset-router-password.md#"));

        var run = site.Run("build", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var removed = Assert.Single(run.Diagnostics(), d => d.Rule == "url.removed");
        Assert.Equal(("published.yml", 4, "error"), (removed.File, removed.Line, removed.Severity));
        Assert.Contains("/networking/reset-router/", removed.Message);
        Assert.Contains("content/networking/reset-router-password.md", removed.Message);
        Assert.Contains("aliases: [networking/reset-router/]", removed.Message);
        Assert.Contains("delete this line from published.yml", removed.Message);
        Assert.Equal(before, File.ReadAllText(LedgerSite.LedgerPath(site)));   // a failed build leaves the ledger alone

        // check says the same and never writes.
        var check = site.Run("check", "--format", "json");
        Assert.Equal(1, check.ExitCode);
        Assert.Single(check.Diagnostics(), d => d.Rule == "url.removed");
    }

    [Fact]
    public void An_alias_redirects_with_a_page_and_a_301_and_the_ledger_records_the_redirect()
    {
        using var site = LedgerSite.Create();
        Assert.Equal(0, site.Run("build").ExitCode);
        LedgerSite.Move(site, "content/networking/reset-router.md", "content/routers/reset-router-password.md",
            t => t.Replace("title: Reset", "aliases: [networking/reset-router/]\ntitle: Reset"));
        LedgerSite.Edit(site, "content/printers/add-printer.md", t => t.Replace("../networking/reset-router.md#", "../routers/reset-router-password.md#"));

        var run = site.Run("build", "--format", "json", "--verbose");
        Assert.Equal(0, run.ExitCode);
        var html = site.ReadOutput("networking/reset-router/index.html");
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"0; url=../../routers/reset-router-password/\">", html);
        Assert.Contains("<link rel=\"canonical\" href=\"https://guides.example.org/routers/reset-router-password/\">", html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
        Assert.Contains("location.replace(\"../../routers/reset-router-password/\" + location.hash)", html);
        Assert.Contains("<a href=\"../../routers/reset-router-password/\">Reset a Router Password</a>", html);
        Assert.Equal("/networking/reset-router/ /routers/reset-router-password/ 301\n", site.ReadOutput("_redirects"));
        Assert.DoesNotContain("networking/reset-router/", site.ReadOutput("sitemap.xml"));
        Assert.DoesNotContain("networking/reset-router/", site.ReadOutput("search-index.json"));
        var ledger = File.ReadAllText(LedgerSite.LedgerPath(site));
        Assert.Contains("/networking/reset-router/: {redirect: /routers/reset-router-password/}\n", ledger);
        Assert.Contains("/routers/reset-router-password/: [find-the-password-on-the-label, reset-the-router,", ledger);

        // Dropping the alias later is url.removed again, pointing at the page that held it.
        LedgerSite.Edit(site, "content/routers/reset-router-password.md", t => t.Replace("aliases: [networking/reset-router/]\n", ""));
        var dropped = site.Run("check", "--format", "json");
        Assert.Equal(1, dropped.ExitCode);
        var d = Assert.Single(dropped.Diagnostics(), x => x.Rule == "url.removed");
        Assert.Contains("content/routers/reset-router-password.md", d.Message);
    }

    [Fact]
    public void A_link_to_an_alias_url_is_link_redirected_info_and_published_as_the_current_url()
    {
        using var site = LedgerSite.Create();
        LedgerSite.Edit(site, "content/networking/reset-router.md", t => t.Replace("title: Reset", "aliases: [/old/router/]\ntitle: Reset"));
        LedgerSite.Edit(site, "content/printers/add-printer.md", t => t.Replace("../networking/reset-router.md#reset-the-router", "/old/router/#reset-the-router"));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var info = Assert.Single(run.Diagnostics(), d => d.Rule == "link.redirected");
        Assert.Equal(("content/printers/add-printer.md", "info"), (info.File, info.Severity));
        Assert.Contains("/networking/reset-router/", info.Message);
        Assert.Contains("href=\"../../networking/reset-router/#reset-the-router\"", site.ReadOutput("printers/add-printer/index.html"));
    }

    [Theory]
    [InlineData("aliases: [printers/add-printer/]", "is the URL of content/printers/add-printer.md")]
    [InlineData("aliases: [networking/reset-router/]", "is this page's own URL")]
    [InlineData("aliases: [old/a/, /old/a]", "is listed twice")]
    [InlineData("aliases: [\"https://x.example/a/\"]", "must be a path inside this site")]
    public void An_alias_that_collides_is_an_error_at_its_line(string aliases, string expected)
    {
        using var site = LedgerSite.Create();
        LedgerSite.Edit(site, "content/networking/reset-router.md", t => t.Replace("title: Reset", aliases + "\ntitle: Reset"));
        var run = site.Run("check", "--format", "json");
        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), x => x.Rule == "alias.invalid");
        Assert.Equal(("content/networking/reset-router.md", 2), (d.File, d.Line));
        Assert.Contains(expected, d.Message);
    }

    [Fact]
    public void Alias_words_without_a_slash_are_names_not_urls_so_two_pages_may_share_them_and_no_redirect_is_written()
    {
        // Reference docs list a command's short names under aliases: (the same ones in every version's copy).
        using var site = LedgerSite.Create();
        LedgerSite.Edit(site, "content/networking/reset-router.md", t => t.Replace("title: Reset", "aliases:\n  - rr\ntitle: Reset"));
        LedgerSite.Edit(site, "content/printers/add-printer.md", t => t.Replace("title: ", "aliases: [rr]\ntitle: "));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule == "alias.invalid");
        Assert.False(File.Exists(Path.Combine(site.Output, "rr", "index.html")));
    }

    [Fact]
    public void A_reworded_heading_keeps_its_old_id_on_the_heading_with_one_info_line_and_the_ledger_records_both()
    {
        using var site = LedgerSite.Create();
        Assert.Equal(0, site.Run("build").ExitCode);
        LedgerSite.Edit(site, "content/networking/reset-router.md", t => t.Replace("## Reset the router", "## Reset the router to factory settings"));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var kept = Assert.Single(run.Diagnostics(), d => d.Rule == "anchor.kept");
        Assert.Equal(("content/networking/reset-router.md", 11, "info"), (kept.File, kept.Line, kept.Severity));
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule is "anchor.removed" or "link.anchor");
        var html = site.ReadOutput("networking/reset-router/index.html");
        Assert.Contains("<h2 id=\"reset-the-router-to-factory-settings\"><span id=\"reset-the-router\"></span>Reset the router to factory settings</h2>", html);
        var line = File.ReadAllLines(LedgerSite.LedgerPath(site)).Single(l => l.StartsWith("/networking/"));
        Assert.Equal("/networking/reset-router/: [find-the-password-on-the-label, reset-the-router-to-factory-settings, reset-the-router->reset-the-router-to-factory-settings, reset-the-router-to-factory-settings-step-1..3, choose-a-new-password]", line);
        // The next build finds both ids on the page: nothing to say.
        var again = site.Run("build", "--format", "json");
        Assert.DoesNotContain(again.Diagnostics(), d => d.Rule is "anchor.kept" or "anchor.removed");
        Assert.Contains("<span id=\"reset-the-router\"></span>", site.ReadOutput("networking/reset-router/index.html"));
    }

    [Fact]
    public void A_deleted_heading_is_anchor_removed_with_the_fix_and_inserted_steps_are_not_reported()
    {
        using var site = LedgerSite.Create();
        Assert.Equal(0, site.Run("build").ExitCode);
        LedgerSite.Edit(site, "content/networking/reset-router.md", t => t
            .Replace("## Choose a new password\n\n", "")
            .Replace("2. Press it", "2. Unplug the cable.\n3. Press it").Replace("3. Wait", "4. Wait"));
        Assert.Equal(1, site.Run("check", "--strict").ExitCode);
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), x => x.Rule == "anchor.removed");
        Assert.Equal(("content/networking/reset-router.md", "warning"), (d.File, d.Severity));
        Assert.Contains("'#choose-a-new-password'", d.Message);
        Assert.Contains("{#choose-a-new-password}", d.Message);
        Assert.Contains("anchors:", d.Message);
        // The successful build recorded the page as it is now: the id is retired, the new step recorded.
        Assert.Contains("reset-the-router-step-1..4]", File.ReadAllText(LedgerSite.LedgerPath(site)));
    }

    [Fact]
    public void Front_matter_anchors_keep_an_old_id_on_the_heading_named()
    {
        using var site = LedgerSite.Create();
        Assert.Equal(0, site.Run("build").ExitCode);
        LedgerSite.Edit(site, "content/networking/reset-router.md", t => t
            .Replace("## Choose a new password", "## Pick a passphrase")
            .Replace("title: Reset", "anchors: {choose-a-new-password: pick-a-passphrase}\ntitle: Reset"));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule is "anchor.removed" or "anchor.kept");
        Assert.Contains("<h2 id=\"pick-a-passphrase\"><span id=\"choose-a-new-password\"></span>", site.ReadOutput("networking/reset-router/index.html"));
    }

    [Fact]
    public void Deleting_a_ledger_line_retires_the_url_with_no_diagnostic()
    {
        using var site = LedgerSite.Create();
        Assert.Equal(0, site.Run("build").ExitCode);
        File.Delete(Path.Combine(site.Root, "content/printers/add-printer.md"));
        Assert.Equal(1, site.Run("check").ExitCode);
        var path = LedgerSite.LedgerPath(site);
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("/printers/")));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Diagnostics(), d => d.Severity != "info");
        Assert.DoesNotContain("/printers/", File.ReadAllText(path));
    }

    [Fact]
    public void A_guide_held_back_as_a_draft_or_by_an_error_is_not_removed_and_keeps_its_line()
    {
        using var site = LedgerSite.Create();
        Assert.Equal(0, site.Run("build").ExitCode);
        LedgerSite.Edit(site, "content/printers/add-printer.md", t => t.Replace("title: Add", "draft: true\ntitle: Add"));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule == "url.removed");
        Assert.Contains("/printers/add-printer/: [open-the-printer-settings", File.ReadAllText(LedgerSite.LedgerPath(site)));
        LedgerSite.Edit(site, "content/printers/add-printer.md", t => t.Replace("draft: true\ntitle: Add", "title: [Add"));
        var broken = site.Run("check", "--format", "json");
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains(broken.Diagnostics(), d => d.Rule == "frontmatter.invalid");
        Assert.DoesNotContain(broken.Diagnostics(), d => d.Rule == "url.removed");
    }

    [Theory]
    [InlineData("<<<<<<< HEAD\n/a/: [x]\n=======\n/b/: [y]\n>>>>>>> branch\n", 1, "merge conflict")]
    [InlineData("# header\n/a/: [x, y\n", 2, "the line ends")]
    [InlineData("/a/: [x]\n/a/: [y]\n", 2, "already listed on line 1")]
    [InlineData("a/: [x]\n", 1, "starts with '/'")]
    [InlineData("/a/: {redirect: b/}\n", 1, "redirect goes to a URL")]
    public void A_corrupt_ledger_is_config_invalid_at_its_line_exit_2_and_is_not_replaced(string text, int line, string expected)
    {
        using var site = LedgerSite.Create();
        File.WriteAllText(LedgerSite.LedgerPath(site), text);
        var run = site.Run("build", "--no-color");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"published.yml:{line}:", run.Stderr);
        Assert.Contains("GB0001", run.Stderr);
        Assert.Contains(expected, run.Stderr);
        Assert.Equal(text, File.ReadAllText(LedgerSite.LedgerPath(site)));
        Assert.False(site.OutputExists("index.html"));
        // --no-ledger ignores it.
        Assert.Equal(0, site.Run("build", "--no-ledger").ExitCode);
        Assert.Equal(text, File.ReadAllText(LedgerSite.LedgerPath(site)));
    }

    [Fact]
    public void Check_never_writes_the_ledger_and_no_ledger_neither_reads_nor_writes_it()
    {
        using var site = LedgerSite.Create();
        Assert.Equal(0, site.Run("check").ExitCode);
        Assert.False(File.Exists(LedgerSite.LedgerPath(site)));
        Assert.Equal(0, site.Run("build", "--no-ledger").ExitCode);
        Assert.False(File.Exists(LedgerSite.LedgerPath(site)));
        Assert.Equal(0, site.Run("build").ExitCode);
        File.Delete(Path.Combine(site.Root, "content/printers/add-printer.md"));
        Assert.Equal(0, site.Run("build", "--no-ledger").ExitCode);
        Assert.Contains("/printers/add-printer/", File.ReadAllText(LedgerSite.LedgerPath(site)));
    }

    [Fact]
    public void Format_and_parse_round_trip_ids_that_need_quotes_and_step_ranges()
    {
        var pages = new[]
        {
            new LedgerPage("a/", 0, ["intro", "x: y", "step-1", "step-2", "step-3", "h-step-2", "odd..id", "true", "über"]),
            new LedgerPage("", 0, []),
            new LedgerPage("b c/", 0, [], "a/"),
        };
        var text = PublishedLedger.Format(pages);
        Assert.Contains("/: []\n", text);
        Assert.Contains("/a/: [intro, \"x: y\", step-1..3, h-step-2, \"odd..id\", \"true\", über]\n", text);
        Assert.Contains("\"/b c/\": {redirect: /a/}\n", text);
        var back = PublishedLedger.Parse(text);
        Assert.Equal(pages[0].Ids, back.Find("a/")!.Ids);
        Assert.Equal("a/", back.Find("b c/")!.RedirectTo);
        Assert.Empty(back.Find("")!.Ids);
        Assert.True(PublishedLedger.IsStepId("using-it-step-12"));
        Assert.False(PublishedLedger.IsStepId("step-1-restart-the-router"));
    }
}
