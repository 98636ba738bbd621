using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Render;

/// <summary>One-character ids and classes on headings, which Markdig's own attribute parser turns down.</summary>
public sealed class ShortAttributeTests
{
    [Fact]
    public void A_heading_takes_a_one_character_id_or_class_and_links_to_it_are_valid()
    {
        using var site = new TempSite();
        site.Write("content/a/page.md", """
            ---
            title: Short ids
            description: Headings with one-letter ids
            ---

            ## Unpack {#x}

            ## Plug in {.k #z}

            ## Math \Text{a}

            Go to [unpack](#x) or [plug in](#z).
            """);

        var run = site.Run("build", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Diagnostics());
        var html = site.ReadOutput("a/page/index.html");
        Assert.Contains("<h2 id=\"x\">Unpack</h2>", html);
        Assert.Contains("<h2 id=\"z\" class=\"k\">Plug in</h2>", html);
        Assert.Contains("Math \\Text{a}</h2>", html);   // bare words in braces stay text
    }
}
