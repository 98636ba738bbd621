using System.Text.Json;
using GuideBuilder.Model;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary>
/// The words of a removed marker region and the links of a removed HTML link farm are read (a parse each) only when
/// the strip report reads them; the report says the same as when they were read at once.
/// </summary>
public sealed class RemovalTextTests
{
    [Fact]
    public void A_text_given_as_a_function_is_made_when_first_read_and_kept_as_a_text_given_at_once_would_be()
    {
        var calls = 0;
        var removal = new Removal("marker", 3, 5, "<!-- ad -->").WithText(() =>
        {
            calls++;
            return "  Buy   the\n new  model ";
        });
        Assert.Equal(0, calls);
        Assert.Equal("Buy the new model", removal.Text);
        Assert.Equal(removal.Text, removal.Text);
        Assert.Equal(1, calls);
        Assert.Equal(new Removal("marker", 3, 5, "<!-- ad -->").WithText("  Buy   the\n new  model "), removal);
        Assert.Null(new Removal("marker", 3, 5, "x").WithText(() => " \n ").Text);

        var excerpts = 0;
        var farm = Removal.Later("link-farm", 1, 4, () => { excerpts++; return Removal.LinkFarm("Also read:", ["One", "Two"]); });
        Assert.Equal(0, excerpts);
        Assert.Equal("Also read: 2 links (One, …)", farm.Excerpt);
        Assert.Equal("link-farm", (farm with { StartLine = 2 }).Rule);
        Assert.Equal(1, excerpts);
    }

    [Fact]
    public void Strip_report_has_the_words_of_a_marker_region_and_the_links_of_an_html_link_farm()
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\n");
        site.Write("content/a.md", """
            ---
            title: Reset the router
            ---
            Unplug the router and wait ten seconds before you plug it back in.

            <!-- ads begin -->
            **Buy** the [Netlink X9](https://example.com/x9) today.
            <!-- ads end -->

            Also read:

            <ul>
            <li><a href="https://example.com/one">Fix a slow printer</a></li>
            <li><a href="https://example.com/two">Clean a keyboard</a></li>
            </ul>

            Then check that the lights are green.
            """);
        var report = Path.Combine(site.Root, "strip.json");
        var run = site.Run(["build", "--no-ledger", "--strip-report", report]);
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(report));
        var removals = json.RootElement.GetProperty("pages")[0].GetProperty("removals").EnumerateArray()
            .ToDictionary(r => r.GetProperty("rule").GetString()!);
        Assert.Equal("Buy the Netlink X9 today.", removals["marker"].GetProperty("text_removed").GetString());
        Assert.Equal("Also read: 2 links (Fix a slow printer, …)", removals["link-farm"].GetProperty("excerpt").GetString());
    }
}
