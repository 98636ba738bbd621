using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>
/// A generated site of many pages with faults injected at known lines (fixed seed): every fault must
/// be reported at its line with its rule, and nothing else. Valid content between the faults covers
/// what must stay silent: links by path, clean URL, site root, query, reference, raw HTML, %20,
/// percent-encoded non-ASCII anchors, step ids, explicit ids, raw anchors, folders, mailto and xref.
/// </summary>
public sealed class FaultCorpusTests
{
    private const int Pages = 40;

    private sealed class PageBuilder(string name)
    {
        public List<string> Lines { get; } = [];
        public List<(string File, int Line, string Rule)> Expected { get; } = [];
        public string File => $"content/sec/{name}.md";

        public void Add(string text) => Lines.AddRange(text.Split('\n'));

        /// <summary>Adds a line that must be reported by <paramref name="rule"/>.</summary>
        public void Fault(string rule, string line)
        {
            Lines.Add(line);
            Expected.Add((File, Lines.Count, rule));
        }
    }

    private static string Name(int i) => $"page-{i:000}";

    /// <summary>The fault blocks, each led by a blank line; the rule's line is the one passed to Fault.</summary>
    private static readonly (string Rule, Action<PageBuilder, int, Random> Inject)[] Faults =
    [
        ("link.broken", (p, n, r) => { p.Add(""); p.Fault("link.broken", $"Read [the setup notes](notes-missing-{n}.md) first."); }),
        ("link.anchor", (p, n, r) => { p.Add(""); p.Fault("link.anchor", $"Jump to [that part]({Name(r.Next(Pages))}.md#no-such-part-{n})."); }),
        ("link.asset", (p, n, r) => { p.Add(""); p.Fault("link.asset", $"![Screen {n}](images/missing-{n}.png)"); }),
        ("link.case", (p, n, r) => { p.Add(""); p.Fault("link.case", $"See [the other guide](Page-{r.Next(Pages):000}.md)."); }),
        ("link.outside", (p, n, r) => { p.Add(""); p.Fault("link.outside", "See [the parent](../../../outside.md)."); }),
        ("link.root", (p, n, r) => { p.Add(""); p.Fault("link.root", $"See [the other site](/other-site/page-{n}/)."); }),
        ("link.anchor-generated", (p, n, r) => { p.Add(""); p.Add("## $$"); p.Add(""); p.Fault("link.anchor-generated", "See [the dollars](#section)."); }),
        ("heading.skip-level", (p, n, r) => { p.Add(""); p.Add($"## Section {n}"); p.Add(""); p.Fault("heading.skip-level", $"#### Deep part {n}"); }),
        ("heading.empty", (p, n, r) => { p.Add(""); p.Fault("heading.empty", "##"); }),
        ("heading.multiple-h1", (p, n, r) => { p.Add(""); p.Fault("heading.multiple-h1", $"# Another top {n}"); }),
        ("heading.duplicate", (p, n, r) => { p.Add(""); p.Add($"## Twin {n}"); p.Add(""); p.Add($"Between the twins {n}."); p.Add(""); p.Fault("heading.duplicate", $"## Twin {n}"); }),
        ("heading.trailing-punctuation", (p, n, r) => { p.Add(""); p.Fault("heading.trailing-punctuation", $"## Finish step {n}:"); }),
        ("lint.duplicate-paragraph", (p, n, r) =>
        {
            var text = $"This paragraph number {n} says the same thing twice over on purpose.";
            p.Add(""); p.Add(text); p.Add(""); p.Fault("lint.duplicate-paragraph", text);
        }),
        ("lint.image-alt", (p, n, r) => { p.Add(""); p.Fault("lint.image-alt", "![](images/shot.png)"); }),
        ("lint.step-gap", (p, n, r) => { p.Add(""); p.Add("1. Open the box."); p.Add("2. Take the part out."); p.Fault("lint.step-gap", "4. Close the box."); }),
        ("lint.empty-step", (p, n, r) => { p.Add(""); p.Add("1. Open the lid."); p.Add(""); p.Fault("lint.empty-step", "2."); p.Add(""); p.Add("3. Close the lid."); }),
        ("lint.vague-link", (p, n, r) => { p.Add(""); p.Fault("lint.vague-link", $"For more, [click here]({Name(r.Next(Pages))}.md)."); }),
    ];

    /// <summary>Valid blocks that must never be reported.</summary>
    private static readonly Action<PageBuilder, int, Random>[] Valid =
    [
        (p, n, r) => { p.Add(""); p.Add($"Read [the guide {n}]({Name(r.Next(Pages))}.md) and [its second step](./{Name(r.Next(Pages))}.md#intro-step-2) or [its intro]({Name(r.Next(Pages))}.md?from=x#intro)."); },
        (p, n, r) => { p.Add(""); p.Add($"Also ({n}) [by clean URL](/sec/{Name(r.Next(Pages))}/) and [by folder URL](../sec/{Name(r.Next(Pages))}/#details-here), [the categories](../categories/), [home](/) and [tags](/tags/)."); },
        (p, n, r) => { p.Add(""); p.Add($"Write ({n}) to [the team](mailto:team@example.org), see [String](xref:System.String) or [the spec](https://example.org/spec#part-{n})."); },
        (p, n, r) => { p.Add(""); p.Add($"Use [the reference link {n}][ref-{n}] here."); p.Add(""); p.Add($"[ref-{n}]: {Name(r.Next(Pages))}.md#caf%C3%A9-au-lait"); },
        (p, n, r) => { p.Add(""); p.Add($"<p>Raw <a href=\"{Name(r.Next(Pages))}.md#raw-anchor\">link {n}</a> and <img src=\"images/my%20shot.png\" alt=\"shot {n}\"></p>"); },
        (p, n, r) => { p.Add(""); p.Add($"![Screen shot {n}](images/my%20shot.png)"); },
        (p, n, r) => { p.Add(""); p.Add($"See ({n}) [the details](#details-here), [the raw anchor](#raw-anchor) and [the broken guide]({"broken-page"}.md)."); },
        (p, n, r) => { p.Add(""); p.Add($"1. Press the first key {n}."); p.Add("2. Press the second key."); p.Add("3. Wait for the light."); },
    ];

    [Fact]
    public void Every_injected_fault_is_reported_at_its_line_with_its_rule_and_nothing_else()
    {
        var random = new Random(20250101);
        using var site = new TempSite();
        site.WriteBytes("content/sec/images/shot.png", [0x89, 0x50, 0x4E, 0x47]);
        site.WriteBytes("content/sec/images/my shot.png", [0x89, 0x50, 0x4E, 0x47]);
        // A page whose front matter is invalid: reported once, and links to it are not broken (no cascade).
        site.Write("content/sec/broken-page.md", "---\ntitle: 'Broken' page\n---\n\nText.\n");
        var expected = new List<(string File, int Line, string Rule)> { ("content/sec/broken-page.md", 2, "frontmatter.invalid") };

        var faultNumber = 0;
        for (var i = 0; i < Pages; i++)
        {
            var page = new PageBuilder(Name(i));
            page.Add("---");
            page.Add($"title: Guide {i}");
            page.Add("date: 2024-03-01");
            var front = random.Next(6);
            if (front == 0) page.Expected.Add((page.File, 1, "lint.missing-description"));
            else page.Add($"description: What guide {i} does");
            if (front == 1) page.Fault("lint.updated-before-date", "updated: 2024-01-01");
            page.Add("---");
            page.Add("");
            page.Add($"# Guide {i}");
            page.Add("");
            page.Add("## Intro");
            page.Add("");
            page.Add("1. Open the app.");
            page.Add("2. Pick the file.");
            page.Add("");
            page.Add("## Details {#details-here}");
            page.Add("");
            page.Add("<a id=\"raw-anchor\"></a>");
            page.Add("");
            page.Add("## Café au lait");
            var blocks = new List<Action<PageBuilder, int, Random>>();
            // Every rule at least twice across the site, the rest chosen at random.
            blocks.Add(Faults[i % Faults.Length].Inject);
            for (var k = 0; k < 3; k++) blocks.Add(Faults[random.Next(Faults.Length)].Inject);
            for (var k = 0; k < 5; k++) blocks.Add(Valid[random.Next(Valid.Length)]);
            blocks.Add(Valid[i % Valid.Length]);
            var anchorGenerated = false;
            foreach (var block in blocks.OrderBy(_ => random.Next()))
            {
                if (block == Faults[6].Inject)
                {
                    if (anchorGenerated) continue;   // one '$$' heading per page keeps the id 'section'
                    anchorGenerated = true;
                }
                block(page, ++faultNumber, random);
            }
            page.Add("");
            site.Write(page.File, string.Join('\n', page.Lines));
            expected.AddRange(page.Expected);
        }

        var run = site.Run("check", "--format", "json");
        var actual = run.Diagnostics().Select(d => (d.File, d.Line, d.Rule)).OrderBy(x => x).ToList();

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"missing: {string.Join("; ", missing)}\nextra: {string.Join("; ", run.Diagnostics().Where(d => extra.Contains((d.File, d.Line, d.Rule))).Select(d => $"{d.File}:{d.Line} {d.Rule} {d.Message}"))}");
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(Faults, f => Assert.Contains(expected, e => e.Rule == f.Rule));
        Assert.Equal(1, run.ExitCode);
    }
}
