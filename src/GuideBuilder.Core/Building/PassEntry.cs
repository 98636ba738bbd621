using System.Text.Json.Serialization;
using GuideBuilder.Diagnostics;
using GuideBuilder.Model;
using GuideBuilder.Validate;

namespace GuideBuilder.Building;

/// <summary>
/// What <see cref="Pipeline.CachedPass"/> made of one guide, as the build cache keeps it: everything the later
/// steps read from the guide (body, title, ids, headings, steps, search words, excerpt, links, removals),
/// the diagnostics the pass reported, and the fragments on other pages it queued. Those fragments are
/// checked again on every build against the current site (see <see cref="Pipeline.CheckFragments"/>), so a
/// cached guide never carries a stale verdict on another page. The entry also keeps what the pass asked the
/// site index (each link's question and answer, each include file looked up): it is used only while asking again
/// gives the same answers (see <see cref="PassKeys.StillHolds"/>).
/// </summary>
internal sealed record PassEntry
{
    public required string Key { get; init; }
    public required string Title { get; init; }
    public string? TitleId { get; init; }
    public required List<HeadingInfo> Headings { get; init; }
    public required List<StepInfo> Steps { get; init; }
    public required List<ProcedureInfo> Procedures { get; init; }
    public required List<CachedLink> Links { get; init; }
    /// <summary>The ids in the order the pass added them (a set's order shows in "did you mean" hints).</summary>
    public required List<string> Ids { get; init; }
    public List<string>? PublishedIds { get; init; }
    public required List<string[]> KeptIds { get; init; }
    public int WordCount { get; init; }
    public int UnspacedChars { get; init; }
    public string? SearchWords { get; init; }
    public string? Summary { get; init; }
    public byte[]? Body { get; init; }
    public required List<Removal> Removals { get; init; }
    public required List<Load.IncludeUse> Includes { get; init; }
    public required List<string> IncludeTargets { get; init; }
    public int RemovalCount { get; init; }
    public required List<Diagnostic> Diagnostics { get; init; }
    public required List<CachedFragment> Fragments { get; init; }
    /// <summary>What the pass asked the site index about its links (thumbnail first, when it has one), with the answers.</summary>
    public required List<LinkFact> Asked { get; init; }
    /// <summary>For each of <see cref="IncludeTargets"/>, what the index held there (see <see cref="PassKeys.IncludeAnswer"/>).</summary>
    public required List<string> IncludeAnswers { get; init; }
    /// <summary>The guide's line in published.yml when a diagnostic of the pass names it (then the entry holds only while it stays there).</summary>
    public int? LedgerLine { get; init; }

    /// <summary>The entry for a guide just through the pass; <paramref name="diagnostics"/> are the pass's own.</summary>
    public static PassEntry Of(string key, Guide guide, int removals, IReadOnlyList<Diagnostic> diagnostics, IEnumerable<DeferredFragment> fragments,
        PageLinks? asked, List<string> includeAnswers, int? ledgerLine) => new()
    {
        Key = key,
        Title = guide.Title,
        TitleId = guide.TitleId,
        Headings = [.. guide.Headings],
        Steps = [.. guide.Steps],
        Procedures = [.. guide.Procedures],
        Links = guide.Links.Select(CachedLink.Of).ToList(),
        Ids = [.. guide.Ids],
        PublishedIds = guide.PublishedIds?.ToList(),
        KeptIds = guide.KeptIds.Select(kv => new[] { kv.Key, kv.Value }).ToList(),
        WordCount = guide.WordCount,
        UnspacedChars = guide.UnspacedChars,
        SearchWords = guide.SearchWords is { } words ? System.Text.Encoding.UTF8.GetString(words.Get()) : null,
        Summary = guide.Summary,
        Body = guide.BodyUtf8?.Get(),
        Removals = [.. guide.Removals],
        Includes = [.. guide.Includes],
        IncludeTargets = [.. guide.IncludeTargets],
        RemovalCount = removals,
        Diagnostics = [.. diagnostics],
        Fragments = fragments.Select(f => new CachedFragment(f.Target.Source.ContentRelativePath, f.Fragment, CachedLink.Of(f.Link), f.Report.Note)).ToList(),
        Asked = asked is null ? [] : [.. asked.Thumbnail is { } t ? [t] : Array.Empty<LinkFact>(), .. asked.Facts],
        IncludeAnswers = includeAnswers,
        LedgerLine = diagnostics.Any(d => d.Rule == Rules.AnchorKept.Name || d.Rule == Rules.AnchorRemoved.Name) ? ledgerLine : null,
    };

    /// <summary>
    /// Puts the kept results on a guide read afresh, as if the pass had run (the body into <paramref name="bodies"/>); the diagnostics go to
    /// <paramref name="diagnostics"/>, the fragments (against the current index) to <paramref name="deferred"/>.
    /// </summary>
    public void Restore(Guide guide, SiteIndex index, BodyStore bodies, DiagnosticBag diagnostics, DiagnosticBag fragmentReports, ICollection<DeferredFragment> deferred)
    {
        guide.Title = Title;
        guide.TitleId = TitleId;
        guide.Headings.AddRange(Headings);
        guide.Steps.AddRange(Steps);
        guide.Procedures.AddRange(Procedures);
        guide.Links.AddRange(Links.Select(l => l.ToLink()));
        foreach (var id in Ids) guide.Ids.Add(id);
        guide.PublishedIds = PublishedIds;
        foreach (var pair in KeptIds) guide.KeptIds[pair[0]] = pair[1];
        guide.WordCount = WordCount;
        guide.UnspacedChars = UnspacedChars;
        guide.SearchWords = SearchWords is null ? null : bodies.Put(System.Text.Encoding.UTF8.GetBytes(SearchWords));
        guide.Summary = Summary;
        guide.BodyUtf8 = Body is null ? null : bodies.Put(Body);
        guide.Removals.AddRange(Removals);
        guide.Includes.AddRange(Includes);
        guide.IncludeTargets.AddRange(IncludeTargets);
        guide.PackedBody = null;
        diagnostics.AddResolved(Diagnostics);
        foreach (var f in Fragments)
        {
            // The entry's answers held against this index (PassKeys.StillHolds), so the target is there.
            var target = index.ByPath[f.TargetPath];
            deferred.Add(new DeferredFragment(guide, target, f.Fragment, f.Link.ToLink(), new PageReporter(guide, fragmentReports, f.Note)));
        }
    }
}

/// <summary>A link of a cached guide (its syntax node long gone).</summary>
internal sealed record CachedLink(string Url, bool IsImage, int Line, int Column, string Text, bool FromHtml,
    int DefinitionLine, string? DefinitionLabel, bool OptOut, bool HasRel)
{
    public static CachedLink Of(LinkRef l) => new(l.Url, l.IsImage, l.Line, l.Column, l.Text, l.FromHtml, l.DefinitionLine, l.DefinitionLabel, l.OptOut, l.HasRel);

    public LinkRef ToLink() => new(Url, IsImage, Line, Column, Text, FromHtml)
    {
        DefinitionLine = DefinitionLine,
        DefinitionLabel = DefinitionLabel,
        OptOut = OptOut,
        HasRel = HasRel,
    };
}

/// <summary>A <c>#fragment</c> on another page that a cached guide links to; checked again on every build.</summary>
internal sealed record CachedFragment(string TargetPath, string Fragment, CachedLink Link, string? Note);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PassEntry))]
[JsonSerializable(typeof(LinkFact))]
[JsonSerializable(typeof(CacheHeader))]
[JsonSerializable(typeof(BuildMemo))]
[JsonSerializable(typeof(RenderRecord))]
[JsonSerializable(typeof(GuideBuilder.Load.SiteConfig))]
internal sealed partial class CacheJson : JsonSerializerContext;
