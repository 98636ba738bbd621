using GuideBuilder.Diagnostics;
using GuideBuilder.Validate;

namespace GuideBuilder.Tests.Validate;

/// <summary>
/// The output link check (<c>link.template</c>) on pages given directly: what a URL means depends on the page's
/// folder, even where the check keeps a URL's meaning between pages, and a page's ids are its templates' and its body's.
/// </summary>
public sealed class OutputLinksTests
{
    private const string BaseUrl = "https://example.org/";

    private static readonly string[] Files = ["index.html", "a/index.html", "a/b/index.html", "x/index.html", "a/x/index.html", "a/b/x/index.html", "img/one.png"];

    private static List<Diagnostic> Check(params (string Path, string Html, string[] BodyIds)[] pages) => CheckUnder(BaseUrl, pages);

    private static List<Diagnostic> CheckUnder(string baseUrl, params (string Path, string Html, string[] BodyIds)[] pages)
    {
        var links = new OutputLinks(Files, baseUrl);
        // Each URL written at a line of its own: a dead place is reported once, however many pages it is on.
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (path, html, bodyIds) in pages)
        {
            links.Page(path, html, null, new HashSet<string>(bodyIds),
                url => new SourceLocation("templates/layout.html", lines.TryGetValue(url, out var n) ? n : lines[url] = lines.Count + 1, 1));
        }
        var bag = new DiagnosticBag();
        links.Report(bag, (_, _) => false);
        return [.. bag.Sorted()];
    }

    [Fact]
    public void The_same_relative_url_means_another_file_on_a_page_at_another_depth()
    {
        // '../x/' from a/b/ is a/x/ (there), from a/ it is x/ (there), from the root it climbs above the site.
        var found = Check(
            ("a/b/index.html", """<a href="../x/">x</a>""", []),
            ("a/index.html", """<a href="../x/">x</a>""", []),
            ("index.html", """<a href="../x/">x</a>""", []));
        var d = Assert.Single(found);
        Assert.Contains("'../x/' on index.html", d.Message);

        // From the root of each page: a/b/x/ exists only below a/b/, so the same text is dead on a/.
        found = Check(
            ("a/b/index.html", """<a href="x/">x</a><a href="../../x/">root x</a>""", []),
            ("a/index.html", """<a href="b/x/">x</a><a href="../x/">root x</a><a href="x/">a/x</a><a href="b/x/y/">dead</a>""", []));
        d = Assert.Single(found);
        Assert.Contains("'b/x/y/' on a/index.html leads to 'a/b/x/y/index.html'", d.Message);
    }

    [Fact]
    public void Absolute_urls_under_base_url_fragments_entities_and_srcset_are_read_as_a_browser_reads_them()
    {
        var found = Check(
            ("a/index.html", """
                <link rel="canonical" href="https://example.org/a/">
                <a href="/x/">x</a><a href="/nowhere/">dead</a>
                <a href="#top">top</a><a href="#in-body">body</a><a id="own">own</a><a href="#own">own</a><a href="#gone">gone</a>
                <a href="../a/b/?q=1&amp;r=2">query</a>
                <img srcset="../img/one.png 1x, ../img/two.png 2x" alt="">
                <script type="application/ld+json">{"url": "<a href='missing/'>"}</script>
                """, ["in-body"]),
            ("x/index.html", """<a href="../a/#own">own</a><a href="../a/#in-body">body</a><a href="../a/#other">other</a>""", []));
        Assert.Equal(
        [
            "'#gone' on a/index.html: no element with id 'gone' on the page",
            "'../a/#other' on x/index.html: no element with id 'other' on a/index.html",
            "'../img/two.png' on a/index.html leads to 'img/two.png', which the output does not have",
            "'/nowhere/' on a/index.html leads to 'nowhere/index.html', which the output does not have",
        ], found.Select(d => d.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void With_a_path_in_base_url_absolute_and_root_links_are_read_below_it_and_a_root_link_that_leaves_it_is_dead()
    {
        // Published at https://example.org/docs/: the canonical URL and /docs/… name the output's files; /x/ is the
        // host's, not the site's, so it is dead on the published site even though the output has an x/index.html.
        var found = CheckUnder("https://example.org/docs/", ("a/index.html", """
            <link rel="canonical" href="https://example.org/docs/a/">
            <a href="https://example.org/docs/gone/">gone</a>
            <a href="/docs/x/">x</a><a href="/docs/nowhere/">dead</a>
            <a href="/x/">host root</a><a href="https://example.org/x/">another site's page</a>
            """, []));
        Assert.Equal(
        [
            "'/docs/nowhere/' on a/index.html leads to 'nowhere/index.html', which the output does not have",
            "'/x/' on a/index.html is outside the site: base_url publishes it under /docs/, so write it from {{ root }} instead",
            "'https://example.org/docs/gone/' on a/index.html leads to 'gone/index.html', which the output does not have",
        ], found.Select(d => d.Message).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_cost_benchmark_switch_that_turns_the_check_off_is_said_in_the_report()
    {
        using var site = new GuideBuilder.Tests.Support.TempSite();
        site.Write("content/a/g.md", "---\ntitle: G\ndescription: d\n---\n\nText.\n");
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = site.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GuideBuilder.dll"));
        foreach (var a in new[] { "check", "--format", "json" }) psi.ArgumentList.Add(a);
        psi.Environment["GUIDEBUILDER_BENCH_NO_LINK_TEMPLATE"] = "1";
        using var child = System.Diagnostics.Process.Start(psi)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        await child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var report = System.Text.Json.Nodes.JsonNode.Parse(await stdout)!;
        var said = report["diagnostics"]!.AsArray().Single(d => (string?)d!["rule"] == "link.template");
        Assert.Equal("info", (string?)said!["severity"]);
        Assert.Contains("were not checked", (string?)said["message"]);
    }
}
