using System.Collections.Concurrent;
using GuideBuilder.Tests.Support;
using GuideBuilder.Tests.Theme;
using Microsoft.Playwright;
using Xunit.Abstractions;
using GuideBuilder.Model;

namespace GuideBuilder.Tests.Serve;

/// <summary>
/// <c>serve</c> in headless Chromium (Debian's <c>/usr/bin/chromium</c>): the open page reloads by
/// itself after an edit on disk, a broken link shows up in the overlay, and fixing it clears the
/// overlay — with no navigation by the test. Screenshots of the overlay, light and dark, go to
/// <see cref="BrowserTests.ShotsDir"/>.
/// </summary>
public sealed class LiveBrowserTests(ITestOutputHelper output)
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Wait = 20_000;

    private const string Guide = """
        ---
        title: Restart the Print Spooler
        date: 2025-01-02
        description: How to restart the print spooler
        categories: [printers]
        ---

        The spooler holds print jobs until the printer takes them. See [the other guide](other.md).

        ## Steps

        1. Open **Services**.
        2. Restart **Print Spooler**.
        """;

    private const string Other = """
        ---
        title: Clear the Print Queue
        date: 2025-01-01
        description: Another guide
        categories: [printers]
        ---

        Nothing to see here.
        """;

    [Fact]
    public async Task Page_reloads_after_an_edit_and_the_overlay_shows_and_clears_a_broken_link()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does");
        Directory.CreateDirectory(BrowserTests.ShotsDir);
        using var site = new TempSite();
        site.Write("content/printers/restart-spooler.md", Guide).Write("content/printers/other.md", Other);
        var file = Path.Combine(site.Root, "content/printers/restart-spooler.md");
        await using var server = await ServeRun.StartAsync(site);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 760 } });
        var page = await context.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Enqueue($"console: {m.Text} ({m.Location})"); };
        page.PageError += (_, e) => errors.Enqueue("page error: " + e);

        var guideUrl = new Uri(server.BaseAddress, "printers/restart-spooler/").ToString();
        await page.GotoAsync(guideUrl);
        Assert.Contains("holds print jobs", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#gb-diagnostics").CountAsync());

        // 1. An edit on disk: the page reloads by itself (the marker set on this document is gone) with the new text.
        await page.EvaluateAsync("window.__beforeEdit = true");
        File.WriteAllText(file, Guide.Replace("The spooler holds print jobs until the printer takes them.", "Freshly edited sentence from disk."));
        await page.WaitForFunctionAsync("() => document.body && document.body.innerText.includes('Freshly edited sentence from disk.')", null, new() { Timeout = Wait });
        Assert.True(await page.EvaluateAsync<bool>("window.__beforeEdit === undefined"), "the new text arrived without a reload");
        Assert.Equal(guideUrl, page.Url);

        // 2. A broken link: the overlay appears in the page, naming the file, line and rule.
        File.WriteAllText(file, Guide.Replace("(other.md)", "(missing-guide.md)"));
        var item = page.Locator("#gb-diagnostics li");
        await item.First.WaitForAsync(new() { Timeout = Wait });
        Assert.Equal(1, await item.CountAsync());
        var text = await item.First.InnerTextAsync();
        Assert.Contains("content/printers/restart-spooler.md:8:", text);
        Assert.Contains("link.broken", text);
        Assert.Contains("missing-guide.md", text);
        Assert.Contains("1 error", await page.Locator("#gb-diagnostics h2").InnerTextAsync());
        Assert.True(await page.Locator("#gb-diagnostics .panel").IsVisibleAsync());
        await Shot(page, "serve-overlay-light");
        var lightBackground = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#gb-diagnostics').shadowRoot.querySelector('.panel')).backgroundColor");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        var darkBackground = await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('#gb-diagnostics').shadowRoot.querySelector('.panel')).backgroundColor");
        Assert.Equal("rgb(255, 255, 255)", lightBackground);
        Assert.NotEqual(lightBackground, darkBackground);
        await Shot(page, "serve-overlay-dark");

        // 3. The fix: the page reloads and the overlay is gone.
        File.WriteAllText(file, Guide);
        await page.Locator("#gb-diagnostics").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = Wait });
        await page.WaitForFunctionAsync("() => document.body && document.body.innerText.includes('holds print jobs')", null, new() { Timeout = Wait });
        Assert.Equal(0, await page.Locator("#gb-diagnostics").CountAsync());

        Assert.True(errors.IsEmpty, string.Join("\n", errors));
        await context.CloseAsync();
    }

    private async Task Shot(IPage page, string name)
    {
        var path = Path.Combine(BrowserTests.ShotsDir, name + ".png");
        var bytes = await page.ScreenshotAsync(new() { Path = path });
        Assert.True(bytes.Length > 1000, $"{name}: screenshot is empty");
        output.WriteLine("screenshot: " + path);
    }
}
