namespace GuideBuilder.Render;

// The model templates see. Scriban exposes these properties in snake_case
// (ContentHtml → content_html). Documented in the README; keep the two in step.

/// <summary><c>site</c>: the site as a whole.</summary>
public sealed record SiteModel(
    string Title,
    string BaseUrl,
    string Description,
    string Language,
    IReadOnlyList<PageModel> Pages,
    IReadOnlyList<TermModel> Categories,
    IReadOnlyList<TermModel> Tags,
    string Generator,
    bool LiveReload);

/// <summary>A link to a page: title and URL relative to the site root (no leading slash).</summary>
public sealed record PageLink(string Title, string Url);

/// <summary>A category or tag with its pages, newest first.</summary>
public sealed record TermModel(string Name, string Slug, string Url, IReadOnlyList<PageModel> Pages)
{
    public int Count => Pages.Count;
}

/// <summary><c>pager</c> on a list that takes more than one page: this page's number, how many there are, and the neighbours' URLs (relative to the site root; null at either end).</summary>
public sealed record PagerModel(int Number, int Count, string? PrevUrl, string? NextUrl)
{
    /// <summary>Guides per category or tag page; a longer list continues on <c>page/2/</c>, <c>page/3/</c>, ….</summary>
    public const int ListSize = 50;

    /// <summary>How many pages a list of <paramref name="count"/> guides takes.</summary>
    public static int PageCount(int count) => Math.Max(1, (count + ListSize - 1) / ListSize);
}

/// <summary>An entry of the table of contents (h2 and h3).</summary>
public sealed record TocEntry(int Level, string Title, string Id);

/// <summary><c>page</c>: one guide.</summary>
public sealed record PageModel
{
    public required string Title { get; init; }
    public string? TitleId { get; init; }
    public required string Url { get; init; }
    public required string Canonical { get; init; }
    public string Description { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public DateTimeOffset? Date { get; init; }
    public DateTimeOffset? Updated { get; init; }
    public string DateIso => Date?.ToString("yyyy-MM-dd") ?? "";
    public string UpdatedIso => Updated?.ToString("yyyy-MM-dd") ?? "";
    /// <summary>The date as the page's language writes it (<see cref="Labels"/>), in the author's offset.</summary>
    public string DateText => Date is { } d ? (Labels ?? DefaultLabels).Date(d) : "";
    public string UpdatedText => Updated is { } u ? (Labels ?? DefaultLabels).Date(u) : "";
    /// <summary>The theme's labels in the page's language; set when the site's pages are rendered.</summary>
    internal LabelsModel? Labels { get; set; }
    private static LabelsModel DefaultLabels => LabelsModel.Default;
    public IReadOnlyList<TermModel> Tags { get; init; } = [];
    public IReadOnlyList<TermModel> Categories { get; init; } = [];
    public TermModel? Category { get; init; }
    public IReadOnlyList<string> Keywords { get; init; } = [];
    /// <summary>Front-matter thumbnail as an absolute URL (relative paths resolved against the guide, then base_url).</summary>
    public string? Thumbnail { get; init; }
    /// <summary>The page's share image, absolute: the thumbnail, else the first step's screenshot.</summary>
    public string? Image { get; init; }
    public string ContentHtml { get; set; } = "";
    public IReadOnlyList<TocEntry> Toc { get; init; } = [];
    public int ReadingMinutes { get; init; }
    public int StepCount { get; init; }
    public PageLink? Prev { get; set; }
    public PageLink? Next { get; set; }
    public string JsonLd { get; set; } = "";
    public bool Draft { get; init; }
    /// <summary>The page's language (front matter <c>lang</c>, else site.yml's <c>language</c>), a BCP 47 tag.</summary>
    public string Lang { get; init; } = "en";
    /// <summary>The language as Open Graph writes it (<c>pt_BR</c>).</summary>
    public string Locale => Lang.Replace('-', '_');
    /// <summary>The page's authors (front matter <c>author</c>, else site.yml's), as written.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
}
