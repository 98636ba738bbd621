using GuideBuilder.Model;

namespace GuideBuilder.Render;

public sealed partial class SiteModelBuilder
{
    /// <summary>
    /// <paramref name="current"/> with the pages of re-shaped guides swapped for new ones, for serve:
    /// when none of the swapped guides changed what places a page in the site (URL, title, date,
    /// categories, tags), every listing keeps its order and every neighbour its previous/next link,
    /// so only the swapped pages' models are new and the lists that hold them are copied with the
    /// new entry. Returns null when something did move; <see cref="Build"/> is needed then.
    /// Cost: one copy of the page list and of the swapped pages' terms, no per-guide work.
    /// </summary>
    public (SiteModel Site, Dictionary<Guide, PageModel> Pages)? Patch(
        (SiteModel Site, Dictionary<Guide, PageModel> Pages) current, IReadOnlyCollection<(Guide Old, Guide New)> swaps)
    {
        var (site, pages) = current;
        if (swaps.Count == 0) return current;
        var next = new Dictionary<Guide, PageModel>(pages);
        var replaced = new Dictionary<PageModel, PageModel>(ReferenceEqualityComparer.Instance);
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (old, fresh) in swaps)
        {
            if (!next.Remove(old, out var was) || !Guide.SamePlace(old, fresh)) return null;
            var model = PageFor(fresh) with { Categories = was.Categories, Category = was.Category, Tags = was.Tags };
            model.Prev = was.Prev;
            model.Next = was.Next;
            next[fresh] = model;
            replaced[was] = model;
            foreach (var t in was.Categories) terms.Add("categories/" + t.Slug);
            foreach (var t in was.Tags) terms.Add("tags/" + t.Slug);
        }
        PageModel Swap(PageModel p) => replaced.GetValueOrDefault(p, p);
        IReadOnlyList<TermModel> Terms(IReadOnlyList<TermModel> list, string prefix) =>
            list.Select(t => terms.Contains(prefix + t.Slug) ? t with { Pages = t.Pages.Select(Swap).ToList() } : t).ToList();
        var patched = site with
        {
            Pages = site.Pages.Select(Swap).ToList(),
            Categories = Terms(site.Categories, "categories/"),
            Tags = Terms(site.Tags, "tags/"),
        };
        return (patched, next);
    }
}
