using System.Globalization;
using System.Text;

namespace GuideBuilder.Bench.Corpus;

/// <summary>
/// Writes a site of <c>count</c> generated guides in the shape of a real ad-laden how-to post:
/// front matter, numbered steps with key combos and screenshots, cross-links with anchors to other
/// guides (all valid), shared screenshots on disk, and every ad shape the stripper removes (marker
/// regions with banners and 0×0 pixels, a click-to-play video, an affiliate disclaimer, an
/// "Also read" link farm, an AdSense unit). The same count and seed always give the same bytes.
/// </summary>
public sealed class CorpusGenerator(int count, int seed)
{
    /// <summary>Bumped whenever the output changes, so cached corpora are regenerated.</summary>
    public const int Version = 1;
    public const int ScreenshotsPerCategory = 6;
    public const int ThumbnailsPerCategory = 3;

    private static readonly DateTime Epoch = new(2023, 1, 2, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>What other guides need to know about guide <c>i</c> to link to it.</summary>
    private sealed record Plan(int Index, string Category, string Subject, string Verb, string Place, string Title, string Slug,
        string[] Sections, int Steps);

    /// <summary>Writes the site into <paramref name="dir"/>: site.yml, content/ and images.</summary>
    public void Write(string dir)
    {
        Directory.CreateDirectory(dir);
        var content = Path.Combine(dir, "content");
        foreach (var cat in Words.Categories)
        {
            var images = Path.Combine(content, cat, "images");
            Directory.CreateDirectory(images);
            var c = Array.IndexOf(Words.Categories, cat);
            for (var k = 0; k < ScreenshotsPerCategory; k++) File.WriteAllBytes(Path.Combine(images, $"shot-{k + 1}.png"), Png.Solid(64, 40, c, k));
            for (var k = 0; k < ThumbnailsPerCategory; k++) File.WriteAllBytes(Path.Combine(images, $"thumb-{k + 1}.png"), Png.Solid(32, 32, c, 10 + k));
        }
        File.WriteAllText(Path.Combine(dir, "site.yml"), $"""
            title: Generated Guides ({count})
            base_url: https://bench.example.org/
            content: content
            output: _site

            """);
        Parallel.For(0, count, i =>
        {
            var plan = PlanOf(i);
            File.WriteAllText(Path.Combine(content, plan.Category, plan.Slug + ".md"), Guide(plan));
        });
    }

    private Plan PlanOf(int i)
    {
        var r = Rng.For(seed, i, 1);
        var c = i % Words.Categories.Length;
        var subject = r.Pick(Words.Subjects[c]);
        var verb = r.Pick(Words.Verbs);
        var place = r.Pick(Words.Places);
        var title = Cap(verb) + " the " + subject + " on a " + place;
        var slug = Slugify($"{verb} {subject}") + "-" + i.ToString("D6", CultureInfo.InvariantCulture);
        var order = Enumerable.Range(0, Words.SectionHeadings.Length).OrderBy(_ => r.Next()).Take(3).ToArray();
        var sections = new[]
        {
            Fill(Words.SectionHeadings[order[0]], subject, verb, place, "", "working"),
            "How to " + verb + " the " + subject,
            Fill(Words.SectionHeadings[order[1]], subject, verb, place, "", r.Pick(Words.Gerunds)),
            Fill(Words.SectionHeadings[order[2]], subject, verb, place, "", r.Pick(Words.Gerunds)),
        };
        return new Plan(i, Words.Categories[c], subject, verb, place, title, slug, sections, r.Int(5, 8));
    }

    private string Guide(Plan p)
    {
        var r = Rng.For(seed, p.Index, 2);
        var sb = new StringBuilder(10_000);
        var paragraphs = new HashSet<string>(StringComparer.Ordinal);
        var date = Epoch.AddMinutes(r.Int(0, 900 * 24 * 60));
        var updated = date.AddMinutes(r.Int(60, 40 * 24 * 60));
        var tags = Words.Tags.OrderBy(_ => r.Next()).Take(r.Int(2, 4)).ToList();
        sb.Append("---\n");
        sb.Append("title: ").Append(p.Title).Append('\n');
        sb.Append("date: ").Append(date.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("updated: ").Append(updated.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("tags:\n");
        foreach (var t in tags) sb.Append("  - ").Append(t).Append('\n');
        sb.Append("categories:\n  - ").Append(p.Category).Append('\n');
        sb.Append("description: How to ").Append(p.Verb).Append(" the ").Append(p.Subject).Append(" on a ").Append(p.Place)
            .Append(", step by step, with the shortcuts and settings that matter.\n");
        sb.Append("excerpt: A ").Append(r.Pick(Words.Adjectives)).Append(" walk-through to ").Append(p.Verb).Append(" the ").Append(p.Subject).Append(" without extra tools.\n");
        sb.Append("keywords: ").Append(p.Subject.ToLowerInvariant()).Append(',').Append(p.Verb).Append(' ').Append(p.Subject.ToLowerInvariant()).Append(',').Append(p.Place).Append('\n');
        sb.Append("thumbnail: images/thumb-").Append(r.Int(1, ThumbnailsPerCategory + 1)).Append(".png\n");
        sb.Append("---\n\n");

        sb.Append("## ").Append(p.Title).Append("\n\n");
        Paragraph(sb, r, p, paragraphs, opener: true);
        Paragraph(sb, r, p, paragraphs);
        sb.Append("> Disclaimer: this guide contains affiliate links\n>\n")
          .Append("> If you buy something through one of them, the site may earn a commission at no extra cost to you.\n>\n\n");

        sb.Append("## ").Append(p.Sections[0]).Append("\n\n");
        Paragraph(sb, r, p, paragraphs, link: CrossLink(r, p, toStep: false));
        Paragraph(sb, r, p, paragraphs);
        Banner(sb, r);

        sb.Append("## ").Append(p.Sections[1]).Append("\n\n");
        Paragraph(sb, r, p, paragraphs);
        for (var s = 1; s <= p.Steps; s++)
        {
            sb.Append(s).Append(". ").Append(Step(r, p)).Append('\n');
            if (s is 2 or 4)
            {
                sb.Append("   ![Screenshot of the ").Append(p.Subject).Append(" settings at step ").Append(s)
                  .Append("](images/shot-").Append(r.Int(1, ScreenshotsPerCategory + 1)).Append(".png)\n");
            }
        }
        sb.Append('\n');
        Video(sb, r);
        Paragraph(sb, r, p, paragraphs, link: $"[the first step above](#{Slugify(p.Sections[1])}-step-1)");

        sb.Append("## ").Append(p.Sections[2]).Append("\n\n");
        Paragraph(sb, r, p, paragraphs, link: CrossLink(r, p, toStep: true));
        var extra = r.Int(3, 5);
        for (var s = 1; s <= extra; s++) sb.Append(s).Append(". ").Append(Step(r, p)).Append('\n');
        sb.Append('\n');
        Paragraph(sb, r, p, paragraphs);
        Banner(sb, r);

        sb.Append("## ").Append(p.Sections[3]).Append("\n\n");
        Paragraph(sb, r, p, paragraphs);
        Paragraph(sb, r, p, paragraphs, link: CrossLink(r, p, toStep: false));
        Farm(sb, r);
        sb.Append("<ins class=\"adsbygoogle\"\n     style=\"display:block\"\n     data-ad-client=\"ca-pub-")
          .Append(Digits(r, 16)).Append("\"\n     data-ad-slot=\"").Append(Digits(r, 10))
          .Append("\"\n     data-ad-format=\"auto\"\n     data-full-width-responsive=\"true\"></ins>\n");
        return sb.ToString();
    }

    /// <summary>A Markdown link to a heading or step of another guide, relative to <paramref name="from"/>.</summary>
    private string CrossLink(Rng r, Plan from, bool toStep)
    {
        var j = r.Int(count);
        if (j == from.Index) j = (j + 1) % count;
        var to = PlanOf(j);
        var anchor = toStep ? Slugify(to.Sections[1]) + "-step-" + r.Int(1, to.Steps + 1) : Slugify(r.Pick(to.Sections));
        var path = to.Category == from.Category ? to.Slug + ".md" : $"../{to.Category}/{to.Slug}.md";
        var text = toStep ? $"the steps to {to.Verb} the {to.Subject}" : $"how to {to.Verb} the {to.Subject} on a {to.Place}";
        return $"[{text}]({path}#{anchor})";
    }

    private static void Paragraph(StringBuilder sb, Rng r, Plan p, HashSet<string> seen, bool opener = false, string? link = null)
    {
        string text;
        do
        {
            var para = new StringBuilder();
            if (opener) para.Append(Fill(r.Pick(Words.Openers), p, r)).Append(' ');
            var n = r.Int(3, 6);
            for (var k = 0; k < n; k++) para.Append(Fill(r.Pick(Words.Fillers), p, r)).Append(' ');
            if (link is not null) para.Append("For the background, see ").Append(link).Append(". ");
            text = para.ToString().TrimEnd();
        } while (!seen.Add(text));
        sb.Append(text).Append("\n\n");
    }

    private static string Step(Rng r, Plan p) => Fill(r.Pick(Words.StepTemplates), p, r);

    private static string Keys(Rng r)
    {
        var mods = Words.Modifiers.OrderBy(_ => r.Next()).Take(r.Int(1, 3));
        return string.Join(@" \+ ", mods.Append(r.Pick(Words.Keys)).Select(k => $"**{k}**"));
    }

    private static void Banner(StringBuilder sb, Rng r)
    {
        var (a, b, c) = (r.Int(1_000_000, 9_999_999), r.Int(100_000, 2_999_999), r.Int(1000, 99_999));
        var host = r.Pick(Words.Merchants) + "." + r.Pick(Words.AdNetworks);
        sb.Append("<!-- affiliate ads begin -->\n")
          .Append($"<a href=\"https://{host}/c/{a}/{b}/{c}\" target=\"_top\" id=\"{b}\">\n")
          .Append($"  <img src=\"//a.impactradius-go.com/display-ad/{c}-{b}\" border=\"0\" alt=\"\" width=\"{(r.Chance(50) ? 728 : 300)}\" height=\"90\"/>\n")
          .Append("</a>\n")
          .Append($"<img height=\"0\" width=\"0\" src=\"https://{host}/i/{a}/{b}/{c}\" style=\"position:absolute;visibility:hidden;\" border=\"0\" />\n")
          .Append("<!-- affiliate ads end -->\n\n");
    }

    private static void Video(StringBuilder sb, Rng r)
    {
        var (a, b, c) = (r.Int(1_000_000, 9_999_999), r.Int(100_000, 2_999_999), r.Int(1000, 99_999));
        var merchant = r.Pick(Words.Merchants);
        sb.Append("<!-- affiliate ads begin -->\n")
          .Append($"<span id=\"{b}\">\n")
          .Append("\t<video width=\"128\" height=\"480\" style=\"cursor:pointer\"\n")
          .Append($"\t  poster=\"//a.impactradius-go.com/display-clicktoplayimage/{b}.png\"\n")
          .Append("\t  onclick=\"if(!this.playClicked){this.play();this.setAttribute('controls',true);this.playClicked=true;}\">\n")
          .Append($"\t  <source src=\"//a.impactradius-go.com/display-ad/{c}-{b}\">\n")
          .Append($"\t  <img src=\"//a.impactradius-go.com/display-clicktoplayimage/{b}.png\" style=\"border: none; height: 100%; width: 100%\">\n")
          .Append("\t</video>\n")
          .Append($"\t<div style=\"width:80px;text-align:center\"><a href=\"javascript:window.open(decodeURIComponent('https%3A%2F%2F{merchant}.sjv.io%2Fc%2F{a}%2F{b}%2F{c}'), '_blank');void(0);\">Watch now</a></div>\n")
          .Append("</span>\n")
          .Append($"<img height=\"0\" width=\"0\" src=\"https://imp.pxf.io/i/{a}/{b}/{c}\" style=\"position:absolute;visibility:hidden;\" border=\"0\" />\n")
          .Append("<!-- affiliate ads end -->\n\n");
    }

    private static void Farm(StringBuilder sb, Rng r)
    {
        sb.Append("<span class=\"atpl-alsoreadstyle\">Also read:</span>\n<div><ul>\n");
        var n = r.Int(10, 15);
        for (var k = 0; k < n; k++)
        {
            var title = $"{r.Pick(Words.FarmWords)} {r.Pick(Words.FarmTopics)} for {2020 + r.Int(6)}";
            var host = Slugify(r.Pick(Words.FarmTopics)) + ".tips-farm.example";
            sb.Append($"<li><a href=\"https://{host}/{Slugify(title)}-{r.Int(10_000, 99_999)}/\"><u>{title}</u></a></li>\n");
        }
        sb.Append("</ul></div>\n\n");
    }

    private static string Fill(string template, Plan p, Rng r) =>
        Fill(template, p.Subject, p.Verb, p.Place, r.Pick(Words.Adjectives), r.Pick(Words.Gerunds))
            .Replace("{k}", Keys(r)).Replace("{b}", r.Pick(Words.Buttons)).Replace("{m}", r.Pick(Words.Menus));

    private static string Fill(string template, string subject, string verb, string place, string adjective, string gerund) =>
        template.Replace("{s}", subject).Replace("{v}", verb).Replace("{p}", place).Replace("{a}", adjective).Replace("{g}", gerund);

    private static string Digits(Rng r, int n)
    {
        var chars = new char[n];
        for (var k = 0; k < n; k++) chars[k] = (char)('0' + r.Int(10));
        return new string(chars);
    }

    private static string Cap(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    /// <summary>GitHub's heading-id rule for the plain words used here: lower case, spaces to hyphens, other punctuation dropped.</summary>
    public static string Slugify(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch) || ch is '-' or '_') sb.Append(ch);
            else if (ch == ' ') sb.Append('-');
        }
        return sb.ToString();
    }
}
