using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>Problems a user met while trying the tool on real sites; each test pins the fix.</summary>
public sealed class UatFindingsTests
{
    private const string OnePage = """
        ---
        title: Only Page
        description: d
        ---

        Text.
        """;

    [Fact]
    public void Summary_line_uses_the_singular_for_one_page_and_one_stripped_element()
    {
        using var site = new TempSite();
        site.Write("content/a.md", OnePage + "\n\n<ins class=\"adsbygoogle\" data-ad-client=\"ca-pub-1\"></ins>\n");
        var run = site.Run("check", "--no-color");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 page, 0 errors, 0 warnings, 1 ad element stripped (--strip-report FILE lists them) in ", run.Stderr);
    }

    [Fact]
    public void Unwritable_strip_report_path_is_a_usage_error_that_names_the_option()
    {
        using var site = new TempSite();
        site.Write("content/a.md", OnePage);
        site.Write("not-a-folder", "x");
        var run = site.Run("check", "--strip-report", "not-a-folder/strip.json");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("not-a-folder/strip.json: error GB0906: a file operation failed: writing the --strip-report file 'not-a-folder/strip.json' (", run.Stderr);
    }

    [Fact]
    public void Output_outside_the_site_folder_is_named_by_its_full_path_not_a_chain_of_dot_dots()
    {
        using var site = new TempSite();
        site.Write("content/a.md", OnePage);
        var output = Path.Combine(Path.GetTempPath(), "gb-uat-out-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var run = site.Run("build", "--output", output);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("wrote " + output + Environment.NewLine, run.Stderr);
            Assert.DoesNotContain("wrote ..", run.Stderr);
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Output_inside_the_site_folder_stays_relative()
    {
        using var site = new TempSite();
        site.Write("content/a.md", OnePage);
        var run = site.Run("build");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote _site" + Environment.NewLine, run.Stderr);
    }

    [Fact]
    public void Empty_headings_get_no_empty_entry_in_the_table_of_contents()
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\nrules:\n  heading.empty: off\n");
        site.Write("content/a.md", OnePage + "\n\n## First part\n\nOne.\n\n## \n\nTwo.\n\n### \n\nThree.\n\n## Last part\n\nFour.\n");
        var run = site.Run("build");
        Assert.Equal(0, run.ExitCode);
        var html = site.ReadOutput("a/index.html");
        Assert.Contains("<a href=\"#first-part\">First part</a>", html);
        Assert.Contains("<a href=\"#last-part\">Last part</a>", html);
        Assert.DoesNotMatch("<a href=\"#[^\"]*\"></a>", html);
    }
}
