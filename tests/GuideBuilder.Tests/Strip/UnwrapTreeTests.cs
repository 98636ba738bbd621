using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using GuideBuilder.Model;

namespace GuideBuilder.Tests.Strip;

/// <summary>
/// After the strip pass unwraps links, every inline container is a well-formed doubly linked list:
/// Markdig's <c>Descendants()</c> walks it backwards from <c>LastChild</c>, renderers walk it forwards,
/// and both must see the same inlines.
/// </summary>
public sealed class UnwrapTreeTests
{
    [Theory]
    [InlineData(AffiliateLinkMode.Mark, "first [b](missing.md) then [a](javascript:alert(1)) and <https://x.example>")]
    [InlineData(AffiliateLinkMode.Mark, "x [**bold** and *it* words](javascript:void(0)) y [c](c.md)")]
    [InlineData(AffiliateLinkMode.Mark, "[a](javascript:x)[b](javascript:y) [c](c.md)")]
    [InlineData(AffiliateLinkMode.Unwrap, "Read [b](b.md) and buy[the lamp](https://lamps.sjv.io/c/1/2/3)now [c](c.md).")]
    [InlineData(AffiliateLinkMode.Unwrap, "[the lamp](https://lamps.sjv.io/c/1/2/3) first, [c](c.md) last")]
    [InlineData(AffiliateLinkMode.Mark, "word[cloaked **text**](https://go.example.net/abc)word [c](c.md)")]
    public void Unwrapping_keeps_sibling_links_consistent(AffiliateLinkMode mode, string paragraph)
    {
        var doc = SafeMarkdown.Parse(paragraph + "\n", (_, _) => { }, _ => { });
        var rules = StripRules.Create(new StripSettings { AffiliateLinks = mode, Redirects = ["go.example.net"] });
        var removals = new List<Removal>();
        AstStripper.Apply(doc, rules, l => l + 1, removals, (_, _) => { });
        Assert.NotEmpty(removals);

        var root = Assert.IsType<ParagraphBlock>(Assert.Single(doc)).Inline!;
        AssertWellFormed(root);
        var forward = Forward(root).ToList();
        var backward = root.Descendants().ToList();
        Assert.Equal(forward, backward);
        Assert.Contains(forward, i => i is LinkInline { Url: "c.md" } or LinkInline { Url: "missing.md" });
    }

    private static void AssertWellFormed(ContainerInline container)
    {
        Inline? previous = null;
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            Assert.Same(container, child.Parent);
            Assert.Same(previous, child.PreviousSibling);
            if (child is ContainerInline inner) AssertWellFormed(inner);
            previous = child;
        }
        Assert.Same(previous, container.LastChild);
    }

    /// <summary>Pre-order, following NextSibling: the order the HTML renderer uses.</summary>
    private static IEnumerable<Inline> Forward(ContainerInline container)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            yield return child;
            if (child is ContainerInline inner)
            {
                foreach (var d in Forward(inner)) yield return d;
            }
        }
    }
}
