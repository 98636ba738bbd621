using System.Collections.Concurrent;
using GuideBuilder.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GuideBuilder.Tests.Theme;

/// <summary>
/// The built fixture site in headless Chromium (Debian's <c>/usr/bin/chromium</c>), served from
/// 127.0.0.1: no console errors, nothing requested from anywhere else, search as you type, and
/// screenshots at phone and desktop widths.
/// </summary>
public sealed class BrowserTests(FixtureSite fixture, ITestOutputHelper output) : IClassFixture<FixtureSite>
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Where the screenshots go, to look at after a run.</summary>
    public static readonly string ShotsDir = Path.Combine(Path.GetTempPath(), "guidebuilder-screenshots");

    [Fact]
    public async Task Home_and_guide_load_offline_search_finds_a_guide_and_render_at_phone_and_desktop_width()
    {
        Assert.Equal(0, fixture.Run.ExitCode);
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (apt-get install -y chromium), as .ci/run does");
        Directory.CreateDirectory(ShotsDir);
        using var server = new StaticServer(fixture.Output, new Uri(FixtureSite.BaseUrl).AbsolutePath);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var requests = new ConcurrentQueue<string>();
        var outside = new ConcurrentQueue<string>();
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            requests.Enqueue(url);
            if (new Uri(url).Host == "127.0.0.1") await route.ContinueAsync();
            else
            {
                outside.Enqueue(url);
                await route.AbortAsync();
            }
        });
        var page = await context.NewPageAsync();
        var errors = new ConcurrentQueue<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Enqueue($"console: {m.Text} ({m.Location})"); };
        page.PageError += (_, e) => errors.Enqueue("page error: " + e);
        page.RequestFailed += (_, r) => { if (new Uri(r.Url).Host == "127.0.0.1") errors.Enqueue("request failed: " + r.Url); };
        page.Response += (_, r) => { if (r.Status >= 400) errors.Enqueue($"HTTP {r.Status}: {r.Url}"); };

        // Home: search as you type for a word from one guide's title.
        var home = await page.GotoAsync(server.BaseUrl);
        Assert.Equal(200, home!.Status);
        Assert.Equal("Fixture Guides", await page.Locator("h1").TextContentAsync());
        var input = page.Locator("#search-input");
        await input.ClickAsync();
        await input.PressSequentiallyAsync("spooler", new() { Delay = 30 });
        var results = page.Locator("#search-results a");
        await results.First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(["Restart the Print Spooler Service"], await page.Locator("#search-results .title").AllTextContentsAsync());
        await Shot(page, "home-search-1280");

        // Keyboard only: down into the results, Enter opens the guide.
        await input.PressAsync("ArrowDown");
        Assert.Equal("Restart the Print Spooler Service", await page.EvaluateAsync<string>("document.activeElement.querySelector('.title').textContent"));
        await Task.WhenAll(page.WaitForURLAsync(server.BaseUrl + "printers/restart-spooler/"), page.Keyboard.PressAsync("Enter"));
        Assert.Equal("Restart the Print Spooler Service", await page.Locator("h1").TextContentAsync());

        // Enter in the search box opens the best match; a word from the body finds its guide too.
        await page.Locator("#search-input").PressSequentiallyAsync("sidebar");
        await page.Locator("#search-results a").First.WaitForAsync(new() { Timeout = 10_000 });
        Assert.Equal(["Open Windows Settings Quickly"], await page.Locator("#search-results .title").AllTextContentsAsync());
        await Task.WhenAll(page.WaitForURLAsync(server.BaseUrl + "windows/open-settings/"), page.Locator("#search-input").PressAsync("Enter"));

        // A guide with steps, screenshots and a table of contents.
        var guideUrl = server.BaseUrl + "windows/open-settings/";
        var guide = await page.GotoAsync(guideUrl);
        Assert.Equal(200, guide!.Status);
        Assert.Equal(5, await page.Locator("ol.steps > li").CountAsync());
        await page.Locator("#use-the-keyboard-step-2 figure img").ScrollIntoViewIfNeededAsync();
        Assert.True(await page.EvaluateAsync<bool>("(() => { const i = document.querySelector('#use-the-keyboard-step-2 figure img'); return i.complete && i.naturalWidth > 0; })()"));
        await Shot(page, "guide-1280");

        // The skip link is the first thing Tab reaches, and it is visible when focused.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("document.activeElement.className"));
        Assert.True(await page.EvaluateAsync<bool>("document.activeElement.getBoundingClientRect().top >= 0"));

        // Phone width: nothing wider than the screen.
        await page.SetViewportSizeAsync(360, 740);
        foreach (var (url, name) in new[] { (guideUrl, "guide-360"), (server.BaseUrl, "home-360") })
        {
            await page.GotoAsync(url);
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 360, $"{name} scrolls sideways at 360 px");
            await Shot(page, name);
        }

        // Dark colour scheme.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.GotoAsync(guideUrl);
        Assert.Equal("rgb(20, 24, 28)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await Shot(page, "guide-360-dark");

        // Print: no site chrome, light background, the steps kept.
        await page.SetViewportSizeAsync(800, 1000);
        await page.EmulateMediaAsync(new() { Media = Media.Print, ColorScheme = ColorScheme.Dark });
        Assert.False(await page.Locator("header.site-header").IsVisibleAsync());
        Assert.False(await page.Locator("nav.toc").IsVisibleAsync());
        Assert.True(await page.Locator("#use-the-start-menu-step-2").IsVisibleAsync());
        Assert.Equal("rgb(255, 255, 255)", await page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor"));
        await Shot(page, "guide-print");

        Assert.Empty(outside);
        Assert.All(requests, r => Assert.StartsWith("http://127.0.0.1:", r));
        Assert.Empty(errors);
    }

    private async Task Shot(IPage page, string name)
    {
        var path = Path.Combine(ShotsDir, name + ".png");
        var bytes = await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(bytes.Length > 1000, $"{name}: screenshot is empty");
        output.WriteLine("screenshot: " + path);
    }
}
