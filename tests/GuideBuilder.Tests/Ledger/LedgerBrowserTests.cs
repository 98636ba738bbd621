using GuideBuilder.Tests.Support;
using Microsoft.Playwright;

namespace GuideBuilder.Tests.Ledger;

/// <summary>Redirects and kept ids in headless Chromium: an old URL with a #fragment, and an old heading id.</summary>
public sealed class LedgerBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task An_old_url_with_a_fragment_lands_on_the_new_page_at_that_heading_and_an_old_heading_id_scrolls_to_the_reworded_heading()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does");
        using var site = LedgerSite.Create();
        var filler = string.Concat(Enumerable.Repeat("A paragraph that makes the page long enough to scroll.\n\n", 60));
        LedgerSite.Edit(site, "content/networking/reset-router.md", t => t.Replace("## Reset the router", filler + "## Reset the router").Replace("## Choose", filler + "## Choose"));
        Assert.Equal(0, site.Run("build").ExitCode);
        LedgerSite.Move(site, "content/networking/reset-router.md", "content/routers/reset-router-password.md", t => t
            .Replace("title: Reset", "aliases: [networking/reset-router/]\ntitle: Reset")
            .Replace("## Reset the router", "## Reset the router to factory settings"));
        LedgerSite.Edit(site, "content/printers/add-printer.md", t => t.Replace("../networking/reset-router.md#reset-the-router", "../routers/reset-router-password.md#reset-the-router"));
        var run = site.Run("build", "--no-color");
        Assert.True(run.ExitCode == 0, run.Stderr);

        using var server = new StaticServer(site.Output);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1000, Height = 700 } });

        // The old URL and the old heading id at once: redirect page, fragment kept, kept id on the reworded heading.
        await page.GotoAsync(server.BaseUrl + "networking/reset-router/#reset-the-router");
        await page.WaitForURLAsync(server.BaseUrl + "routers/reset-router-password/#reset-the-router", new() { Timeout = 15_000 });
        await page.WaitForFunctionAsync("() => window.scrollY > 200 && Math.abs(document.getElementById('reset-the-router-to-factory-settings').getBoundingClientRect().top) < 120", null, new() { Timeout = 10_000 });
        var top = await page.EvaluateAsync<double>("document.getElementById('reset-the-router-to-factory-settings').getBoundingClientRect().top");
        Assert.InRange(top, -5, 120);
        Assert.Equal("Reset the router to factory settings", (await page.Locator("h2#reset-the-router-to-factory-settings").TextContentAsync())!.Trim());

        // The new id works as well, from the top of the page.
        await page.GotoAsync(server.BaseUrl + "routers/reset-router-password/");
        Assert.Equal(0, await page.EvaluateAsync<double>("window.scrollY"));
        await page.GotoAsync(server.BaseUrl + "routers/reset-router-password/#reset-the-router-to-factory-settings");
        await page.WaitForFunctionAsync("() => window.scrollY > 200 && Math.abs(document.getElementById('reset-the-router-to-factory-settings').getBoundingClientRect().top) < 120", null, new() { Timeout = 10_000 });
        top = await page.EvaluateAsync<double>("document.getElementById('reset-the-router-to-factory-settings').getBoundingClientRect().top");
        Assert.InRange(top, -5, 120);
    }
}
