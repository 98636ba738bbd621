using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Render;

namespace GuideBuilder.Validate;

/// <summary>
/// The site against its ledger (<see cref="PublishedLedger"/>): what was published stays reachable.
/// Per guide, before its links are checked, <see cref="KeepOldIds"/> gives a reworded heading its old id
/// back (and applies front matter <c>anchors:</c>); after its body is rendered, <see cref="Record"/> reads
/// the page's ids and reports recorded ids that are gone (<c>anchor.removed</c>). Site-wide,
/// <see cref="CheckRemoved"/> reports recorded URLs that no page and no alias serves (<c>url.removed</c>).
/// Reads the ledger, never writes it: <see cref="Text"/> is what a successful build writes.
/// </summary>
public sealed class LedgerCheck(PublishedLedger? ledger)
{
    /// <summary>The ledger read at the start of the run (null: none yet, or <c>--no-ledger</c>).</summary>
    public PublishedLedger? Ledger { get; } = ledger;

    /// <summary>The ledger's line for a guide: its URL's, else that of one of its aliases (a page that moved).</summary>
    public LedgerPage? EntryFor(Guide guide)
    {
        if (Ledger is null) return null;
        if (Ledger.Find(guide.Url) is { RedirectTo: null } entry) return entry;
        foreach (var alias in guide.Meta.Aliases)
        {
            if (Redirects.Normalize(alias.Value, out _) is { } url && Ledger.Find(url) is { RedirectTo: null } old) return old;
        }
        return null;
    }

    /// <summary>
    /// Before the guide's links are checked: front matter <c>anchors:</c>, then every recorded id the page lost
    /// whose heading was reworded in place (same neighbours, similar text) is kept on that heading.
    /// </summary>
    public void KeepOldIds(Guide guide, PageReporter report)
    {
        foreach (var (old, now) in guide.Meta.Anchors)
        {
            if (guide.Ids.Contains(old.Value)) continue;
            if (!AnchorAliases.Add(guide.Document!, now, old.Value))
            {
                report.Report(Rules.FrontMatterInvalid, old.Line, old.Column, $"anchors: '{now}' is not the id of a heading on this page{Suggest.Hint(now, guide.Headings.Select(h => h.Id))}");
                continue;
            }
            guide.Ids.Add(old.Value);
            guide.KeptIds[old.Value] = now;
        }
        if (EntryFor(guide) is not { } entry) return;
        // Ids kept before stay on their heading while it has the id it had then.
        foreach (var (old, heading) in entry.Kept)
        {
            if (guide.Ids.Contains(old) || !guide.Ids.Contains(heading) || !AnchorAliases.Add(guide.Document!, heading, old)) continue;
            guide.Ids.Add(old);
            guide.KeptIds[old] = heading;
        }
        var recorded = entry.Ids.Where(id => !PublishedLedger.IsStepId(id)).ToList();
        var recordedSet = new HashSet<string>(recorded, StringComparer.Ordinal);
        var headings = guide.Headings.Where(h => h.Id.Length > 0).ToList();
        var headingAt = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headings.Count; i++) headingAt.TryAdd(headings[i].Id, i);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < recorded.Count; i++)
        {
            var gone = recorded[i];
            if (guide.Ids.Contains(gone)) continue;
            // The gap between the nearest recorded headings before and after it that the page still has.
            var from = -1;
            for (var j = i - 1; j >= 0; j--)
            {
                if (headingAt.TryGetValue(recorded[j], out from)) break;
                from = -1;
            }
            var to = headings.Count;
            for (var j = i + 1; j < recorded.Count; j++)
            {
                if (headingAt.TryGetValue(recorded[j], out to)) break;
                to = headings.Count;
            }
            HeadingInfo? best = null;
            var bestScore = 0.0;
            for (var k = from + 1; k < to; k++)
            {
                var h = headings[k];
                if (recordedSet.Contains(h.Id) || PublishedLedger.IsStepId(h.Id) || taken.Contains(h.Id)) continue;
                var score = Similarity(gone, h.Id);
                if (score > bestScore) (best, bestScore) = (h, score);
            }
            if (best is null || bestScore < 0.5 || !AnchorAliases.Add(guide.Document!, best.Id, gone)) continue;
            taken.Add(best.Id);
            guide.Ids.Add(gone);
            guide.KeptIds[gone] = best.Id;
            report.Report(Rules.AnchorKept, best.Line, best.Column,
                $"heading '{best.Text.Trim()}' was '#{gone}' when published (published.yml line {entry.Line}); it keeps that id beside '#{best.Id}'");
        }
    }

    /// <summary>
    /// After the guide's body is rendered: its ids in page order (kept for the ledger), and an
    /// <c>anchor.removed</c> for each recorded id that is gone (step ids are positions: never reported).
    /// </summary>
    public void Record(Guide guide, IReadOnlyList<string> bodyIds, PageReporter report)
    {
        var ids = PageIds.Of(guide, bodyIds);
        guide.PublishedIds = ids;
        if (EntryFor(guide) is not { } entry) return;
        var now = new HashSet<string>(ids, StringComparer.Ordinal);
        foreach (var id in entry.Ids)
        {
            if (now.Contains(id) || PublishedLedger.IsStepId(id)) continue;
            var hint = Suggest.Hint(id, guide.Headings.Select(h => h.Id));
            report.Report(Rules.AnchorRemoved, 1, 1,
                $"'#{id}' was published on this page (published.yml line {entry.Line}) and is gone{hint}: links to it from outside now land at the top. " +
                $"Put {{#{id}}} on the heading that replaces it, or map it in front matter (anchors: {{{id}: new-id}}); delete it from published.yml to retire it");
        }
    }

    /// <summary>Every recorded URL that no guide and no alias serves now: <c>url.removed</c> at its ledger line, with the likely new home.</summary>
    /// <remarks>
    /// A URL whose guide is still there but not published this time (it failed to load, is a draft) is not
    /// reported and stays in the ledger; when the content folder could not be read whole (an <c>io.*</c>
    /// fault), nothing is called removed.
    /// </remarks>
    public void CheckRemoved(IReadOnlyList<Guide> guides, Redirects redirects, DiagnosticBag diagnostics, IEnumerable<string> unpublished)
    {
        _carried.Clear();
        if (Ledger is null) return;
        var held = new HashSet<string>(unpublished.Select(PathUrl), StringComparer.Ordinal);
        var unreadable = diagnostics.Sorted().Any(d => d.Rule.StartsWith("io.", StringComparison.Ordinal));
        var byUrl = new Dictionary<string, Guide>(StringComparer.Ordinal);
        foreach (var g in guides) byUrl[g.Url] = g;
        List<Guide>? newcomers = null;
        foreach (var entry in Ledger.Pages.Values.OrderBy(p => p.Line))
        {
            if (byUrl.ContainsKey(entry.Url) || redirects.ByUrl.ContainsKey(entry.Url)) continue;
            if (unreadable || held.Contains(entry.Url))
            {
                _carried.Add(entry);
                continue;
            }
            newcomers ??= guides.Where(g => Ledger.Find(g.Url) is null).ToList();
            var aliasLine = $"aliases: [{entry.Url}]";
            string fix;
            if (entry.RedirectTo is { } to && byUrl.TryGetValue(to, out var target))
            {
                fix = $"it redirected to {target.Source.SiteRelativePath}, which no longer lists it: add \"{aliasLine}\" back to its front matter";
            }
            else if (LikelyHome(entry, newcomers) is { } home)
            {
                fix = $"it most likely moved to {home.Source.SiteRelativePath} (/{home.Url}): add \"{aliasLine}\" to that page's front matter";
            }
            else
            {
                fix = $"add \"{aliasLine}\" to the front matter of the page that replaces it";
            }
            diagnostics.Report(Rules.UrlRemoved, new SourceLocation(PublishedLedger.FileName, entry.Line, 1),
                $"/{entry.Url} was published and no page or alias serves it now; {fix}, or delete this line from published.yml to retire the URL on purpose");
        }
    }

    private readonly List<LedgerPage> _carried = [];

    /// <summary>The URL a guide file has by its path (its slug unknown when it did not load).</summary>
    private static string PathUrl(string contentRel)
    {
        var dir = UrlPaths.DirectoryOf(contentRel);
        var name = Path.GetFileNameWithoutExtension(contentRel);
        var prefix = dir.Length == 0 ? "" : dir + "/";
        return name.Equals("index", StringComparison.OrdinalIgnoreCase) ? prefix : prefix + name + "/";
    }

    /// <summary>
    /// The new page that most resembles a vanished one: the same last URL segment (a file moved to another
    /// folder), most of the same element ids (headings come from the text), or both.
    /// </summary>
    private static Guide? LikelyHome(LedgerPage entry, List<Guide> candidates)
    {
        var oldIds = new HashSet<string>(entry.Ids.Where(id => !PublishedLedger.IsStepId(id)), StringComparer.Ordinal);
        var oldName = LastSegment(entry.Url);
        Guide? best = null;
        var bestScore = 0.0;
        foreach (var g in candidates)
        {
            var ids = g.PublishedIds ?? (IReadOnlyCollection<string>)g.Ids;
            var shared = ids.Count(id => oldIds.Contains(id) && !PublishedLedger.IsStepId(id));
            var union = oldIds.Count + ids.Count(id => !PublishedLedger.IsStepId(id)) - shared;
            var score = (union == 0 ? 0 : (double)shared / union) + (LastSegment(g.Url) == oldName && oldName.Length > 0 ? 0.6 : 0);
            if (score > bestScore) (best, bestScore) = (g, score);
        }
        return bestScore >= 0.5 ? best : null;
    }

    private static string LastSegment(string url)
    {
        var t = url.TrimEnd('/');
        return t[(t.LastIndexOf('/') + 1)..];
    }

    /// <summary>How alike two ids are (0..1): the larger of shared words over the shorter's words and shared letter pairs (Dice).</summary>
    internal static double Similarity(string a, string b)
    {
        var wa = a.Split('-', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var wb = b.Split('-', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var words = Math.Min(wa.Count, wb.Count) == 0 ? 0 : (double)wa.Count(wb.Contains) / Math.Min(wa.Count, wb.Count);
        var pa = Pairs(a);
        var pb = Pairs(b);
        var shared = 0;
        foreach (var p in pa) if (pb.Remove(p)) shared++;
        var dice = pa.Count + pb.Count + shared == 0 ? 0 : 2.0 * shared / (pa.Count + pb.Count + shared);
        return Math.Max(words, dice);
    }

    private static List<string> Pairs(string s)
    {
        var list = new List<string>();
        for (var i = 0; i + 1 < s.Length; i++) list.Add(s.Substring(i, 2));
        return list;
    }

    /// <summary>The ledger a successful build writes: every published guide with its ids, every redirect, and the recorded URLs of guides held back this time.</summary>
    public string Text(IEnumerable<Guide> guides, Redirects redirects) => PublishedLedger.Format(Pages(guides, redirects));

    /// <summary><see cref="Text"/> written onto <paramref name="writer"/> as it is made (a large site's ledger is tens of megabytes).</summary>
    public void Write(IEnumerable<Guide> guides, Redirects redirects, TextWriter writer) => PublishedLedger.Format(Pages(guides, redirects), writer);

    private List<LedgerPage> Pages(IEnumerable<Guide> guides, Redirects redirects)
    {
        var pages = new List<LedgerPage>(_carried);
        foreach (var g in guides)
        {
            if (g.Meta.Draft) continue;
            pages.Add(new LedgerPage(g.Url, 0, g.PublishedIds ?? []) { Kept = g.KeptIds });
        }
        foreach (var r in redirects.ByUrl.Values)
        {
            if (!r.Target.Meta.Draft) pages.Add(new LedgerPage(r.Url, 0, [], r.Target.Url));
        }
        return pages;
    }
}
