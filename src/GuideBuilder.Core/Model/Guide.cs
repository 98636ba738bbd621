using GuideBuilder.Load;
using GuideBuilder.Model.Includes;
using Markdig.Syntax;

namespace GuideBuilder.Model;

/// <summary>A link or image reference found in a guide, with its place in the source file.</summary>
public sealed record LinkRef(string Url, bool IsImage, int Line, int Column, string Text, bool FromHtml)
{
    /// <summary>Where to write the rewritten URL back, for Markdown links.</summary>
    internal Markdig.Syntax.Inlines.LinkInline? Node { get; init; }

    /// <summary>For a reference-style link (<c>[text][n]</c>): the line of its <c>[n]: url</c> definition, where the URL is fixed; else 0.</summary>
    public int DefinitionLine { get; init; }

    /// <summary>For a reference-style link: the label of its definition.</summary>
    public string? DefinitionLabel { get; init; }

    /// <summary>Where to write the rewritten URL back, for URLs in raw HTML.</summary>
    internal RawHtmlUrl? Html { get; init; }

    /// <summary>Once the node is dropped: the link carried the opt-out class.</summary>
    internal bool OptOut { get; init; }

    /// <summary>Once the node is dropped: the link carried a <c>rel</c> attribute.</summary>
    internal bool HasRel { get; init; }
}

/// <summary>A heading as it appears in the source, with its rendered id.</summary>
public sealed record HeadingInfo(int Level, string Text, string Id, int Line, int Column);

/// <summary>One step of a numbered list: its text, first image and anchor id.</summary>
public sealed record StepInfo(string Id, string Text, string? Image)
{
    /// <summary>The step's short name: its bold lead or first sentence.</summary>
    public string Name { get; init; } = "";

    /// <summary>The number the page shows for the step (its list's start, counted on).</summary>
    public int Position { get; init; } = 1;

    /// <summary>Index of its procedure in <see cref="Guide.Procedures"/>.</summary>
    public int Procedure { get; init; }
}

/// <summary>A procedure: the step lists under one heading, named after it (empty with no heading above).</summary>
public sealed record ProcedureInfo(string Name, string HeadingId);

/// <summary>
/// A guide as it moves through the pipeline. Each stage fills in its part; one thread owns a guide
/// at a time, so the fields need no locking.
/// </summary>
public sealed class Guide
{
    public Guide(GuideSource source, string url)
    {
        Source = source;
        Url = url;
        OutputPath = url + "index.html";
    }

    public GuideSource Source { get; internal set; }
    public FrontMatter Meta => Source.Meta;

    /// <summary>Clean URL relative to the site root, e.g. <c>windows/open-task-manager/</c>.</summary>
    public string Url { get; }

    /// <summary>Output file relative to the output folder, e.g. <c>windows/open-task-manager/index.html</c>.</summary>
    /// <remarks>Made once: the render step, the output link check and the writer key their tables by it.</remarks>
    public string OutputPath { get; }

    public string Title { get; set; } = "";
    public string? TitleId { get; set; }
    public SourceLines Lines { get; set; } = new([], []);
    public MarkdownDocument? Document { get; set; }
    public List<Removal> Removals { get; } = [];
    public List<HeadingInfo> Headings { get; } = [];
    public List<StepInfo> Steps { get; } = [];
    public List<ProcedureInfo> Procedures { get; } = [];
    public List<LinkRef> Links { get; } = [];
    public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>The includes spliced into the page, in the order they were read (see <see cref="IncludeLines"/>).</summary>
    public List<IncludeUse> Includes { get; } = [];

    /// <summary>Content-relative paths the page's include directives name, found or not: an edit to any of them reshapes the page.</summary>
    public List<string> IncludeTargets { get; } = [];

    /// <summary>The folder (content-relative) of the file a line belongs to: the page's, or an included file's.</summary>
    public string DirectoryOfLine(int line) => UrlPaths.DirectoryOf(IncludeLines.IsIncluded(line)
        ? Includes[IncludeLines.Decode(line).Use - 1].ContentRelativePath
        : Source.ContentRelativePath);

    /// <summary>
    /// Where a line and column of the page's text really are: in the page's file, or in an included file, with
    /// <paramref name="via"/> naming the directives that brought it in (empty for the page's own lines).
    /// </summary>
    public Diagnostics.SourceLocation Locate(int line, int column, out string via)
    {
        via = "";
        if (!IncludeLines.IsIncluded(line)) return new(Source.SiteRelativePath, line, column);
        var (use, inFile) = IncludeLines.Decode(line);
        var at = Includes[use - 1];
        var chain = new List<string>();
        while (true)
        {
            if (!IncludeLines.IsIncluded(at.Line))
            {
                chain.Add($"{Source.SiteRelativePath}:{at.Line}:{at.Column}");
                break;
            }
            var (parent, parentLine) = IncludeLines.Decode(at.Line);
            var outer = Includes[parent - 1];
            chain.Add($"{outer.SiteRelativePath}:{parentLine}:{at.Column}");
            at = outer;
        }
        via = " (included at " + string.Join(", included at ", chain) + ")";
        return new(Includes[use - 1].SiteRelativePath, inFile, column);
    }

    /// <summary>The element ids of the published body, in page order (for the ledger); null when not collected.</summary>
    public IReadOnlyList<string>? PublishedIds { get; set; }

    /// <summary>Old ids kept on reworded headings (old id → the heading's id), recorded in the ledger.</summary>
    public Dictionary<string, string> KeptIds { get; } = new(StringComparer.Ordinal);
    public string PlainText { get; set; } = "";
    /// <summary>Words of the text written with spaces between them (runs of letters and digits).</summary>
    public int WordCount { get; set; }

    /// <summary>Characters of scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar, Tibetan).</summary>
    public int UnspacedChars { get; set; }

    /// <summary>Minutes to read the text: words at 220 a minute, characters of unspaced scripts at 500 a minute; at least 1.</summary>
    public int ReadingMinutes => Math.Max(1, (int)Math.Round(WordCount / 220.0 + UnspacedChars / 500.0));

    /// <summary>
    /// Once the text is dropped: the distinct words for the search index as UTF-8, waiting in the build's
    /// <see cref="BodyStore"/> like the body (they are most of what a guide keeps after its pass).
    /// </summary>
    internal StoredBytes? SearchWords { get; set; }

    /// <summary>
    /// The page's JSON-LD as UTF-8 when it is made right after the pass (see <c>SiteModelBuilder.JsonLdFor(Guide)</c>),
    /// waiting in the build's <see cref="BodyStore"/>; the step texts are then dropped.
    /// </summary>
    internal StoredBytes? JsonLd { get; set; }

    /// <summary>Once the text is dropped: the automatic excerpt.</summary>
    internal string? Summary { get; set; }

    /// <summary>Once the source lines are dropped: the body as UTF-8 and its line map, to rebuild the page from.</summary>
    internal (StoredBytes Text, int[] Map)? PackedBody { get; set; }
    /// <summary>The rendered, sanitized body as UTF-8, from analysis until its page is rendered (see <see cref="BodyStore"/>).</summary>
    internal StoredBytes? BodyUtf8 { get; set; }
    public string ContentHtml { get; set; } = "";
    public string? Html { get; set; }

    /// <summary>
    /// True when the two versions of a guide sit at the same place in every listing and sequence (URL,
    /// title, date, first category, categories, tags): an edit that keeps it touches no other page's model.
    /// </summary>
    public static bool SamePlace(Guide a, Guide b) =>
        a.Url == b.Url && a.Title == b.Title && a.Meta.Date == b.Meta.Date && a.Category == b.Category && SameTerms(a.Meta, b.Meta);

    /// <summary>Same categories and tags, in the same order: the part of <see cref="SamePlace"/> known before a guide is shaped.</summary>
    public static bool SameTerms(FrontMatter a, FrontMatter b) =>
        a.Categories.SequenceEqual(b.Categories, StringComparer.Ordinal) && a.Tags.SequenceEqual(b.Tags, StringComparer.Ordinal);

    /// <summary>The categories the guide is filed under: its front matter's, else its top folder's.</summary>
    public IEnumerable<string> FiledUnder => Meta.Categories.DefaultIfEmpty(Category).Where(c => c.Length > 0);

    /// <summary>The first category, used for the breadcrumb and previous/next links.</summary>
    public string Category => Meta.Categories.Count > 0 ? Meta.Categories[0] : SectionFromPath();

    private string SectionFromPath()
    {
        var rel = Source.ContentRelativePath;
        var slash = rel.IndexOf('/');
        return slash > 0 ? rel[..slash] : "";
    }
}
