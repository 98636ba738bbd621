using System.Text.RegularExpressions;
using Markdig.Syntax;

namespace GuideBuilder.Render;

/// <summary>
/// Whether a top-level numbered list is a procedure (steps, and a HowTo in the JSON-LD) or a list of
/// products, rankings, reasons or links. Front matter <c>steps: true|false</c> decides when given.
/// Otherwise the default is conservative — a numbered list is steps — unless it is a list of links,
/// or the heading above it, or the short sentence that introduces it, names a listicle (best, top, reasons,
/// pros and cons, …) and nothing procedural (how to, steps, fix, install, …).
/// </summary>
internal static partial class ProcedureLists
{
    [GeneratedRegex(@"\b(best|top|reasons?|why|benefits?|advantages?|disadvantages?|features?|pros|cons|alternatives?|picks?|ranked|ranking|rankings|favou?rites?|examples?|myths?|facts?|mistakes?|causes?|symptoms?|signs?|products?|deals?|gifts?|ideas?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListicleCue();

    [GeneratedRegex(@"\b(how|steps?|fix|fixes|fixed|fixing|install|installing|set ?up|setup|configure|tutorial|guide|method|ways?|procedure|instructions?|walkthrough)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProcedureCue();

    /// <summary>Longest introducing sentence read as a label for the list.</summary>
    private const int MaxLeadWords = 12;

    /// <param name="list">A numbered list at the top level of the page (or of a quote or other container, not inside a list).</param>
    /// <param name="frontMatter">The page's <c>steps:</c>, or null.</param>
    /// <param name="heading">The text of the nearest heading above the list, or null.</param>
    /// <param name="before">The block right before the list, or null.</param>
    public static bool IsSteps(ListBlock list, bool? frontMatter, string? heading, Block? before)
    {
        if (frontMatter is { } forced) return forced;
        if (CopiedLists.IsLinkList(list)) return false;
        if (Listicle(heading)) return false;
        // a short introducing sentence ("Our top picks:"); a longer one is prose that may mention reasons before the fix
        if (before is ParagraphBlock p && Model.ReaderText.Of(p) is var lead && lead.TrimEnd().EndsWith(':')
            && lead.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= MaxLeadWords && Listicle(lead)) return false;
        return true;
    }

    private static bool Listicle(string? text) => text is not null && ListicleCue().IsMatch(text) && !ProcedureCue().IsMatch(text);
}
