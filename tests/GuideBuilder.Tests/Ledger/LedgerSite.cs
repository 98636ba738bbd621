using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Ledger;

/// <summary>A small site with two guides, one with headings, steps and a link to the other's heading.</summary>
internal static class LedgerSite
{
    public const string Router = """
        ---
        title: Reset a Router Password
        description: Get back into a router whose password is lost
        ---
        Intro text about routers and their admin pages, long enough to be a page.

        ## Find the password on the label

        Look at the sticker under the router for the default password.

        ## Reset the router

        1. Find the small reset hole at the back.
        2. Press it with a paper clip for ten seconds.
        3. Wait for the lights to come back.

        ## Choose a new password

        Pick a long passphrase and write it down somewhere safe.
        """;

    public const string Printer = """
        ---
        title: Add a Printer
        description: Add a network printer in Windows
        ---
        First [reset the router](../networking/reset-router.md#reset-the-router) if the network is down.

        ## Open the printer settings

        1. Open Settings.
        2. Choose Bluetooth and devices.
        """;

    public static TempSite Create()
    {
        var site = new TempSite();
        site.Write("content/networking/reset-router.md", Router);
        site.Write("content/printers/add-printer.md", Printer);
        return site;
    }

    public static string LedgerPath(TempSite site) => Path.Combine(site.Root, "published.yml");

    public static void Move(TempSite site, string from, string to, Func<string, string>? edit = null)
    {
        var text = File.ReadAllText(Path.Combine(site.Root, from));
        File.Delete(Path.Combine(site.Root, from));
        site.Write(to, edit is null ? text : edit(text));
    }

    public static void Edit(TempSite site, string file, Func<string, string> edit) =>
        site.Write(file, edit(File.ReadAllText(Path.Combine(site.Root, file))));
}
