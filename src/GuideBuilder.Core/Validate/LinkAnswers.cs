using GuideBuilder.Diagnostics;

namespace GuideBuilder.Validate;

/// <summary>
/// What a link asks of the site index: its URL as written, whether it is an image, whether it carries a
/// <c>rel</c> attribute (an ad link with one is declared), and the folder it is relative to (the page's, or
/// the included file's it was written in).
/// </summary>
public sealed record LinkQuestion(string Url, bool IsImage, bool HasRel, string Dir);

/// <summary>One thing the index says is wrong with a link: a rule, its message and the rule's subject, if any.</summary>
public sealed record LinkFinding(string Rule, string Message, string? Subject);

/// <summary>
/// The index's answer to a <see cref="LinkQuestion"/>: the URL to publish (null: leave the link as written),
/// what is wrong with it, and the page (by source path) whose ids must hold its <c>#fragment</c>, if any.
/// Compared by value, findings included: the build cache keeps answers and asks again.
/// </summary>
public sealed record LinkAnswer(string? Rewrite, IReadOnlyList<LinkFinding> Findings, string? FragmentTarget, string? Fragment)
{
    /// <summary>Nothing to rewrite, nothing wrong.</summary>
    public static LinkAnswer Nothing { get; } = new(null, [], null, null);

    /// <summary>Nothing to rewrite, one finding.</summary>
    public static LinkAnswer Found(RuleInfo rule, string message, string? subject = null) => new(null, [new LinkFinding(rule.Name, message, subject)], null, null);

    public bool Equals(LinkAnswer? other) => other is not null && Rewrite == other.Rewrite && FragmentTarget == other.FragmentTarget
        && Fragment == other.Fragment && Findings.SequenceEqual(other.Findings);

    public override int GetHashCode() => HashCode.Combine(Rewrite, FragmentTarget, Fragment, Findings.Count);
}

/// <summary>A link's question and the answer the index gave.</summary>
public sealed record LinkFact(LinkQuestion Question, LinkAnswer Answer);

/// <summary>
/// Every link of one page resolved against the index (<see cref="LinkValidator.Resolve(Model.Guide)"/>): the thumbnail's
/// fact, one fact per entry of the guide's links in their order, and which of them the author opted out of checks.
/// </summary>
public sealed record PageLinks(LinkFact? Thumbnail, IReadOnlyList<LinkFact> Facts, IReadOnlyList<bool> OptOut);
