using System.Collections.Concurrent;
using System.Text;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using GuideBuilder.Validate;

namespace GuideBuilder.Tests.Validate;

/// <summary>
/// Checks read and never write: the pipeline resolves a page's links against the site index (pure), shapes the
/// tree with the answers, then checks. The check step leaves the tree, its rendered HTML and the guide's
/// links, ids and headings exactly as the shaping step left them; the shaping step is what changes them.
/// </summary>
public sealed class ChecksReadOnlyTests
{
    private static readonly StripRules Strip = StripRules.Create(new StripSettings());

    private const string Page = """
        ---
        title: Read-only checks
        thumbnail: images/missing.png
        ---

        # A second title

        Read [the other page](other.md#known), [a missing anchor](other.md#gone), [a broken one](nowhere.md),
        [opted out](nowhere-either.md){.nocheck}, [by reference][ref] and [same page](#a-second-title).

        Inline <a href="other.md">raw</a> and <img src="images/a.png" alt="A shot">.

        ![A picture](images/a.png)

        1. Open the box.
        2. Take out the router.

        [ref]: ../w/other.md
        """;

    private static (Guide Guide, LinkValidator Links, DiagnosticBag Bag) Prepared()
    {
        var bag = new DiagnosticBag();
        Guide Load(string rel, string text)
        {
            var source = GuideReader.Parse(Encoding.UTF8.GetBytes(text), "/site/content/" + rel, "content/" + rel, rel, bag)
                ?? throw new InvalidOperationException($"{rel} did not load");
            return new Guide(source, rel[..^3] + "/");
        }
        var guide = Load("w/p.md", Page);
        var other = Load("w/other.md", "---\ntitle: Other\n---\n\n## Known\n\nText.\n");
        Pipeline.Prepare(other, Strip, bag);
        var index = new SiteIndex([guide, other], [], ["w/p.md", "w/other.md", "w/images/a.png"]);
        Pipeline.Prepare(guide, Strip, bag);
        return (guide, new LinkValidator(index, Strip, "/"), bag);
    }

    private static string Snapshot(Guide guide)
    {
        var html = new BodySanitizer(new SanitizeSettings()).Render(guide, new PageReporter(guide, new DiagnosticBag()), null);
        return html + "\n--\n" + string.Join("\n", guide.Links.Select(l => $"{l.Url} {l.OptOut} {l.Line}:{l.Column}"))
            + "\n--\n" + string.Join(" ", guide.Ids) + "\n--\n" + string.Join(" ", guide.Headings.Select(h => h.Id + "@" + h.Level));
    }

    [Fact]
    public void The_check_step_leaves_the_tree_and_the_guide_as_shaping_left_them()
    {
        var (guide, links, bag) = Prepared();
        var resolved = links.Resolve(guide);
        LinkValidator.Shape(guide, resolved);
        var before = Snapshot(guide);
        Assert.Equal(before, Snapshot(guide));   // rendering itself changes nothing, so the comparison below means something

        var deferred = new ConcurrentQueue<DeferredFragment>();
        Pipeline.Check(guide, links, resolved, bag, deferred);

        Assert.Equal(before, Snapshot(guide));
        // The check did its work: it reported the broken link and the missing thumbnail, and queued the anchors on the other page.
        var found = bag.Sorted();
        Assert.Contains(found, d => d.Rule == Rules.LinkBroken.Name && d.Message.Contains("nowhere.md", StringComparison.Ordinal));
        Assert.DoesNotContain(found, d => d.Message.Contains("nowhere-either.md", StringComparison.Ordinal));
        Assert.Contains(found, d => d.Rule == Rules.LinkAsset.Name && d.Message.Contains("missing.png", StringComparison.Ordinal));
        Assert.Equal(["known", "gone"], deferred.Select(d => d.Fragment));
    }

    [Fact]
    public void Resolving_changes_nothing_and_shaping_is_what_publishes_the_clean_urls()
    {
        var (guide, links, _) = Prepared();
        var unshaped = Snapshot(guide);
        var resolved = links.Resolve(guide);
        Assert.Equal(unshaped, Snapshot(guide));

        LinkValidator.Shape(guide, resolved);
        var shaped = Snapshot(guide);
        Assert.NotEqual(unshaped, shaped);
        Assert.Contains("href=\"../other/#known\"", shaped, StringComparison.Ordinal);
        Assert.Contains("href=\"../other/\"", shaped, StringComparison.Ordinal);
        Assert.DoesNotContain("nocheck", shaped, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_is_a_pure_function_of_the_question_and_the_index()
    {
        var (guide, links, _) = Prepared();
        var first = links.Resolve(guide);
        var again = links.Resolve(guide);
        Assert.Equal(first.Facts.Count, again.Facts.Count);
        for (var i = 0; i < first.Facts.Count; i++) Assert.Equal(first.Facts[i], again.Facts[i]);
        var q = new LinkQuestion("other.md#known", IsImage: false, HasRel: false, "w");
        Assert.Equal(new LinkAnswer("../other/#known", [], "w/other.md", "known"), links.Resolve("w/p.md", "w/p/", q));
        Assert.Equal(Rules.LinkBroken.Name, links.Resolve("w/p.md", "w/p/", q with { Url = "gone.md" }).Findings.Single().Rule);
    }
}
