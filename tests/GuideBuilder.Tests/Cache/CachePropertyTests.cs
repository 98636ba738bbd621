using System.Text.RegularExpressions;
using GuideBuilder.Bench.Corpus;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Cache;

/// <summary>
/// Random edit sequences on a generated site with faults: after every edit the build from the cache equals a
/// build from nothing (output bytes, JSON report but elapsed_ms, published.yml). The edits are those a writer
/// makes: bodies, titles, dates, tags, guides and images added, deleted and renamed, links and anchors broken
/// and fixed (also by creating the page a broken link names), a template edited, a rule changed in site.yml, drafts
/// toggled, a shared include edited.
/// <para>
/// A few sequences run by default; <c>GUIDEBUILDER_CACHE_SEQUENCES=200</c> runs the long version
/// (<c>GUIDEBUILDER_CACHE_SEED</c> moves the first seed). A failure names the seed and every edit up to it.
/// </para>
/// </summary>
public sealed partial class CachePropertyTests
{
    private const int StepsPerSequence = 7;

    [Fact]
    public void Random_edit_sequences_build_from_the_cache_exactly_as_from_nothing()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_CACHE_SEQUENCES"), out var n) ? n : 3;
        var first = int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_CACHE_SEED"), out var s) ? s : 1;
        for (var seed = first; seed < first + count; seed++) Sequence(seed);
    }

    private const string SiteYml = """
        title: Edited Guides
        base_url: https://guides.example.org/
        rules:
          link.broken: warning
          link.anchor: warning
          link.asset: warning
          url.removed: warning
          frontmatter.invalid: warning
          output.conflict: warning

        """;

    private static void Sequence(int seed)
    {
        using var site = new TempSite();
        new CorpusGenerator(12, seed).Write(site.Root);
        File.WriteAllText(Path.Combine(site.Root, "site.yml"), SiteYml);
        var random = new Random(seed);
        var log = new List<string> { $"seed {seed}: first build" };
        var kept = 0;
        void Kept(string stderr) => kept += KeptLine().Match(stderr) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        CachedBuild.AssertSameAsClean(site, string.Join("; ", log), extra: ["--verbose"], cachedStderr: Kept);
        for (var step = 1; step <= StepsPerSequence; step++)
        {
            log.Add(Edit(site, random, step));
            CachedBuild.AssertSameAsClean(site, string.Join("; ", log), extra: ["--verbose"], cachedStderr: Kept);
        }
        // The comparisons above are about the render skip too: some pages were kept as published, not rendered.
        Assert.True(kept > 0, $"seed {seed}: no page was kept as published in any step: {string.Join("; ", log)}");
    }

    [GeneratedRegex(@"^render: \d+ of \d+ pages rendered, (\d+) kept as published", RegexOptions.Multiline)]
    private static partial Regex KeptLine();

    private static string Edit(TempSite site, Random random, int step)
    {
        var content = Path.Combine(site.Root, "content");
        var guides = Directory.GetFiles(content, "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var images = Directory.GetFiles(content, "*.png", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        string Rel(string path) => Path.GetRelativePath(content, path).Replace('\\', '/');
        if (guides.Count < 3) return Add(site, random, step, guides);
        var guide = guides[random.Next(guides.Count)];
        var text = File.ReadAllText(guide);
        switch (random.Next(21))
        {
            case 0:
                File.AppendAllText(guide, $"\nOne more sentence, number {step}.\n");
                return $"body edit in {Rel(guide)}";
            case 1:
                File.WriteAllText(guide, TitleLine().Replace(text, $"title: A new title {step}", 1));
                return $"title of {Rel(guide)}";
            case 2:
                File.WriteAllText(guide, DateLine().Replace(text, $"date: 2024-0{1 + step % 9}-1{step % 10}T08:00:00Z", 1));
                return $"date of {Rel(guide)}";
            case 3:
                File.WriteAllText(guide, text.Replace("tags:\n", $"tags:\n  - edited-{step % 3}\n"));
                return $"tag added to {Rel(guide)}";
            case 4:
                return Add(site, random, step, guides);
            case 5:
                File.Delete(guide);
                return $"deleted {Rel(guide)}";
            case 6:
                var renamed = Path.Combine(Path.GetDirectoryName(guide)!, $"renamed-{step}.md");
                File.Move(guide, renamed);
                return $"renamed {Rel(guide)} to {Rel(renamed)}";
            case 7:
                if (images.Count == 0) goto case 0;
                var image = images[random.Next(images.Count)];
                if (random.Next(2) == 0)
                {
                    File.Delete(image);
                    return $"deleted image {Rel(image)}";
                }
                var copy = Path.Combine(Path.GetDirectoryName(image)!, $"added-{step}.png");
                File.Copy(image, copy, overwrite: true);
                File.AppendAllText(guide, $"\n![A new picture](images/added-{step}.png)\n");
                return $"added image {Rel(copy)}, shown in {Rel(guide)}";
            case 8:
                var other = guides[random.Next(guides.Count)];
                var link = Path.GetRelativePath(Path.GetDirectoryName(guide)!, other).Replace('\\', '/');
                File.AppendAllText(guide, $"\nSee [a missing page](missing-{step}.md) and [a missing anchor]({link}#no-such-part-{step}).\n");
                return $"broke links in {Rel(guide)}";
            case 9:
                var fixedAll = 0;
                foreach (var g in guides)
                {
                    var t = File.ReadAllText(g);
                    var without = BrokenLinks().Replace(t, "");
                    if (without == t) continue;
                    File.WriteAllText(g, without);
                    fixedAll++;
                }
                return $"fixed the broken links of {fixedAll} guides";
            case 10:
                File.WriteAllText(guide, Heading().Replace(text, $"## A reworded section {step}", 1));
                return $"reworded a heading of {Rel(guide)} (links to its old anchor break)";
            case 11:
                var templates = Path.Combine(site.Root, "templates");
                Directory.CreateDirectory(templates);
                var theme = File.ReadAllText(Path.Combine(Repository.Root, "templates", "guide.html"));
                File.WriteAllText(Path.Combine(templates, "guide.html"), $"<!-- edit {step} -->\n" + theme);
                return "edited the guide template";
            case 12:
                var yml = Path.Combine(site.Root, "site.yml");
                var current = File.ReadAllText(yml);
                File.WriteAllText(yml, current.Contains("link.broken: warning", StringComparison.Ordinal)
                    ? current.Replace("link.broken: warning", "link.broken: info")
                    : current.Replace("link.broken: info", "link.broken: warning"));
                return "changed the severity of link.broken in site.yml";
            case 13:
                File.WriteAllText(guide, text.Contains("draft: true\n", StringComparison.Ordinal)
                    ? text.Replace("draft: true\n", "")
                    : text.Replace("---\ntitle:", "---\ndraft: true\ntitle:"));
                return $"toggled draft of {Rel(guide)}";
            case 14:
                site.Write("content/includes/shared.md", $"A shared note, version {step}, with [a link](../{Rel(guides[0])}).\n");
                if (!text.Contains("[!INCLUDE", StringComparison.Ordinal))
                {
                    var up = string.Concat(Enumerable.Repeat("../", Rel(guide).Count(c => c == '/')));
                    File.AppendAllText(guide, $"\n[!INCLUDE [shared]({up}includes/shared.md)]\n");
                }
                return $"edited the shared include, used by {Rel(guide)}";
            case 15:
                // The page a broken link names comes into being: the link's warning must go away.
                foreach (var g in guides)
                {
                    if (MissingLink().Match(File.ReadAllText(g)) is not { Success: true } m) continue;
                    var created = Path.Combine(Path.GetDirectoryName(g)!, m.Groups[1].Value);
                    if (File.Exists(created)) continue;
                    File.WriteAllText(created, $"---\ntitle: Once missing {step}\n---\n\nHere now.\n");
                    return $"created {Rel(created)}, which a link in {Rel(g)} names";
                }
                goto case 8;
            case 17:
                site.Write("templates/labels.yml", $"en:\n  next: \"Onward {step}\"\n  home: \"Start {step}\"\n");
                return "changed two labels in templates/labels.yml";
            case 18:
                var config = Path.Combine(site.Root, "site.yml");
                File.WriteAllText(config, TitleLine().Replace(File.ReadAllText(config), $"title: Edited Guides {step}", 1));
                return "changed the site title in site.yml";
            case 19:
                var layout = File.ReadAllText(Path.Combine(Repository.Root, "templates", "layout.html"));
                site.Write("templates/layout.html", layout.Replace("<main id=\"main\"", $"<p class=\"edit-{step}\"><a href=\"{{{{ root }}}}tags/#main\">x</a></p>\n<main id=\"main\"", StringComparison.Ordinal));
                return "edited the layout (a link to a fragment on the tags page)";
            case 20:
                // A neighbour's title: the guides before and after it in its category show it in their previous/next links.
                var neighbour = guides[(guides.IndexOf(guide) + 1) % guides.Count];
                File.WriteAllText(neighbour, TitleLine().Replace(File.ReadAllText(neighbour), $"title: A neighbour renamed {step}", 1));
                File.AppendAllText(guide, $"\nA sentence beside the renamed neighbour, {step}.\n");
                return $"title of {Rel(neighbour)} and a body edit of {Rel(guide)}";
            default:
                File.WriteAllText(guide, "---\ntitle: [unclosed\n---\n\nBody.\n");
                return $"broke the front matter of {Rel(guide)}";
        }
    }

    private static string Add(TempSite site, Random random, int step, List<string> guides)
    {
        var target = guides.Count == 0 ? null : guides[random.Next(guides.Count)];
        var link = target is null ? "" : $"See [the other guide](../{Path.GetRelativePath(Path.Combine(site.Root, "content"), target).Replace('\\', '/')}#what-you-need-first).\n";
        site.Write($"content/added/guide-{step}.md", $"---\ntitle: Added guide {step}\ndate: 2024-05-0{1 + step % 9}\ntags:\n  - added\n---\n\n## What you need first\n\nNothing at all.\n\n{link}");
        return $"added content/added/guide-{step}.md";
    }

    [GeneratedRegex(@"^title:.*$", RegexOptions.Multiline)]
    private static partial Regex TitleLine();

    [GeneratedRegex(@"^date:.*$", RegexOptions.Multiline)]
    private static partial Regex DateLine();

    [GeneratedRegex(@"^## .*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[a missing page\]\((missing-[0-9]+\.md)\)")]
    private static partial Regex MissingLink();

    [GeneratedRegex(@"\nSee \[a missing page\]\([^\n]*\n")]
    private static partial Regex BrokenLinks();
}
