using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// Each rule of the contract's table fires at the exact line and column of the .md source file
/// (front-matter lines counted), as reported by <c>check --format json</c>; and none fires on a
/// valid site.
/// </summary>
public sealed class ContractRuleTests
{
    /// <summary>Four front-matter lines and a blank line: a body's first line is line 6 of the file.</summary>
    private const string FrontMatter = "---\ntitle: Rule Test Page\ndescription: A page for testing one rule at a time\n---\n\n";

    private const string Other = """
        ---
        title: Other Guide
        description: The guide that cross-page links point at
        ---

        ## Known Section

        Text under the known section.
        """;

    private static TempSite SiteWith(string body)
    {
        var site = new TempSite();
        site.Write("content/w/page.md", FrontMatter + body);
        site.Write("content/w/other.md", Other);
        site.WriteBytes("content/w/img/real.png", [0x89, 0x50, 0x4E, 0x47]);
        return site;
    }

    public static TheoryData<string, string, string, int, int> Firing => new()
    {
        // rule, description, body, line, column
        { "link.broken", "page link", "See [the guide](missin.md) now.\n", 6, 5 },
        { "link.broken", "in a nested list", "1. Step one\n   - see [x](gone/page.md)\n", 7, 10 },
        { "link.broken", "raw HTML link", "Text <a href=\"nope.md\">x</a>.\n", 6, 9 },
        { "link.broken", "clean-URL link", "Read [it](not-there/).\n", 6, 6 },
        // Links resolve against the .md file's folder (as on GitHub), not the published URL.
        { "link.broken", "clean-URL link relative to the page URL", "Read [it](../other/).\n", 6, 6 },
        { "link.broken", "text x in a list item (not a task box)", "- see [x](gone.md)\n", 6, 7 },
        { "link.anchor", "same page", "## Start Here\n\nGo to [top part](#start-her).\n", 8, 7 },
        { "link.anchor", "same page, step id", "1. One\n2. Two\n\nSee [step 3](#step-3).\n", 9, 5 },
        { "link.anchor", "cross page by file", "Read [that](other.md#unknown-section).\n", 6, 6 },
        { "link.anchor", "cross page by clean URL", "Read [that](other/#known).\n", 6, 6 },
        { "link.asset", "image", "![Shot](img/missing.png)\n", 6, 1 },
        { "link.asset", "image in a quote", "> Note:\n> ![Shot](img/missing.png)\n", 7, 3 },
        { "link.asset", "file link", "Get [the sheet](files/sheet.pdf).\n", 6, 5 },
        { "link.asset", "after a stripped ad region",
            "Intro.\n\n<!-- affiliate ads begin -->\n<a href=\"https://shop.sjv.io/c/1/2/3\" target=\"_top\">\n  <img src=\"//a.impactradius-go.com/display-ad/1-2\" width=\"300\" height=\"90\"/>\n</a>\n<!-- affiliate ads end -->\n\nThen ![Shot](img/missing.png)\n",
            14, 6 },
        { "heading.skip-level", "h2 then h4", "## Section\n\n#### Detail\n", 8, 1 },
        { "heading.skip-level", "after the title", "## Rule Test Page\n\n#### Too Deep\n", 8, 1 },
        { "heading.empty", "empty h2", "## Section\n\n## \n\nText.\n", 8, 1 },
        { "heading.empty", "empty h3 without space", "## Section\n\n###\n", 8, 1 },
        { "heading.multiple-h1", "second h1", "# First Title\n\nText.\n\n# Second Title\n", 10, 1 },
        { "heading.multiple-h1", "h1 after the title heading", "## Rule Test Page\n\nText.\n\n# Another Top\n", 10, 1 },
    };

    [Theory]
    [MemberData(nameof(Firing))]
    public void Rule_fires_at_the_exact_line_and_column(string rule, string description, string body, int line, int column)
    {
        using var site = SiteWith(body);
        var run = site.Run("check", "--format", "json");

        var hits = run.Diagnostics().Where(d => d.Rule == rule).ToList();
        var hit = Assert.Single(hits);
        Assert.True(("content/w/page.md", line, column) == (hit.File, hit.Line, hit.Column),
            $"{rule} ({description}) reported at {hit.File}:{hit.Line}:{hit.Column}, expected content/w/page.md:{line}:{column}: {hit.Message}");
        var error = rule.StartsWith("link.", StringComparison.Ordinal);
        Assert.Equal(error ? "error" : "warning", hit.Severity);
        Assert.Equal(error ? 1 : 0, run.ExitCode);
    }

    [Theory]
    [InlineData("title: 'Quoted' rest\n", 2, 17)]
    [InlineData("title: Fine\ndate: last tuesday\n", 3, 7)]
    [InlineData("title: Fine\ntags: {a: b}\n", 3, 7)]
    [InlineData("title: Fine\ndraft: maybe\n", 3, 8)]
    [InlineData("title: [unclosed\n", 3, 1)]
    public void Frontmatter_invalid_fires_at_the_exact_line_and_column_and_skips_only_that_page(string yaml, int line, int column)
    {
        using var site = SiteWith("Body.\n");
        site.Write("content/w/bad.md", "---\n" + yaml + "---\n\nBody of the bad page.\n");
        site.Write("content/w/links-to-bad.md", "---\ntitle: Links\ndescription: A page that links to the bad one\n---\n\nSee [the bad page](bad.md).\n");

        var run = site.Run("check", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var hit = Assert.Single(run.Diagnostics(), d => d.Rule == "frontmatter.invalid");
        Assert.Equal(("content/w/bad.md", line, column, "error"), (hit.File, hit.Line, hit.Column, hit.Severity));
        // The page is skipped; a link to it is not a broken link; the other pages are clean.
        Assert.DoesNotContain(run.Diagnostics(), d => d.File != "content/w/bad.md");
        Assert.Contains("\"pages\": 3", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_asset_fires_for_a_missing_local_thumbnail_at_its_front_matter_line()
    {
        using var site = SiteWith("Body.\n");
        site.Write("content/w/thumb.md", "---\ntitle: Thumb\ndescription: A page with a thumbnail\nthumbnail: img/cover.png\n---\n\nBody.\n");
        site.Write("content/w/thumb-ok.md", "---\ntitle: Thumb OK\ndescription: A page with a real thumbnail\nthumbnail: img/real.png\n---\n\nBody.\n");

        var run = site.Run("check", "--format", "json");

        var hit = Assert.Single(run.Diagnostics());
        Assert.Equal(("link.asset", "content/w/thumb.md", 4, 1), (hit.Rule, hit.File, hit.Line, hit.Column));
    }

    [Fact]
    public void No_rule_fires_on_a_valid_site()
    {
        using var site = SiteWith("""
            ## Rule Test Page

            Intro with [the other guide](other.md), [its section](other.md#known-section),
            [the same by URL](other/#known-section), [a step](#step-2), [a heading](#details),
            [the home page](../) and [the screenshot file](img/real.png).

            1. Open the thing.
            2. Click the button.  
            ![The button](img/real.png)

            ## Details

            More text <a href="other.md">in HTML</a>.

            ## Next Part

            ### Sub Part

            Done.
            """);

        var run = site.Run("check", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Diagnostics());
    }
}
