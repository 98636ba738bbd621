using System.Text;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>Every kind of bad input gives a diagnostic with rule, file and line, and the contract's exit code — never a crash.</summary>
public sealed class HostileInputTests
{
    private const string Good = "---\ntitle: Good\ndescription: A good guide\n---\n# Good\n\nSome text.\n";

    private static (int Code, IReadOnlyList<(string Rule, string File, int Line, int Column, string Severity, string Message)> Diags) Build(TempSite site)
    {
        var run = site.Run("build", "--format", "json");
        Assert.DoesNotContain("internal error", run.Stderr);
        return (run.ExitCode, run.Diagnostics());
    }

    [Theory]
    [InlineData("---\ntitle: [oops\n---\nbody\n", "frontmatter.invalid", 3)]
    [InlineData("---\ntitle: x\nbody without a closing line\n", "frontmatter.invalid", 1)]
    [InlineData("---\n- a\n- b\n---\nbody\n", "frontmatter.invalid", 2)]
    [InlineData("---\ntitle: x\ndate: [1, 2]\n---\nbody\n", "frontmatter.invalid", 3)]
    [InlineData("---\ntitle: [unclosed\ntitle: \"again\"\n---\nbody\n", "frontmatter.invalid", 2)]
    public void Bad_front_matter_is_reported_at_its_line_and_the_rest_builds(string text, string rule, int line)
    {
        using var site = new TempSite();
        site.Write("content/a/bad.md", text).Write("content/a/good.md", Good);
        var (code, diags) = Build(site);
        Assert.Equal(1, code);
        var d = Assert.Single(diags, d => d.Severity == "error");
        Assert.Equal((rule, "content/a/bad.md", line), (d.Rule, d.File, d.Line));
    }

    [Fact]
    public void Empty_file_is_an_error_and_is_skipped()
    {
        using var site = new TempSite();
        site.Write("content/a/empty.md", "").Write("content/a/good.md", Good + "\n[empty](empty.md)\n");
        var (code, diags) = Build(site);
        Assert.Equal(1, code);
        var d = Assert.Single(diags, d => d.Rule == "source.empty");
        Assert.Equal(("content/a/empty.md", 1, "error"), (d.File, d.Line, d.Severity));
        Assert.DoesNotContain(diags, d => d.Rule == "link.broken");   // a skipped page is not a broken link
        Assert.False(site.OutputExists("a/empty/index.html"));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_at_their_line()
    {
        using var site = new TempSite();
        site.WriteBytes("content/latin1.md", [.. Encoding.ASCII.GetBytes("---\ntitle: x\n---\n\ncaf"), 0xE9, (byte)'\n']);
        var (code, diags) = Build(site);
        Assert.Equal(1, code);
        var d = Assert.Single(diags, d => d.Severity == "error");
        Assert.Equal(("source.unreadable", "content/latin1.md", 5, 4), (d.Rule, d.File, d.Line, d.Column));
        Assert.Contains("UTF-8", d.Message);
    }

    [Fact]
    public void Binary_file_named_md_is_reported_as_binary()
    {
        using var site = new TempSite();
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        bytes[10] = 0;
        site.WriteBytes("content/image.md", bytes);
        var (code, diags) = Build(site);
        Assert.Equal(1, code);
        var d = Assert.Single(diags, d => d.Severity == "error");
        Assert.Equal(("source.unreadable", "content/image.md"), (d.Rule, d.File));
        Assert.Contains("binary", d.Message);
    }

    [Fact]
    public void Five_megabyte_guide_builds_completely()
    {
        using var site = new TempSite();
        var sb = new StringBuilder("---\ntitle: Big\ndescription: A very long guide\n---\n# Big\n\n");
        var i = 0;
        while (sb.Length < 5 * 1024 * 1024)
        {
            sb.Append("## Part ").Append(++i).Append("\n\n1. Open **Settings** and choose `Update` number ").Append(i)
              .Append(".\n2. Press **Ctrl** \\+ **S** to save the change you made in the dialog.\n\n");
        }
        sb.Append("The last line of the guide.\n");
        site.Write("content/big.md", sb.ToString());
        var (code, _) = Build(site);
        Assert.Equal(0, code);
        var html = site.ReadOutput("big/index.html");
        Assert.Contains("The last line of the guide.", html);
        Assert.Contains($"id=\"part-{i}\"", html);
    }

    public static TheoryData<string, string> DeepInputs() => new()
    {
        { "quotes", new string('>', 10_000) + " deep\n" },
        { "bullets", string.Concat(Enumerable.Repeat("- ", 10_000)) + "deep\n" },
        { "indented list", string.Concat(Enumerable.Range(0, 3_000).Select(i => new string(' ', 2 * i) + "- item\n")) },
        { "ordered", string.Concat(Enumerable.Repeat("1. ", 10_000)) + "deep\n" },
        { "brackets", new string('[', 10_000) + "\n" },
        { "stars", new string('*', 10_000) + "a" + new string('*', 10_000) + "\n" },
        { "emphasis", string.Concat(Enumerable.Repeat("*a _b ", 5_000)) + "\n" },
        { "links", string.Concat(Enumerable.Repeat("[a", 2_000)) + string.Concat(Enumerable.Repeat("](x.md)", 2_000)) + "\n" },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void Deep_nesting_never_overflows_and_the_page_builds(string kind, string body)
    {
        using var site = new TempSite();
        site.Write("content/x.md", Good).Write("content/deep.md", "---\ntitle: Deep\ndescription: d\n---\n\nIntro.\n\n" + body);
        var run = site.Run("check", "--format", "json");
        Assert.DoesNotContain("internal error", run.Stderr);
        var diags = run.Diagnostics();
        Assert.DoesNotContain(diags, d => d.Rule == "source.unreadable");
        if (kind is not "emphasis" and not "links")
        {
            var cuts = diags.Where(d => d.Rule == "source.too-deep").ToList();
            Assert.InRange(cuts.Count, 1, 2);   // at most one per kind: a hostile file must not flood the report
            Assert.All(cuts, d => Assert.Equal(("content/deep.md", "warning"), (d.File, d.Severity)));
            Assert.All(cuts, d => Assert.True(d.Line >= 8, $"line {d.Line} should be in the body"));
        }
    }

    [Fact]
    public void Guide_that_vanished_after_discovery_is_reported()
    {
        using var site = new TempSite();
        site.Write("content/good.md", Good);
        // A link whose target is gone behaves like a file deleted between discovery and reading.
        File.CreateSymbolicLink(Path.Combine(site.Root, "content", "gone.md"), Path.Combine(site.Root, "content", "deleted.md"));
        var (code, diags) = Build(site);
        Assert.Equal(1, code);
        var d = Assert.Single(diags, d => d.Severity == "error");
        Assert.Equal(("source.unreadable", "content/gone.md", 1), (d.Rule, d.File, d.Line));
    }

    [Fact]
    public void Two_sources_for_one_output_path_conflict()
    {
        using var site = new TempSite();
        site.Write("content/a/b.md", Good).Write("content/a/b/index.md", Good);
        var (code, diags) = Build(site);
        Assert.Equal(1, code);
        var d = Assert.Single(diags, d => d.Rule == "output.conflict");
        Assert.Equal("error", d.Severity);
        Assert.Contains("a/b/index.html", d.Message);
        Assert.Contains(d.File, new[] { "content/a/b.md", "content/a/b/index.md" });
        Assert.Equal(1, d.Line);
    }

    [Theory]
    [InlineData("title: [broken\n", "site.yml:")]
    [InlineData("- just\n- a list\n", "must be a mapping")]
    [InlineData("title: T\noutput: [a, b]\n", "expected a text value")]
    [InlineData("[a]: b\n", "a key must be text")]
    [InlineData("title: [unclosed\nbase_url: \"x\"\n", "cannot be parsed")]
    public void Invalid_site_yml_exits_2_with_its_line(string yml, string expected)
    {
        using var site = new TempSite(yml);
        site.Write("content/good.md", Good);
        var run = site.Run("build");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Stderr);
        Assert.Contains("[config.invalid]", run.Stderr);
        Assert.DoesNotContain("internal error", run.Stderr);
    }

    [Fact]
    public void Site_yml_that_is_not_text_exits_2()
    {
        using var site = new TempSite();
        site.WriteBytes("site.yml", [0x74, 0x69, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]);
        var run = site.Run("build");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not valid UTF-8", run.Stderr);
    }

    [Fact]
    public void Missing_site_yml_given_by_config_exits_2()
    {
        using var site = new TempSite();
        var run = site.Run("build", "--config", "nowhere/site.yml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such configuration file", run.Stderr);
    }

    [Fact]
    public void Unknown_sanitize_key_is_reported_with_a_suggestion()
    {
        using var site = new TempSite("title: T\nsanitize:\n  iframe_host: [www.youtube-nocookie.com]\n");
        site.Write("content/good.md", Good);
        var run = site.Run("check", "--format", "json");
        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "config.unknown-key");
        Assert.Equal(("site.yml", 3), (d.File, d.Line));
        Assert.Contains("iframe_hosts", d.Message);
    }
}
