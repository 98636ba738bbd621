using System.Globalization;
using System.Text;

namespace GuideBuilder.ServeBench;

/// <summary>
/// A deterministic site of N guides in the usual shape: front matter, an intro, numbered steps,
/// headings, and links to a few other guides (with anchors), spread over 20 categories; optionally
/// some with a broken link, for a site that has diagnostics.
/// </summary>
public static class SiteGenerator
{
    public const int Categories = 20;

    public static string Category(int i) => $"topic-{i % Categories:D2}";

    public static string RelativePath(int i) => $"content/{Category(i)}/guide-{i:D5}.md";

    public static string Url(int i) => $"/{Category(i)}/guide-{i:D5}/";

    /// <summary>Every <paramref name="brokenEvery"/>-th guide (0: none) also links to a page that does not exist.</summary>
    public static void Write(string root, int guides, int brokenEvery = 0)
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, "site.yml"), "title: Bench Guides\nbase_url: https://guides.example.org/\n");
        for (var i = 0; i < guides; i++)
        {
            var path = Path.Combine(root, RelativePath(i));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var intro = "This guide walks through the setting step by step.";
            if (brokenEvery > 0 && i % brokenEvery == 1) intro += " See also [the old page](retired-page.md).";
            File.WriteAllText(path, Guide(i, guides, intro));
        }
    }

    /// <summary>Guide number <paramref name="i"/>, with <paramref name="intro"/> as its first paragraph.</summary>
    public static string Guide(int i, int guides, string intro)
    {
        var date = new DateTime(2020, 1, 1).AddHours(i * 7).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("---\n");
        sb.Append($"title: Change setting number {i} in Windows\n");
        sb.Append($"date: {date}\n");
        sb.Append($"description: How to change setting {i} and check that it took effect.\n");
        sb.Append($"categories: [{Category(i)}]\n");
        sb.Append($"tags: [tag-{i % 97}, tag-{i % 13}]\n");
        sb.Append("---\n\n");
        sb.Append(intro).Append("\n\n");
        sb.Append("## Before you start\n\nYou need an administrator account and about five minutes.\n\n");
        sb.Append("## Steps\n\n");
        for (var s = 1; s <= 5; s++)
        {
            sb.Append($"{s}. Open **Settings**, then select item {s} of the list and press <kbd>Enter</kbd>.\n");
        }
        sb.Append("\n## Related\n\n");
        foreach (var other in new[] { (i + 1) % guides, (i * 31 + 7) % guides, (i + guides - 1) % guides })
        {
            var target = RelativePath(other)["content/".Length..];
            var from = Category(i);
            var link = target.StartsWith(from + "/", StringComparison.Ordinal) ? target[(from.Length + 1)..] : "../" + target;
            sb.Append($"- [Setting {other}]({link}#steps)\n");
        }
        sb.Append("\n## Check the result\n\nRestart the app and confirm the new value is shown.\n");
        return sb.ToString();
    }
}
