namespace GuideBuilder.Diagnostics;

/// <summary>A diagnostic rule: stable name, stable code and default severity.</summary>
public sealed record RuleInfo(string Name, string Code, Severity DefaultSeverity, string Description, RuleKind Kind = RuleKind.Content);

/// <summary>Whose problem a rule reports; it decides the exit code of a failed build.</summary>
public enum RuleKind
{
    /// <summary>The guides, the templates: exit code 1.</summary>
    Content,
    /// <summary>site.yml or the command line: exit code 2.</summary>
    Setup,
    /// <summary>The machine (disk, permissions, paths): exit code 2. The severity cannot be changed in site.yml.</summary>
    Environment,
}

/// <summary>Every rule GuideBuilder knows, in one place. Names and codes are part of the outside contract.</summary>
public static class Rules
{
    public static readonly RuleInfo ConfigInvalid = new("config.invalid", "GB0001", Severity.Error, "site.yml cannot be read or has a value of the wrong type", RuleKind.Setup);
    public static readonly RuleInfo ConfigUnknownKey = new("config.unknown-key", "GB0002", Severity.Warning, "a key in site.yml that GuideBuilder does not know");
    public static readonly RuleInfo UsageInvalid = new("usage.invalid", "GB0003", Severity.Error, "a command, option or argument GuideBuilder does not accept", RuleKind.Setup);
    public static readonly RuleInfo FrontMatterInvalid = new("frontmatter.invalid", "GB0101", Severity.Error, "YAML syntax error or a value of the wrong type; the page is skipped");
    public static readonly RuleInfo ConfigBaseUrl = new("config.base-url", "GB0009", Severity.Warning, "site.yml has no base_url, which canonical URLs, the sitemap and the feed need (build refuses, exit code 2)", RuleKind.Setup);
    public static readonly RuleInfo FrontMatterUnknownKey = new("frontmatter.unknown-key", "GB0102", Severity.Warning, "a front-matter key that looks like a misspelt key GuideBuilder knows");
    public static readonly RuleInfo FrontMatterExtraKey = new("frontmatter.extra-key", "GB0110", Severity.Info, "a front-matter key GuideBuilder does not use and that resembles none it knows (metadata for other tools)");
    public static readonly RuleInfo SourceUnreadable = new("source.unreadable", "GB0103", Severity.Error, "a guide that cannot be read as UTF-8 text");
    public static readonly RuleInfo OutputConflict = new("output.conflict", "GB0104", Severity.Error, "two sources map to the same output path");
    public static readonly RuleInfo SourceEmpty = new("source.empty", "GB0105", Severity.Error, "a guide file with nothing in it; it is skipped");
    public static readonly RuleInfo SourceTooDeep = new("source.too-deep", "GB0106", Severity.Warning, "markup nested too deeply; the excess is kept as plain text");
    public static readonly RuleInfo FrontMatterDateFallback = new("frontmatter.date-fallback", "GB0118", Severity.Info, "a page without 'date' dated from its 'created' or 'published' key or a Jekyll file name");
    public static readonly RuleInfo SourceShortcode = new("source.shortcode", "GB0117", Severity.Warning, "a Hugo shortcode or Liquid tag that GuideBuilder does not convert; it is shown as written");
    public static readonly RuleInfo StripSuspicious = new("strip.suspicious", "GB0201", Severity.Warning, "a strip rule would have removed real content; it was kept");
    public static readonly RuleInfo HtmlUnsafe = new("html.unsafe", "GB0202", Severity.Warning, "raw HTML that was removed by the sanitizer");
    public static readonly RuleInfo TemplateError = new("template.error", "GB0301", Severity.Error, "a template that does not parse or fails while rendering");
    public static readonly RuleInfo TemplateName = new("template.name", "GB0302", Severity.Error, "a name in a template that the model does not have: a variable, a field of a model object or a built-in function");
    public static readonly RuleInfo LinkTemplate = new("link.template", "GB0410", Severity.Error, "a relative link, image or #fragment written by a template that leads nowhere in the output being built");
    public static readonly RuleInfo LinkBroken = new("link.broken", "GB0401", Severity.Error, "a relative link to a page or file that does not exist");
    public static readonly RuleInfo LinkAnchor = new("link.anchor", "GB0402", Severity.Error, "a #fragment that no element id on the target matches");
    public static readonly RuleInfo LinkFolder = new("link.folder", "GB0411", Severity.Error, "a link to a folder of the content that has no page (index.md): the published site serves nothing there");
    public static readonly RuleInfo LinkAsset = new("link.asset", "GB0403", Severity.Error, "an image or other asset that does not exist");
    public static readonly RuleInfo LinkCase = new("link.case", "GB0404", Severity.Error, "a link that differs from a real file only in letter case");
    public static readonly RuleInfo LinkOutside = new("link.outside", "GB0405", Severity.Error, "a link or image path that leads outside the site folder");
    public static readonly RuleInfo LinkAdHost = new("link.ad-host", "GB0406", Severity.Warning, "a link to an ad or affiliate host that survived stripping");
    public static readonly RuleInfo LinkRoot = new("link.root", "GB0407", Severity.Warning, "a site-root link (/x/) whose first segment names nothing in this site: it points at another site on the same host");
    public static readonly RuleInfo LinkAnchorGenerated = new("link.anchor-generated", "GB0408", Severity.Warning, "a #fragment that matches only the fallback id given to a heading whose text makes no id");
    public static readonly RuleInfo LinkExternal = new("link.external", "GB0409", Severity.Warning, "an http(s) link that does not answer with success (only with --check-external)");
    public static readonly RuleInfo LinkRedirected = new("link.redirected", "GB0706", Severity.Info, "a link to an earlier URL of a page (one of its aliases): it works through a redirect; link to the page's current URL");
    public static readonly RuleInfo HeadingSkipLevel = new("heading.skip-level", "GB0501", Severity.Warning, "a heading more than one level below the previous one");
    public static readonly RuleInfo HeadingEmpty = new("heading.empty", "GB0502", Severity.Warning, "a heading with no text");
    public static readonly RuleInfo HeadingMultipleH1 = new("heading.multiple-h1", "GB0503", Severity.Warning, "more than one h1 on a page");
    public static readonly RuleInfo HeadingDuplicate = new("heading.duplicate", "GB0504", Severity.Warning, "two sibling headings with the same text");
    public static readonly RuleInfo HeadingPunctuation = new("heading.trailing-punctuation", "GB0505", Severity.Warning, "a heading that ends in punctuation");
    public static readonly RuleInfo LintDuplicateParagraph = new("lint.duplicate-paragraph", "GB0601", Severity.Warning, "the same paragraph twice on one page");
    public static readonly RuleInfo LintImageAlt = new("lint.image-alt", "GB0602", Severity.Warning, "an image without alt text");
    public static readonly RuleInfo LintStepGap = new("lint.step-gap", "GB0603", Severity.Warning, "step numbers that skip or repeat");
    public static readonly RuleInfo LintEmptyStep = new("lint.empty-step", "GB0604", Severity.Warning, "a step with no text");
    public static readonly RuleInfo LintVagueLink = new("lint.vague-link", "GB0605", Severity.Warning, "link text such as 'click here' that says nothing about the target");
    public static readonly RuleInfo LintMissingDescription = new("lint.missing-description", "GB0606", Severity.Warning, "a guide without a description");
    public static readonly RuleInfo LintUpdatedBeforeDate = new("lint.updated-before-date", "GB0607", Severity.Warning, "updated is earlier than date");
    public static readonly RuleInfo IoNoSpace = new("io.no-space", "GB0901", Severity.Error, "the disk or quota filled up while the site was written", RuleKind.Environment);
    public static readonly RuleInfo IoReadOnly = new("io.read-only", "GB0902", Severity.Error, "the output or a file GuideBuilder writes is on a read-only file system", RuleKind.Environment);
    public static readonly RuleInfo IoPermissionDenied = new("io.permission-denied", "GB0903", Severity.Error, "this user may not read or write a file or folder the build needs", RuleKind.Environment);
    public static readonly RuleInfo IoPathTooLong = new("io.path-too-long", "GB0904", Severity.Error, "a path longer than the file system allows", RuleKind.Environment);
    public static readonly RuleInfo IoFileInUse = new("io.file-in-use", "GB0905", Severity.Error, "a file or folder another process holds", RuleKind.Environment);
    public static readonly RuleInfo IoFailed = new("io.failed", "GB0906", Severity.Error, "any other failure of the file system", RuleKind.Environment);
    public static readonly RuleInfo LintUnusedReference = new("lint.unused-reference", "GB0608", Severity.Warning, "a link reference definition that no link uses");
    public static readonly RuleInfo IncludeInvalid = new("include.invalid", "GB0119", Severity.Error, "an [!INCLUDE] that cannot be spliced in: no such Markdown file, a path outside the content folder, a cycle, nesting too deep, or several blocks where running text takes one paragraph");
    public static readonly RuleInfo LintPlaceholder = new("lint.placeholder", "GB0612", Severity.Warning, "a sentence of the skeleton 'new' writes, left in the guide");

    public static readonly RuleInfo UrlRemoved = new("url.removed", "GB0701", Severity.Error, "a URL recorded in published.yml that the site no longer publishes, with no page listing it under aliases:");
    public static readonly RuleInfo AnchorRemoved = new("anchor.removed", "GB0702", Severity.Warning, "an element id recorded in published.yml for a page that the page no longer has");
    public static readonly RuleInfo AnchorKept = new("anchor.kept", "GB0703", Severity.Info, "a renamed heading keeps its old id (recorded in published.yml) as well as its new one");
    public static readonly RuleInfo AliasInvalid = new("alias.invalid", "GB0704", Severity.Error, "an alias that is not a site-relative URL, or that collides with a page, another alias or the page itself");

    public static readonly RuleInfo CacheReset = new("cache.reset", "GB0801", Severity.Info, "the build cache could not be used (missing, truncated, corrupt, another version, written while read); this build started from nothing");

    /// <summary>All rules, in code order.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } =
    [
        ConfigInvalid, ConfigUnknownKey, ConfigBaseUrl, UsageInvalid, FrontMatterInvalid, FrontMatterUnknownKey, FrontMatterExtraKey, SourceUnreadable, OutputConflict, SourceEmpty, SourceTooDeep, SourceShortcode, FrontMatterDateFallback, IncludeInvalid,
        StripSuspicious, HtmlUnsafe, TemplateError, TemplateName,
        LinkBroken, LinkAnchor, LinkAsset, LinkFolder, LinkCase, LinkOutside, LinkAdHost, LinkRoot, LinkAnchorGenerated, LinkExternal, LinkTemplate, LinkRedirected,
        HeadingSkipLevel, HeadingEmpty, HeadingMultipleH1, HeadingDuplicate, HeadingPunctuation,
        LintDuplicateParagraph, LintImageAlt, LintStepGap, LintEmptyStep, LintVagueLink, LintMissingDescription, LintUpdatedBeforeDate, LintUnusedReference, LintPlaceholder,
        UrlRemoved, AnchorRemoved, AnchorKept, AliasInvalid,
        CacheReset,
        IoNoSpace, IoReadOnly, IoPermissionDenied, IoPathTooLong, IoFileInUse, IoFailed,
    ];

    private static readonly Dictionary<string, RuleInfo> ByName = All.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public static RuleInfo? Find(string name) => ByName.GetValueOrDefault(name);
}
