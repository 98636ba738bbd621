using GuideBuilder.Diagnostics;

namespace GuideBuilder.Load;

/// <summary>What a site's <c>site.yml</c> says, with defaults filled in and paths made absolute.</summary>
public sealed record SiteConfig
{
    /// <summary>Absolute path of the folder holding site.yml.</summary>
    public required string SiteDir { get; init; }
    public string ConfigFile { get; init; } = "site.yml";
    public string Title { get; init; } = "Guides";
    public string BaseUrl { get; init; } = "/";
    /// <summary>Where site.yml sets a non-empty <c>base_url</c>, or null when it does not (then <see cref="BaseUrl"/> is "/").</summary>
    public SourceLocation? BaseUrlAt { get; init; }
    public string Description { get; init; } = "";
    public string Language { get; init; } = "en";
    /// <summary>The authors of a page whose front matter names none.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string ContentDir { get; init; } = "";
    public string TemplatesDir { get; init; } = "";
    public string OutputDir { get; init; } = "";
    /// <summary>The build's own state beside the site (<c>cache:</c>, default <c>.guidebuilder</c>): the output manifest, caches.</summary>
    public string CacheDir { get; init; } = "";
    public IReadOnlyDictionary<string, Severity> Rules { get; init; } = new Dictionary<string, Severity>();
    public StripSettings Strip { get; init; } = new();
    public ExternalSettings External { get; init; } = new();
    public SanitizeSettings Sanitize { get; init; } = new();
    public LinkSettings Links { get; init; } = new();
    /// <summary>Globs relative to the content folder (<c>drafts/**</c>, <c>**/_*.md</c>): matching files are neither pages nor published files.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>A config for <paramref name="siteDir"/> with every default.</summary>
    public static SiteConfig Default(string siteDir) => new()
    {
        SiteDir = siteDir,
        ContentDir = Path.Combine(siteDir, "content"),
        TemplatesDir = Path.Combine(siteDir, "templates"),
        OutputDir = Path.Combine(siteDir, "_site"),
        CacheDir = Path.Combine(siteDir, ".guidebuilder"),
    };
}

/// <summary>What to do with an inline link to an affiliate host that sits in real prose.</summary>
public enum AffiliateLinkMode
{
    Mark,
    Unwrap,
    Remove,
}

/// <summary>site.yml <c>strip:</c> — additions to and removals from the embedded default strip rules.</summary>
public sealed record StripSettings
{
    public bool Enabled { get; init; } = true;
    public AffiliateLinkMode AffiliateLinks { get; init; } = AffiliateLinkMode.Mark;
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public IReadOnlyList<string> Redirects { get; init; } = [];
    public IReadOnlyList<string> Selectors { get; init; } = [];
    public IReadOnlyList<MarkerPair> Markers { get; init; } = [];
    public IReadOnlyList<string> Disable { get; init; } = [];
    /// <summary>Shortcode name patterns and their actions (<c>remove</c>, <c>youtube</c>, …), before the built-in mapping.</summary>
    public IReadOnlyList<ShortcodeRule> Shortcodes { get; init; } = [];
}

/// <summary>A begin/end pair of HTML comment texts that enclose an ad region.</summary>
public sealed record MarkerPair(string Begin, string End);

/// <summary>site.yml <c>external:</c> — settings for HTTP checks of external links.</summary>
public sealed record ExternalSettings
{
    public bool Enabled { get; init; }
    public int TimeoutSeconds { get; init; } = 10;
    public int CacheHours { get; init; } = 24;
    public int PerHost { get; init; } = 2;
    public int MaxSeconds { get; init; } = 120;
    public int MaxRequests { get; init; } = 2000;
    public IReadOnlyList<string> Exclude { get; init; } = [];
    /// <summary>Least time between two requests to one host.</summary>
    public int SpacingMs { get; init; } = 200;
}

/// <summary>site.yml <c>sanitize:</c> — which hosts raw HTML in guides may embed from.</summary>
public sealed record SanitizeSettings
{
    /// <summary>Hosts an <c>&lt;iframe&gt;</c> may load from over https (e.g. www.youtube-nocookie.com). None by default.</summary>
    public IReadOnlyList<string> IframeHosts { get; init; } = [];

    /// <summary>Hosts <c>&lt;video&gt;</c>, <c>&lt;audio&gt;</c> and <c>&lt;source&gt;</c> may load from; the site's own files are always allowed.</summary>
    public IReadOnlyList<string> MediaHosts { get; init; } = [];
}

/// <summary>site.yml <c>links:</c> — how links are checked.</summary>
public sealed record LinkSettings
{
    /// <summary>
    /// Site-root path prefixes (each ending in '/') that belong to another site on the same host, such as
    /// <c>/powershell/</c> on a docs host: links under them are left unchecked and as written, with no <c>link.root</c>.
    /// </summary>
    public IReadOnlyList<string> OtherSites { get; init; } = [];
}
