using System.Text;
using System.Text.RegularExpressions;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// Whole-page golden tests. Each <c>Fixtures/golden/NNN-name.md</c> is built as
/// <c>content/windows/NNN-name.md</c> in a site made from <c>Fixtures/golden/site/</c> (a second
/// guide and two screenshots to link to), and compared in full with:
/// <list type="bullet">
/// <item><c>NNN-name.html</c>: a first line <c>&lt;!-- h1: title #id --&gt;</c> naming the page's h1
/// (the theme renders it), then the rendered guide body exactly as the theme puts it inside
/// <c>&lt;div class="guide-body"&gt;</c>. The body rather than the whole page, so that theme changes
/// do not touch these files; the theme is covered by <see cref="SeedShapedEndToEndTests"/>.</item>
/// <item><c>NNN-name.diagnostics.txt</c>: the case file's diagnostics, one compiler-form line each
/// (<c>file:line:column: severity CODE: message [rule]</c>), sorted.</item>
/// </list>
/// A name containing <c>crlf</c> is written with a UTF-8 byte-order mark and CRLF line endings.
/// Regenerate the expected files with <c>GB_UPDATE_GOLDEN=1 dotnet test --filter GoldenTests</c>.
/// </summary>
public sealed partial class GoldenTests
{
    [GeneratedRegex(@"^\d{3}-[a-z0-9-]+\.md$")]
    private static partial Regex CaseName();

    private static List<string> CaseNames() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden"), "*.md")
            .Select(f => Path.GetFileName(f))
            .Where(f => CaseName().IsMatch(f))
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> Cases() => new(CaseNames());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Page_matches_golden_html_and_diagnostics(string name)
    {
        var (html, diagnostics) = Render(name);
        Golden.Verify($"golden/{name}.html", html);
        Golden.Verify($"golden/{name}.diagnostics.txt", diagnostics);
    }

    [Fact]
    public void There_are_golden_cases_with_and_without_errors()
    {
        var names = CaseNames();
        Assert.True(names.Count >= 4, $"only {names.Count} golden cases found");
        var texts = names.Select(n => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden", n + ".diagnostics.txt"))).ToList();
        Assert.Contains(texts, t => t.Contains(": error GB", StringComparison.Ordinal));
        Assert.Contains(texts, t => !t.Contains(": error GB", StringComparison.Ordinal));
    }

    internal static (string Html, string Diagnostics) Render(string name)
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden");
        using var site = new TempSite();
        var shared = Path.Combine(fixtures, "site");
        foreach (var file in Directory.GetFiles(shared, "*", SearchOption.AllDirectories))
        {
            site.WriteBytes(Path.GetRelativePath(shared, file).Replace('\\', '/'), File.ReadAllBytes(file));
        }
        var rel = $"content/windows/{name}.md";
        site.WriteBytes(rel, Golden.GuideBytes(Path.Combine(fixtures, name + ".md")));

        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var result = new SiteBuilder(config, new BuildOptions { Write = false, KeepHtml = true }).Build();

        var guide = result.Guides.SingleOrDefault(g => g.Source.SiteRelativePath == rel);
        var html = guide is null
            ? "<!-- page skipped -->\n"
            : $"<!-- h1: {guide.Title} #{guide.TitleId} -->\n{guide.ContentHtml}";
        var lines = result.Diagnostics.Where(d => d.Location.File == rel).Select(ReportFormatter.Line);
        return (html, string.Concat(lines.Select(l => l + "\n")));
    }
}
