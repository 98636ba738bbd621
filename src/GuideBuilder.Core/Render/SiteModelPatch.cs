using GuideBuilder.Model;

namespace GuideBuilder.Render;

public sealed partial class SiteModelBuilder
{
    /// <summary>
    /// <paramref name="current"/> with the pages of re-shaped guides swapped for new ones, for serve, equal to
    /// what <see cref="Build"/> makes of the new guides. A swapped guide must keep its URL, categories and tags
    /// (else null: <see cref="Build"/> is needed). One whose title or date is unchanged keeps its place in every
    /// list and its previous/next links; one whose title or date moved is taken out of the page list and of
    /// the lists of its own terms and put back where the order puts it, and the previous/next links of its
    /// category (the only ones that can name it) are worked out again. Nothing is done per guide of the site:
    /// the cost is a copy of the page list and of the swapped guides' term lists.
    /// <para>
    /// The term objects pages hold (<see cref="PageModel.Categories"/>, <see cref="PageModel.Tags"/>) are shared
    /// by every page of the term, so their lists are updated in place; the previous/next links of pages in a
    /// re-ordered category likewise, and the page dictionary (the result's is the same object). <paramref name="current"/>
    /// is therefore spent: use only the result.
    /// </para>
    /// <para>
    /// <paramref name="relinked"/>, when given, receives the URL of every other page whose previous or next link changed
    /// (its own page's output changes too).
    /// </para>
    /// </summary>
    public (SiteModel Site, Dictionary<Guide, PageModel> Pages)? Patch(
        (SiteModel Site, Dictionary<Guide, PageModel> Pages) current, IReadOnlyCollection<(Guide Old, Guide New)> swaps, ISet<string>? relinked = null)
    {
        var (site, pages) = current;
        if (swaps.Count == 0) return current;
        // Everything that can refuse is looked at before anything is changed.
        foreach (var (old, fresh) in swaps)
        {
            if (!pages.ContainsKey(old) || old.Url != fresh.Url || old.Category != fresh.Category || !Guide.SameTerms(old.Meta, fresh.Meta)) return null;
            if (pages[old].Categories.Concat(pages[old].Tags).Any(t => t.Pages is not List<PageModel>)) return null;
        }
        var order = new SiteOrder(guides);
        var next = pages;
        var replaced = new Dictionary<PageModel, PageModel>(ReferenceEqualityComparer.Instance);
        var moved = new HashSet<PageModel>(ReferenceEqualityComparer.Instance);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (old, fresh) in swaps)
        {
            next.Remove(old, out var was);
            var own = PageFor(fresh);
            var model = own with { Categories = was!.Categories, Category = was.Category, Tags = was.Tags };
            var moves = !Guide.SamePlace(old, fresh);
            if (moves)
            {
                moved.Add(model);
                groups.Add(was.Category?.Slug ?? "");
            }
            else
            {
                model.Prev = was.Prev;
                model.Next = was.Next;
            }
            next[fresh] = model;
            replaced[was] = model;
            foreach (var t in was.Categories) terms.Add("categories/" + t.Slug);
            foreach (var t in was.Tags) terms.Add("tags/" + t.Slug);
            // The terms' own lists (what page.category.pages holds): the guide's own model, in place.
            foreach (var t in was.Categories.Concat(was.Tags).Distinct(ReferenceEqualityComparer.Instance).Cast<TermModel>())
            {
                var list = (List<PageModel>)t.Pages;
                var at = list.FindIndex(p => p.Url == own.Url);
                if (at < 0) continue;
                list.RemoveAt(at);
                if (moves) order.Insert(list, own);
                else list.Insert(at, own);
            }
        }

        List<PageModel> Patched(IReadOnlyList<PageModel> list)
        {
            var copy = new List<PageModel>(list.Count);
            List<PageModel>? later = null;
            foreach (var p in list)
            {
                if (!replaced.TryGetValue(p, out var now)) copy.Add(p);
                else if (moved.Contains(now)) (later ??= []).Add(now);
                else copy.Add(now);
            }
            foreach (var p in later ?? []) order.Insert(copy, p);
            return copy;
        }
        IReadOnlyList<TermModel> Terms(IReadOnlyList<TermModel> list, string prefix) =>
            list.Select(t => terms.Contains(prefix + t.Slug) ? t with { Pages = Patched(t.Pages) } : t).ToList();
        var patched = site with
        {
            Pages = Patched(site.Pages),
            Categories = Terms(site.Categories, "categories/"),
            Tags = Terms(site.Tags, "tags/"),
        };
        foreach (var slug in groups)
        {
            var members = slug.Length == 0
                ? patched.Pages.Where(p => p.Category is null)
                : patched.Categories.First(t => t.Slug == slug).Pages.Where(p => p.Category?.Slug == slug);
            Neighbours(members.ToList(), relinked);
        }
        return (patched, next);
    }

    /// <summary>Previous/next links within one category, oldest to newest; <paramref name="group"/> is in the site's order.</summary>
    private static void Neighbours(List<PageModel> group, ISet<string>? relinked)
    {
        var seq = group.OrderBy(p => p.Date ?? DateTimeOffset.MinValue).ThenBy(p => p.Title, StringComparer.OrdinalIgnoreCase).ToList();
        for (var i = 0; i < seq.Count; i++)
        {
            var (prev, next) = (seq[i].Prev, seq[i].Next);
            seq[i].Prev = i > 0 ? new PageLink(seq[i - 1].Title, seq[i - 1].Url) : null;
            seq[i].Next = i < seq.Count - 1 ? new PageLink(seq[i + 1].Title, seq[i + 1].Url) : null;
            if (prev != seq[i].Prev || next != seq[i].Next) relinked?.Add(seq[i].Url);
        }
    }

    /// <summary>
    /// The order of <see cref="SiteModel.Pages"/> and of every term's list: newest first, then by title, then (a
    /// stable sort of the guides in path order) by path. Positions in path order are looked up only for a tie.
    /// </summary>
    private sealed class SiteOrder(IReadOnlyList<Guide> byPath)
    {
        private Dictionary<string, int>? _position;

        public int Compare(PageModel a, PageModel b)
        {
            var c = (b.Date ?? DateTimeOffset.MinValue).CompareTo(a.Date ?? DateTimeOffset.MinValue);
            if (c != 0) return c;
            c = StringComparer.OrdinalIgnoreCase.Compare(a.Title, b.Title);
            if (c != 0) return c;
            _position ??= Positions();
            return _position.GetValueOrDefault(a.Url).CompareTo(_position.GetValueOrDefault(b.Url));
        }

        private Dictionary<string, int> Positions()
        {
            var map = new Dictionary<string, int>(byPath.Count, StringComparer.Ordinal);
            for (var i = 0; i < byPath.Count; i++) map[byPath[i].Url] = i;
            return map;
        }

        /// <summary>Puts <paramref name="page"/> into a list already in this order, where the order places it.</summary>
        public void Insert(List<PageModel> list, PageModel page)
        {
            int lo = 0, hi = list.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (Compare(list[mid], page) < 0) lo = mid + 1;
                else hi = mid;
            }
            list.Insert(lo, page);
        }
    }
}
