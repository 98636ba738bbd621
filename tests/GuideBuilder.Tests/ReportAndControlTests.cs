using System.Text.Json;
using GuideBuilder.Diagnostics;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

public sealed class ReportAndControlTests
{
    private const string Page = """
        ---
        title: A
        description: d
        ---

        ## Start

        See [gone](nope.md) and [the start](#start).

        ##### Too deep
        """;

    [Fact]
    public void Sarif_has_the_structure_of_the_2_1_0_schema()
    {
        using var site = new TempSite();
        site.Write("content/my guides/a.md", Page);
        var run = site.Run("check", "--format", "sarif");
        using var doc = JsonDocument.Parse(run.Stdout);
        var root = doc.RootElement;

        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        var runs = root.GetProperty("runs");
        Assert.Equal(JsonValueKind.Array, runs.ValueKind);
        var r0 = runs[0];
        var driver = r0.GetProperty("tool").GetProperty("driver");
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("name").GetString()));
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("id").GetString())));
        Assert.Contains(new[] { "none", "note", "warning", "error" }, l => rules.All(r => r.GetProperty("defaultConfiguration").GetProperty("level").GetString() is "none" or "note" or "warning" or "error"));

        // originalUriBaseIds: each entry's uri, when present, is an absolute URI ending in '/'.
        var baseIds = r0.GetProperty("originalUriBaseIds");
        foreach (var b in baseIds.EnumerateObject())
        {
            var uri = b.Value.GetProperty("uri").GetString()!;
            Assert.True(Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile, uri);
            Assert.EndsWith("/", uri);
            Assert.Equal(Path.GetFullPath(site.Root).TrimEnd('/') + "/", u!.LocalPath);
        }

        var results = r0.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count);
        foreach (var res in results)
        {
            Assert.False(string.IsNullOrEmpty(res.GetProperty("message").GetProperty("text").GetString()));
            Assert.Contains(res.GetProperty("level").GetString(), new[] { "none", "note", "warning", "error" });
            var idx = res.GetProperty("ruleIndex").GetInt32();
            Assert.Equal(rules[idx].GetProperty("id").GetString(), res.GetProperty("ruleId").GetString());
            var loc = res.GetProperty("locations")[0].GetProperty("physicalLocation");
            var art = loc.GetProperty("artifactLocation");
            Assert.True(baseIds.TryGetProperty(art.GetProperty("uriBaseId").GetString()!, out _));
            var rel = art.GetProperty("uri").GetString()!;
            Assert.True(Uri.TryCreate(rel, UriKind.Relative, out _), rel);
            Assert.Equal("content/my%20guides/a.md", rel);
            Assert.True(loc.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
            Assert.True(loc.GetProperty("region").GetProperty("startColumn").GetInt32() >= 1);
        }
        Assert.Equal(8, results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
    }

    [Fact]
    public void Text_report_is_grouped_by_file_with_source_line_caret_and_summary()
    {
        using var site = new TempSite();
        site.Write("content/a.md", Page);
        site.Write("content/b.md", Page);
        var run = site.Run("check", "--no-color");
        var lines = run.Stderr.Split('\n');
        var first = Array.FindIndex(lines, l => l.StartsWith("content/a.md:8:5: error GB0401:", StringComparison.Ordinal));
        Assert.True(first >= 0, run.Stderr);
        Assert.EndsWith("[link.broken]", lines[first].TrimEnd());
        Assert.Equal("    8 | See [gone](nope.md) and [the start](#start).", lines[first + 1]);
        Assert.Equal("      |     ^", lines[first + 2]);
        Assert.StartsWith("content/a.md:10:1: warning GB0501:", lines[first + 3]);
        var bIndex = Array.FindIndex(lines, l => l.StartsWith("content/b.md", StringComparison.Ordinal));
        Assert.Equal("", lines[bIndex - 1]);
        Assert.Contains("2 pages, 2 errors, 2 warnings", run.Stderr);
    }

    [Fact]
    public void GitHub_annotations_escape_properties_and_messages()
    {
        var d = new Diagnostic("GB0401", "link.broken", Severity.Error, "bad, really: 100%\nnext", new SourceLocation("content/a,b.md", 3, 7));
        var text = ReportFormatter.GitHubAnnotations([d]);
        Assert.Equal("::error file=content/a%2Cb.md,line=3,col=7,title=GB0401 link.broken::bad, really: 100%25%0Anext\n", text.Replace("\r\n", "\n"));
    }

    [Fact]
    public void Site_severity_page_opt_out_link_opt_out_and_strict()
    {
        using var site = new TempSite("title: T\nbase_url: https://x.org/\nrules:\n  link.broken: warning\n  heading.skip-level: off\n");
        site.Write("content/a.md", Page);
        site.Write("content/b.md", """
            ---
            title: B
            description: d
            rules:
              link.broken: off
            ---

            See [gone](nope.md) and [gone too](nope2.md){.nocheck} and [anchor](#nowhere){.nocheck}.
            """);
        var run = site.Run("check", "--format", "json");
        var diags = run.Diagnostics();
        var only = Assert.Single(diags);
        Assert.Equal(("link.broken", "content/a.md", 8, "warning"), (only.Rule, only.File, only.Line, only.Severity));
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, site.Run("check", "--format", "json", "--strict").ExitCode);

        Assert.Equal(0, site.Run("build").ExitCode);
        var html = site.ReadOutput("b/index.html");
        Assert.DoesNotContain("nocheck", html);
    }

    [Fact]
    public void Links_to_a_page_that_failed_to_load_are_not_reported()
    {
        using var site = new TempSite();
        site.Write("content/bad.md", "---\ntitle: [unclosed\n---\n\n## Part\n");
        site.Write("content/a.md", "---\ntitle: A\ndescription: d\n---\n\n[bad](bad.md) [part](bad.md#part) [url](/bad/) [dir](bad/)\n");
        var diags = site.Run("check", "--format", "json").Diagnostics();
        var only = Assert.Single(diags);
        Assert.Equal(("frontmatter.invalid", "content/bad.md"), (only.Rule, only.File));
    }

    [Fact]
    public void Link_edge_cases_are_resolved_like_a_browser_and_rewritten_to_clean_urls()
    {
        using var site = new TempSite("title: T\nbase_url: https://x.org/\nrules:\n  link.case: warning\n");
        site.Write("content/win/My Guide.md", "---\ntitle: G\ndescription: d\n---\n\n## Überblick\n\n## Two\n");
        site.Write("content/win/index.md", "---\ntitle: Index\ndescription: d\n---\n\n[guide](My%20Guide.md#%C3%BCberblick) [two](./My%20Guide.md?x=1#two) [win](..\\win\\My%20Guide.md)\n");
        site.Write("content/index.md", "---\ntitle: Home\ndescription: d\n---\n\n[win](win/) [win index](win/index.md) [xref](xref:System.String) [empty]() [mail](mailto:a@b.org) [case](Win/My%20Guide.md) [root](/win/) [elsewhere](/powershell/scripting/)\n");
        var run = site.Run("build", "--format", "json");
        var diags = run.Diagnostics();
        Assert.Equal(["link.case", "link.root"], diags.Select(d => d.Rule).OrderBy(r => r));
        Assert.Contains("did you mean 'win/My Guide.md'", diags.Single(d => d.Rule == "link.case").Message);
        Assert.Equal("warning", diags.Single(d => d.Rule == "link.root").Severity);
        var html = site.ReadOutput("win/index.html");
        Assert.Contains("href=\"My%20Guide/#%C3%BCberblick\"", html.Replace("My Guide", "My%20Guide"));
        Assert.Contains("?x=1#two\"", html);
    }
}
