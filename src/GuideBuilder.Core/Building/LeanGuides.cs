using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using GuideBuilder.Validate;
using GuideBuilder.Write;
using Markdig.Renderers.Html;
using GuideBuilder.Model;

namespace GuideBuilder.Building;

/// <summary>
/// Keeps a full build's memory flat in the number of guides. Each guide is parsed once; when its
/// body is rendered, its syntax tree is dropped and it keeps only the body (UTF-8) and what the
/// site-wide steps need (ids, headings, steps, title, search words, excerpt; links and removals only
/// when a later step reads them).
/// </summary>
internal static class LeanGuides
{
    /// <summary>
    /// Drops the syntax tree and the text. Links are kept only for the external check (without their
    /// nodes: a node would hold the whole tree), removals only for the strip report.
    /// </summary>
    public static void Compact(Guide guide, LeanNeeds needs, BodyStore store)
    {
        guide.SearchWords = store.Put(SitePages.WordsUtf8(guide.PlainText));
        guide.Summary = SiteModelBuilder.Excerpt(guide.PlainText);
        guide.PlainText = "";
        if (!needs.Links)
        {
            guide.Links.Clear();
            guide.Links.TrimExcess();
        }
        for (var i = 0; i < guide.Links.Count; i++)
        {
            var link = guide.Links[i];
            var attributes = link.Node?.TryGetAttributes();
            guide.Links[i] = link with
            {
                Node = null,
                Html = null,
                OptOut = link.OptOut || attributes?.Classes?.Contains(LinkValidator.OptOutClass) == true,
                HasRel = link.HasRel || attributes?.Properties?.Any(p => p.Key == "rel") == true,
            };
        }
        if (!needs.Removals)
        {
            guide.Removals.Clear();
            guide.Removals.TrimExcess();
        }
        guide.Document = null;
        guide.Lines = new([], []);
    }

    /// <summary>
    /// Makes the guide's JSON-LD now and keeps it in <paramref name="store"/>, then drops the step texts and names,
    /// which only the JSON-LD reads (ids, positions and images stay: links, the page model and hints read them).
    /// </summary>
    public static void StoreJsonLd(Guide guide, SiteModelBuilder model, BodyStore store)
    {
        guide.JsonLd = store.Put(System.Text.Encoding.UTF8.GetBytes(model.JsonLdFor(guide)));
        for (var i = 0; i < guide.Steps.Count; i++) guide.Steps[i] = guide.Steps[i] with { Text = "", Name = "" };
    }

    private static readonly Dictionary<string, int> NoKeyLines = [];

    /// <summary>
    /// Drops the front matter's key lines once a build's pass is done with the guide: only the pass's checks
    /// point at a key's line. (Not for <c>serve</c>, which runs the pass again on the guides it keeps.)
    /// </summary>
    public static void DropKeyLines(Guide guide)
    {
        if (guide.Meta.KeyLines.Count > 0) guide.Source = guide.Source with { Meta = guide.Meta with { KeyLines = NoKeyLines } };
    }

    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A source as read, split into the source without its body lines and the body as one UTF-8 array
    /// with its line map (about a third of the size as strings). Done as each file is read, so the
    /// line strings die young; a body that would not round-trip is kept as it is (packed is null).
    /// </summary>
    public static (GuideSource Lean, (StoredBytes Text, int[] Map)? Packed) Pack(GuideSource source, BodyStore store)
    {
        var body = source.Body;
        if (body.Lines.Count == 0) return (source, null);
        byte[] text;
        try
        {
            text = StrictUtf8.GetBytes(string.Join('\n', body.Lines));
        }
        catch (System.Text.EncoderFallbackException)
        {
            return (source, null);
        }
        return (source with { Body = new([], []) }, (store.Put(text), body.SourceLine.ToArray()));
    }

    public static GuideSource SourceOf(Guide guide) => guide.PackedBody is not { } packed ? guide.Source : Unpack(guide.Source, packed);

    /// <summary>A source packed by <see cref="Pack"/>, whole again.</summary>
    public static GuideSource Unpack(GuideSource lean, (StoredBytes Text, int[] Map) packed) =>
        lean with { Body = new(StrictUtf8.GetString(packed.Text.Get()).Split('\n'), packed.Map) };

    /// <summary>
    /// True when the site's own templates (not the theme) mention <paramref name="name"/>: a template
    /// that lists other pages' JSON-LD needs it set on every page model, so it cannot be deferred.
    /// </summary>
    public static bool SiteTemplatesMention(string templatesDir, string name)
    {
        if (!Directory.Exists(templatesDir)) return false;
        foreach (var file in Directory.EnumerateFiles(templatesDir, "*", SearchOption.AllDirectories))
        {
            try
            {
                if (File.ReadAllText(file).Contains(name, StringComparison.Ordinal)) return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>What later steps of a build still read from a guide once its page body is rendered.</summary>
/// <param name="Links">Its links: the external link check.</param>
/// <param name="Removals">What was stripped: the strip report.</param>
internal readonly record struct LeanNeeds(bool Links, bool Removals);

/// <summary>CPU ticks of the fused per-guide pass, per stage, summed over threads.</summary>
internal sealed class StageTicks
{
    private long _prepare, _validate, _render;

    public long Prepare => _prepare;
    public long Validate => _validate;
    public long Render => _render;

    public void Add(long prepare, long validate, long render)
    {
        Interlocked.Add(ref _prepare, prepare);
        Interlocked.Add(ref _validate, validate);
        Interlocked.Add(ref _render, render);
    }
}
