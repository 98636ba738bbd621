using Markdig.Syntax;
using GuideBuilder.Diagnostics;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Write;

/// <summary>
/// What <c>check</c> approves, the published site serves: built sites are crawled as a browser reads them
/// (<see cref="OutputCrawl"/>), and every relative link, image, srcset and #fragment on every page must land
/// on a file and an id of the output, or be named by a diagnostic of the build.
/// </summary>
public sealed class OutputCrawlTests
{
    private static string Page(string title, string body) => $"---\ntitle: {title}\ndescription: How to do {title} in a few steps.\n---\n\n{body}\n";


    /// <summary>A copy of a site of the repository (site.yml, content, templates), built into its _site.</summary>
    private static TempSite BuildCopy(string siteFolder)
    {
        var site = new TempSite();
        var from = Path.Combine(Repository.Root, siteFolder);
        File.Copy(Path.Combine(from, "site.yml"), Path.Combine(site.Root, "site.yml"), overwrite: true);
        Golden.CopyTree(Path.Combine(from, "content"), Path.Combine(site.Root, "content"));
        if (Directory.Exists(Path.Combine(from, "templates"))) Golden.CopyTree(Path.Combine(from, "templates"), Path.Combine(site.Root, "templates"));
        var run = site.Run("build", "--no-ledger", "--quiet");
        Assert.True(run.ExitCode == 0, run.Stderr);
        return site;
    }

    [Theory]
    [InlineData(".")]
    [InlineData("docs")]
    public void Every_link_of_the_sample_site_and_the_manual_lands_in_the_output(string siteFolder)
    {
        using var site = BuildCopy(siteFolder);
        var baseUrl = File.ReadAllLines(Path.Combine(site.Root, "site.yml")).Single(l => l.StartsWith("base_url:", StringComparison.Ordinal))["base_url:".Length..].Trim();
        var (dead, followed) = OutputCrawl.Crawl(site.Output, new Uri(baseUrl).AbsolutePath);
        Assert.True(followed > 200, $"only {followed} links followed");
        Assert.Empty(dead);
    }

    /// <summary>Every link form the check accepts, each once, on pages that build clean.</summary>
    private static TempSite LinkForms()
    {
        var site = new TempSite();
        site.Write("content/pc/forms.md", Page("Link forms", string.Join("\n\n",
                "## Inline and titled",
                "[inline](other.md), [titled](other.md \"Other\"), [angle](<other.md>), [with fragment](other.md#details), [same page](#tables), [by URL](../pc/other/), [folder page](../net/)",
                "[reference][ref] and [collapsed][] and [shortcut]",
                "[ref]: other.md#details\n[collapsed]: ../net/index.md\n[shortcut]: my%20notes.md",
                "![image](images/shot.png) ![encoded](images/wide%20shot.png \"A title\") [file](files/setup.zip)",
                "<a href=\"other.md#details\">raw link</a> <img src=\"images/shot.png\" alt=\"raw image\"> <img src=\"images/shot.png\" srcset=\"images/shot.png 1x, images/wide%20shot.png 2x\" alt=\"srcset\">",
                "<a name=\"legacy-anchor\"></a>A named anchor.",
                "## Tables",
                "| page | image |\n|---|---|\n| [other](other.md#details) | ![cell](images/shot.png) |",
                "## Steps",
                "[!INCLUDE [shared steps](../includes/steps.md)]\n3. Read [the details](other.md#details).",
                "See [step two](#steps-step-2), [the named anchor](#legacy-anchor) and [a footnote][^1].",
                "[^1]: A note with [a link](other.md).")))
            .Write("content/pc/other.md", Page("Other", "## Details\n\nSee [forms](forms.md#legacy-anchor) and [home](../)."))
            .Write("content/pc/my notes.md", Page("My notes", "Text."))
            .Write("content/net/index.md", Page("Networking", "See [forms](../pc/forms.md#tables)."))
            .Write("content/includes/steps.md", "1. Open **Settings**, see ![settings](media/settings.png).\n2. Select [other](../pc/other.md#details).\n")
            .Write("content/includes/media/settings.png", "png")
            .Write("content/pc/images/shot.png", "png")
            .Write("content/pc/images/wide shot.png", "png")
            .Write("content/pc/files/setup.zip", "zip");
        return site;
    }

    [Fact]
    public void Every_link_form_the_check_accepts_is_live_in_the_output()
    {
        using var site = LinkForms();
        var run = site.Run("build", "--format", "json");
        Assert.True(run.ExitCode == 0, string.Join("\n", run.Diagnostics()));
        Assert.DoesNotContain(run.Diagnostics(), d => d.Severity != "info");
        var (dead, followed) = OutputCrawl.Crawl(site.Output);
        Assert.Empty(dead);
        var forms = site.ReadOutput("pc/forms/index.html");
        Assert.Contains("href=\"../other/#details\"", forms);
        Assert.Contains("href=\"../my%20notes/\"", forms);
        Assert.Contains("id=\"legacy-anchor\"", forms);
        Assert.True(followed > 60, $"only {followed} links followed");
    }

    /// <summary>A site.yml under which no content rule stops the site from being written: the output exists to be crawled.</summary>
    private static string LenientYml() =>
        "title: T\nbase_url: https://guides.example.org/\nrules:\n"
        + string.Concat(Rules.All.Where(r => r.Kind == RuleKind.Content && r.DefaultSeverity == Severity.Error).Select(r => $"  {r.Name}: warning\n"));

    /// <summary>Builds under <see cref="LenientYml"/> and asserts that each dead link of the output is named by one of the build's diagnostics.</summary>
    /// <remarks>A link the author opted out of checks (<c>{.nocheck}</c>) is published as written, named or not.</remarks>
    private static List<OutputCrawl.Dead> AssertDeadLinksAreNamed(TempSite site)
    {
        var run = site.Run("build", "--format", "json", "--no-ledger");
        Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
        var messages = run.Diagnostics().Select(d => d.Message).ToList();
        var optedOut = OptedOut(Path.Combine(site.Root, "content"));
        var (dead, _) = OutputCrawl.Crawl(site.Output);
        var unnamed = dead.Where(d => !messages.Any(m => Names(m, d.Url)) && !optedOut.Contains(d.Url)).ToList();
        Assert.True(unnamed.Count == 0, "dead in the output, named by no diagnostic:\n" + string.Join("\n", unnamed));
        return dead;
    }

    /// <summary>URLs written with the opt-out class in the Markdown of <paramref name="content"/>, read with GuideBuilder's own parser.</summary>
    private static HashSet<string> OptedOut(string content)
    {
        var urls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(content, "*.md", SearchOption.AllDirectories))
        {
            var document = Markdig.Markdown.Parse(File.ReadAllText(file), GuideBuilder.Render.Markdown.Pipeline);
            foreach (var link in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
            {
                if (link.Url is { } url && Markdig.Renderers.Html.HtmlAttributesExtensions.TryGetAttributes(link)?.Classes?.Contains("nocheck") == true) urls.Add(url);
            }
        }
        return urls;
    }

    private static bool Names(string message, string url)
    {
        var hash = url.IndexOf('#');
        var fragment = hash >= 0 ? url[(hash + 1)..] : "";
        return message.Contains($"'{url}'", StringComparison.Ordinal) || message.Contains($"'{Uri.UnescapeDataString(url)}'", StringComparison.Ordinal)
            || (fragment.Length > 0 && message.Contains($"'{fragment}'", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_broken_link_form_that_reaches_the_output_is_named_by_the_check()
    {
        using var site = new TempSite(LenientYml());
        site.Write("content/pc/broken.md", Page("Broken", string.Join("\n\n",
                "[missing](nowhere.md), [bad fragment](other.md#nope), [same page](#nope-here), [folder](media/), [case](Other.md)",
                "[reference][r]\n\n[r]: gone.md#x",
                "![missing image](images/none.png) <img src=\"images/none2.png\" alt=\"raw\"> <img src=\"other.png\" srcset=\"images/none3.png 2x\" alt=\"s\">",
                "<a href=\"nowhere2.md\">raw</a> <a name=\"has\" id=\"own\"></a>",
                "| t |\n|---|\n| [cell](nowhere3.md) |",
                "[!INCLUDE [steps](../includes/steps.md)]",
                "[!INCLUDE [missing include](../includes/none.md)]",
                "[to the include file](../includes/steps.md) [named anchor by its dropped name](#has)")))
            .Write("content/pc/other.md", Page("Other", "Text."))
            .Write("content/pc/other.png", "png")
            .Write("content/pc/media/a.png", "png")
            .Write("content/includes/steps.md", "1. Open [the thing](thing.md#x).\n");
        var dead = AssertDeadLinksAreNamed(site);
        Assert.True(dead.Count >= 12, $"only {dead.Count} dead links: the fixture lost its broken forms\n{string.Join("\n", dead)}");
    }

    [Fact]
    public void The_golden_fixtures_built_as_a_site_publish_no_dead_link_that_the_check_does_not_name()
    {
        using var site = new TempSite(LenientYml());
        var golden = Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden");
        var count = 0;
        foreach (var md in Directory.EnumerateFiles(golden, "*.md"))
        {
            site.Write("content/golden/" + Path.GetFileName(md), File.ReadAllText(md));
            count++;
        }
        Assert.True(count >= 5);
        AssertDeadLinksAreNamed(site);
    }
}
