using System.Text;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// Issue 2's bad input: invalid YAML, unterminated front matter, an empty file, a file that is not
/// UTF-8. Each is one clear diagnostic with file and line, exit code 1, no stack trace; the other
/// pages are unaffected; and a build with errors leaves the published site as it was.
/// </summary>
public sealed class BadInputTests
{
    private const string Good = "---\ntitle: Good Guide\ndescription: A guide with nothing wrong in it\n---\n\n## Good Guide\n\nSee [the bad one](bad.md).\n";
    private const string Neighbour = "---\ntitle: Neighbour\ndescription: Another guide with nothing wrong in it\n---\n\nBack to [the good guide](good.md#good-guide).\n";

    public static TheoryData<string, byte[], string, int, int> Cases => new()
    {
        // name, bytes of content/w/bad.md, rule, line, column
        { "invalid YAML", Utf8("---\ntitle: 'Quoted' rest\ndate: 2025-01-01\n---\n\nBody.\n"), "frontmatter.invalid", 2, 17 },
        { "wrong value type", Utf8("---\ntitle: Fine\ndate: 2025-01-01\ntags:\n  nested: map\n---\n\nBody.\n"), "frontmatter.invalid", 5, 3 },
        { "unterminated front matter", Utf8("---\ntitle: Never Closed\ndate: 2025-01-01\n\nBody.\n"), "frontmatter.invalid", 1, 1 },
        { "empty file", [], "source.empty", 1, 1 },
        { "whitespace only", Utf8("  \n\n\t\n"), "source.empty", 1, 1 },
        { "BOM only", [0xEF, 0xBB, 0xBF], "source.empty", 1, 1 },
        { "Latin-1 bytes", [.. Encoding.UTF8.GetBytes("---\ntitle: Caf"), 0xE9, .. Encoding.UTF8.GetBytes("\n---\n\nBody.\n")], "source.unreadable", 2, 11 },
        { "UTF-16 file", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("---\ntitle: Wide\n---\n")).ToArray(), "source.unreadable", 1, 1 },
        { "binary with NUL", [.. Encoding.UTF8.GetBytes("---\ntitle: Bin\n---\n\nab"), 0x00, 0x01], "source.unreadable", 5, 3 },
    };

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static TempSite SiteWith(byte[] bad)
    {
        var site = new TempSite();
        site.Write("content/w/good.md", Good).Write("content/w/neighbour.md", Neighbour);
        site.WriteBytes("content/w/bad.md", bad);
        return site;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_file_is_one_clear_diagnostic_and_the_other_pages_are_clean(string name, byte[] bytes, string rule, int line, int column)
    {
        using var site = SiteWith(bytes);

        var run = site.Run("check", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var all = run.Diagnostics();
        var d = Assert.Single(all);
        Assert.True((rule, "content/w/bad.md", line, column, "error") == (d.Rule, d.File, d.Line, d.Column, d.Severity),
            $"{name}: got {d.File}:{d.Line}:{d.Column} {d.Severity} [{d.Rule}] {d.Message}");
        Assert.DoesNotContain("Exception", d.Message, StringComparison.Ordinal);
        Assert.Contains("\"pages\": 2", run.Stdout, StringComparison.Ordinal);
        AssertNoStackTrace(run);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_report_names_file_and_line_without_a_stack_trace(string name, byte[] bytes, string rule, int line, int column)
    {
        using var site = SiteWith(bytes);

        var run = site.Run("check", "--no-color");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"content/w/bad.md:{line}:{column}: error ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"[{rule}]", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("good.md", run.Stderr, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(name));
        AssertNoStackTrace(run);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_with_a_bad_file_leaves_the_previous_site_unchanged(string name, byte[] bytes, string rule, int line, int column)
    {
        using var site = new TempSite();
        site.Write("content/w/good.md", Good.Replace("[the bad one](bad.md)", "nothing")).Write("content/w/neighbour.md", Neighbour);
        Assert.Equal(0, site.Run("build").ExitCode);
        var before = CliContractTests.Snapshot(site.Output);
        Assert.Contains("w/good/index.html", before.Keys.Select(k => k.Replace('\\', '/')));

        site.Write("content/w/neighbour.md", Neighbour.Replace("Back to", "Changed: back to"));
        site.WriteBytes("content/w/bad.md", bytes);
        var run = site.Run("build", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(run.Diagnostics(), d => (d.Rule, d.Line, d.Column) == (rule, line, column));
        Assert.Equal(before, CliContractTests.Snapshot(site.Output));
        Assert.DoesNotContain("Changed", site.ReadOutput("w/neighbour/index.html"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Without_the_bad_file_the_same_site_builds()
    {
        using var site = SiteWith(Utf8("---\ntitle: Now Fixed\ndescription: The bad guide, repaired\n---\n\nBody.\n"));
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Diagnostics());
        Assert.True(site.OutputExists("w/bad/index.html"));
        Assert.True(site.OutputExists("w/good/index.html"));
    }

    [Fact]
    public void Crlf_and_bom_are_accepted_with_true_line_numbers()
    {
        using var site = new TempSite();
        var text = "---\r\ntitle: Windows Endings\r\ndescription: Saved by an editor on Windows\r\n---\r\n\r\n## Windows Endings\r\n\r\nSee [nothing](missing.md).\r\n";
        site.WriteBytes("content/w/crlf.md", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var run = site.Run("check", "--format", "json");
        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("link.broken", 8, 5), (d.Rule, d.Line, d.Column));
    }

    private static void AssertNoStackTrace(CliRun run)
    {
        foreach (var text in new[] { run.Stdout, run.Stderr })
        {
            Assert.DoesNotContain("internal error", text, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        }
    }
}
