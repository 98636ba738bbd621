using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Theme;

/// <summary>
/// A small site in the sample site's shape — two categories, tags, screenshots in steps, a body
/// heading that repeats the title, two step lists on one page, cross-links — written for the
/// theme tests and built once per test class.
/// </summary>
public sealed class FixtureSite : IDisposable
{
    public const string BaseUrl = "https://docs.example.test/help/";

    public FixtureSite()
    {
        Site = Write(new TempSite($"title: Fixture Guides\nbase_url: {BaseUrl}\ndescription: Short fixes for everyday computer problems\n"));
        Run = Site.Run("build", "--format", "json");
    }

    public TempSite Site { get; }

    public CliRun Run { get; }

    public string Output => Site.Output;

    public string Read(string relative) => Site.ReadOutput(relative);

    public static TempSite Write(TempSite site)
    {
        site.Write("content/windows/open-settings.md", """
            ---
            title: Open Windows Settings Quickly
            date: 2025-03-01T09:00:00Z
            updated: 2025-03-04
            categories: [Windows]
            tags: [windows, settings]
            description: Two fast ways to reach the Settings app
            keywords: [settings, shortcut]
            thumbnail: images/settings-thumb.svg
            ---

            ## Open Windows Settings Quickly

            Settings holds almost every option you will need. Here are two ways in.

            ## Use the keyboard

            1. Press **Win** \+ **I**.
            2. Click **System** in the sidebar.
               ![The System page of Settings](images/system.svg)
            3. Pick the page you need, then close Settings with **Alt** \+ **F4**.

            ### When the shortcut does nothing

            Some keyboards lock the Windows key; unlock it and try again.

            ## Use the Start menu

            1. Click **Start**.
            2. Choose the gear icon labelled **Settings**.

            To pin useful apps, see [how to pin apps](pin-apps.md#pin-from-start).

            | Page | What it holds | Open it directly |
            |---|---|---|
            | System | Display, sound, notifications, power, storage and clipboard settings | `ms-settings:system-and-display-and-sound` |
            | Bluetooth & devices | Mice, keyboards, printers, phones and other paired hardware | `ms-settings:bluetooth-and-other-devices` |

            ```
            start ms-settings:windowsupdate-and-a-deliberately-long-command-line-that-would-overflow-a-phone-screen
            ```
            """);
        site.Write("content/windows/pin-apps.md", """
            ---
            title: Pin Apps to the Taskbar
            date: 2025-02-01
            categories: [Windows]
            tags: [windows, taskbar]
            description: Pin and unpin apps on the Windows taskbar
            excerpt: Keep the apps you use every day one click away.
            ---

            Pinned apps stay on the taskbar after a restart.

            ## Pin from Start

            1. Open **Start** and find the app.
            2. Right-click it and choose **Pin to taskbar**.
               ![The Pin to taskbar menu item](images/pin.svg)

            ## Unpin an app

            1. Right-click the icon on the taskbar and choose **Unpin from taskbar**.
            """);
        site.Write("content/printers/restart-spooler.md", """
            ---
            title: Restart the Print Spooler Service
            date: 2025-01-15
            categories: [Printers]
            tags: [printing]
            description: Clear stuck print jobs by restarting the service that queues them
            ---

            # Restart the Print Spooler Service

            When a document refuses to leave the queue, restarting the spooler clears it.

            ## Restart it from Services

            1. Press **Win** \+ **R**, type `services.msc` and press **Enter**.
            2. Find **Print Spooler**, right-click it and choose **Restart**.

            ## Check the queue again

            Open the printer's queue; the stuck job should be gone. Still stuck? See
            [Open Windows Settings Quickly](../windows/open-settings.md).
            """);
        site.Write("content/windows/images/settings-thumb.svg", Svg("Settings", "#0b5cad"));
        site.Write("content/windows/images/system.svg", Svg("System page", "#2f7d32"));
        site.Write("content/windows/images/pin.svg", Svg("Pin to taskbar", "#8e44ad"));
        return site;
    }

    /// <summary>A small stand-in screenshot: a framed window with a caption.</summary>
    public static string Svg(string label, string color) => $"""
        <svg xmlns="http://www.w3.org/2000/svg" width="640" height="320" viewBox="0 0 640 320">
          <rect width="640" height="320" fill="#f1f3f5"/>
          <rect x="20" y="20" width="600" height="280" rx="8" fill="#ffffff" stroke="#c8cdd2"/>
          <rect x="20" y="20" width="600" height="36" rx="8" fill="{color}"/>
          <text x="40" y="44" font-family="sans-serif" font-size="16" fill="#ffffff">{label}</text>
          <rect x="40" y="80" width="160" height="200" fill="#e6e9ec"/>
          <rect x="220" y="80" width="380" height="24" fill="#e6e9ec"/>
          <rect x="220" y="120" width="300" height="24" fill="#e6e9ec"/>
        </svg>
        """;

    public void Dispose() => Site.Dispose();
}
