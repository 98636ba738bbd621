using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Theme;

/// <summary>
/// What search engines, feed readers and screen readers read: one HowToSection per procedure with the numbers
/// the page shows, step URLs that resolve, the page's language and authors, no empty headings.
/// </summary>
public sealed class StructuredDataTests
{
    [Fact]
    public void Sample_site_passes_the_structural_check_with_sections_languages_and_authors()
    {
        var root = Repository.Root;
        using var site = new TempSite(File.ReadAllText(Path.Combine(root, "site.yml")));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "content"), "*", SearchOption.AllDirectories))
        {
            site.WriteBytes(Path.GetRelativePath(root, file), File.ReadAllBytes(file));
        }

        var run = site.Run("build");

        Assert.True(run.ExitCode == 0, run.Stderr);
        Assert.Empty(StructuredDataCheck.Site(site.Output));
        // The check has something to check: pages with several procedures, a French page, authors.
        var pages = Directory.EnumerateFiles(site.Output, "index.html", SearchOption.AllDirectories).Select(File.ReadAllText).ToList();
        Assert.True(pages.Count(p => p.Contains("\"@type\":\"HowToSection\"", StringComparison.Ordinal)) >= 3);
        var french = new HtmlParser().ParseDocument(site.ReadOutput("printers/vider-file-impression/index.html"));
        Assert.Equal("fr", french.DocumentElement.GetAttribute("lang"));
        Assert.Equal("fr", french.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"));
        Assert.Equal("Claire Dumas", french.QuerySelector("meta[name=author]")!.GetAttribute("content"));
        // the theme's words follow the page's language
        Assert.Equal("Par Claire Dumas", french.QuerySelector(".guide-header .byline")!.TextContent.Trim());
        var english = new HtmlParser().ParseDocument(site.ReadOutput("printers/clear-print-queue/index.html"));
        Assert.Equal("GuideBuilder Sample Team", english.QuerySelector("meta[name=author]")!.GetAttribute("content"));
    }

    [Theory]
    [InlineData("the position differs from the shown number", "\"position\":2,\"name\":\"One\",\"url\":\"https://x.example/g/#step-1\"", "has position 2 but the page shows 1")]
    [InlineData("a step URL names nothing", "\"position\":1,\"name\":\"One\",\"url\":\"https://x.example/g/#step-9\"", "names no step of the page")]
    [InlineData("a step has no name", "\"position\":1,\"url\":\"https://x.example/g/#step-1\"", "HowToStep without name")]
    public void The_check_finds_what_it_looks_for(string what, string step, string expected)
    {
        var html = $$"""
            <!DOCTYPE html><html lang="en"><head><link rel="canonical" href="https://x.example/g/">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"HowTo","name":"G","url":"https://x.example/g/","inLanguage":"en",
            "step":[{"@type":"HowToStep",{{step}},"text":"One."}]}</script></head>
            <body><h1>G</h1><h2 id="section"></h2><ol class="steps"><li id="step-1">One.</li></ol></body></html>
            """;

        var problems = StructuredDataCheck.Page(html);

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), what + ": " + string.Join("; ", problems));
        Assert.Contains(problems, p => p.StartsWith("empty <h2>", StringComparison.Ordinal));
    }

    private const string TwoMethods = """
        ---
        title: Restart the router
        date: 2025-03-01
        description: Two ways
        ---

        ## With the button

        1. **Find the button.** It is on the back.
        2. Hold it for ten seconds.

        Some text between the lists of one procedure.

        3. Wait for the lights.

        ## From the admin page

        1. Open the admin page: type the address shown on the label.
        2. Choose **Restart**

        ##

        1. A third procedure, under an empty heading.
        """;

    private static (TempSite Site, CliRun Run) Build(string guide, string siteYml = "title: T\nbase_url: https://guides.example.org/\n")
    {
        var site = new TempSite(siteYml);
        site.Write("content/net/restart.md", guide);
        return (site, site.Run("build", "--format", "json"));
    }

    [Fact]
    public void Each_procedure_is_a_section_whose_steps_are_numbered_as_shown_and_named()
    {
        var (site, run) = Build(TwoMethods);
        using var _ = site;
        Assert.Equal(0, run.ExitCode);
        var doc = new HtmlParser().ParseDocument(site.ReadOutput("net/restart/index.html"));

        Assert.Equal(["with-the-button-step-1", "with-the-button-step-2", "with-the-button-step-3", "from-the-admin-page-step-1", "from-the-admin-page-step-2", "from-the-admin-page-2-step-1"],
            doc.QuerySelectorAll("ol.steps > li").Select(li => li.Id));
        using var json = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        var sections = json.RootElement.GetProperty("step").EnumerateArray().ToList();
        // The empty heading is not a heading: the third list is a second procedure under "From the admin page".
        Assert.Equal(["With the button", "From the admin page", "From the admin page"], sections.Select(s => s.GetProperty("name").GetString()));
        var steps = sections.Select(s => s.GetProperty("itemListElement").EnumerateArray().Select(i => (i.GetProperty("position").GetInt32(), i.GetProperty("name").GetString())).ToList()).ToList();
        Assert.Equal([(1, "Find the button"), (2, "Hold it for ten seconds"), (3, "Wait for the lights")], steps[0]);
        Assert.Equal([(1, "Open the admin page: type the address shown on the label"), (2, "Choose Restart")], steps[1]);
        Assert.Equal([(1, "A third procedure, under an empty heading")], steps[2]);
        Assert.Empty(StructuredDataCheck.Page(site.ReadOutput("net/restart/index.html")));
    }

    [Fact]
    public void An_empty_heading_is_not_rendered_and_still_reported()
    {
        var (site, run) = Build(TwoMethods);
        using var _ = site;

        Assert.Contains(run.Diagnostics(), d => d.Rule == "heading.empty" && d.Line == 21);
        var body = new HtmlParser().ParseDocument(site.ReadOutput("net/restart/index.html")).QuerySelector(".guide-body")!;
        Assert.Equal(["With the button", "From the admin page"], body.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public void A_link_to_an_old_step_number_is_told_the_new_id()
    {
        var (site, run) = Build(TwoMethods + "\nSee [step 2](#step-2).\n");
        using var _ = site;

        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "link.anchor");
        Assert.Contains("did you mean 'with-the-button-step-2' or 'from-the-admin-page-step-2'?", d.Message);
    }

    [Fact]
    public void One_procedure_is_a_plain_howto_with_step_ids_under_no_heading()
    {
        var (site, run) = Build("---\ntitle: T\ndate: 2025-03-01\ndescription: D\n---\n\n1. One.\n2. Two.\n");
        using var _ = site;
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(new HtmlParser().ParseDocument(site.ReadOutput("net/restart/index.html")).QuerySelector("script[type='application/ld+json']")!.TextContent);

        var steps = json.RootElement.GetProperty("step").EnumerateArray().ToList();
        Assert.All(steps, s => Assert.Equal("HowToStep", s.GetProperty("@type").GetString()));
        Assert.Equal(["https://guides.example.org/net/restart/#step-1", "https://guides.example.org/net/restart/#step-2"], steps.Select(s => s.GetProperty("url").GetString()));
    }

    [Fact]
    public void Lang_and_author_reach_the_page_the_json_ld_the_feed_and_the_search_index()
    {
        var guide = "---\ntitle: Redémarrer le routeur\ndate: 2025-03-01\ndescription: D\nlang: pt-br\nauthor: [Ana Lima, Rui Costa]\n---\n\n1. Um.\n";
        var (site, run) = Build(guide, "title: T\nbase_url: https://guides.example.org/\nlanguage: en-GB\nauthor: The Team\n");
        using var _ = site;
        site.Write("content/net/other.md", "---\ntitle: Other\ndate: 2025-02-01\ndescription: D\n---\n\nText.\n");
        run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);

        var doc = new HtmlParser().ParseDocument(site.ReadOutput("net/restart/index.html"));
        Assert.Equal("pt-BR", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("pt_BR", doc.QuerySelector("meta[property='og:locale']")!.GetAttribute("content"));
        Assert.Equal("Ana Lima, Rui Costa", doc.QuerySelector("meta[name=author]")!.GetAttribute("content"));
        using var json = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("pt-BR", json.RootElement.GetProperty("inLanguage").GetString());
        Assert.Equal(["Ana Lima", "Rui Costa"], json.RootElement.GetProperty("author").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal("en-GB", new HtmlParser().ParseDocument(site.ReadOutput("index.html")).DocumentElement.GetAttribute("lang"));
        Assert.Equal("The Team", new HtmlParser().ParseDocument(site.ReadOutput("net/other/index.html")).QuerySelector("meta[name=author]")!.GetAttribute("content"));

        var feed = XDocument.Parse(site.ReadOutput("feed.xml"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal("en-GB", feed.Root!.Attribute(XNamespace.Xml + "lang")!.Value);
        var entries = feed.Root.Elements(atom + "entry").ToDictionary(e => e.Element(atom + "title")!.Value);
        Assert.Equal("pt-BR", entries["Redémarrer le routeur"].Attribute(XNamespace.Xml + "lang")!.Value);
        Assert.Null(entries["Other"].Attribute(XNamespace.Xml + "lang"));
        Assert.Equal(["Ana Lima", "Rui Costa"], entries["Redémarrer le routeur"].Elements(atom + "author").Select(a => a.Element(atom + "name")!.Value));
        Assert.Equal(["The Team"], entries["Other"].Elements(atom + "author").Select(a => a.Element(atom + "name")!.Value));

        using var index = JsonDocument.Parse(site.ReadOutput("search-index.json"));
        var langs = index.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("u").GetString()!, e => e.TryGetProperty("l", out var l) ? l.GetString() : null);
        Assert.Equal("pt-BR", langs["net/restart/"]);
        Assert.Null(langs["net/other/"]);
    }

    [Theory]
    [InlineData("lang: en_US", "(did you mean 'en-US'?)")]
    [InlineData("lang: jp", "(did you mean 'ja'?)")]
    [InlineData("lang: French", "(did you mean 'fr'?)")]
    [InlineData("lang: fra", "(did you mean 'fr'?)")]
    [InlineData("lang: \"xx-YY\"", "not 'xx-YY'")]
    public void An_invalid_lang_is_a_front_matter_error_at_its_line_with_a_suggestion(string line, string expected)
    {
        var (site, run) = Build($"---\ntitle: T\ndate: 2025-03-01\n{line}\n---\n\nText.\n");
        using var _ = site;

        var d = Assert.Single(run.Diagnostics(), d => d.Severity == "error");
        Assert.Equal(("frontmatter.invalid", 4), (d.Rule, d.Line));
        Assert.Contains("BCP 47", d.Message);
        Assert.Contains(expected, d.Message);
    }

    [Fact]
    public void An_invalid_site_language_is_a_configuration_error()
    {
        var (site, run) = Build("---\ntitle: T\n---\n\nText.\n", "title: T\nlanguage: en_GB\n");
        using var _ = site;

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean 'en-GB'?", run.Stderr + run.Stdout);
    }
}
