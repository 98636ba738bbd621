using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary>Builds one corpus-shaped fixture from <c>Fixtures/Strip/</c> with the real CLI and hands back its page.</summary>
public sealed partial class StripFixture : IDisposable
{
    public const string Folder = "Fixtures/Strip";

    private StripFixture(string name, string siteYml, params string[] extraArgs)
    {
        Name = name;
        Source = File.ReadAllText(PathOf(name));
        Site = new TempSite(siteYml);
        Site.Write($"content/guides/{name}.md", Source);
        Run = Site.Run(["build", "--format", "json", .. extraArgs]);
        var page = $"guides/{name}/index.html";
        Html = Site.OutputExists(page) ? Site.ReadOutput(page) : "";
        Document = new HtmlParser().ParseDocument(Html);
    }

    public string Name { get; }
    public string Source { get; }
    public TempSite Site { get; }
    public CliRun Run { get; }
    public string Html { get; }
    public IDocument Document { get; }

    /// <summary>The rendered Markdown body of the page.</summary>
    public IElement Body => Document.QuerySelector(".guide-body") ?? throw new Xunit.Sdk.XunitException($"{Name}: no page written\n{Run.Stderr}{Run.Stdout}");

    /// <summary>The page's h1 and body text.</summary>
    public string Text => (Document.QuerySelector("h1")?.TextContent ?? "") + " " + Body.TextContent;

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, Folder, name + ".md");

    public static IEnumerable<string> All() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, Folder), "*.md").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static StripFixture Build(string name, string strip = "", params string[] extraArgs) =>
        new(name, "title: Strip Tests\nbase_url: https://guides.example.org/\n" + strip, extraArgs);

    public void Dispose() => Site.Dispose();

    // ---- what an ad looks like, written independently of the stripper ----

    private static readonly string[] AdHosts =
        ["sjv.io", "pxf.io", "8odi.net", "7eer.net", "i357552.net", "elfm.net", "evyy.net", "impactradius-go.com",
         "googlesyndication.com", "avangate.com", "2checkout.com", "shareasale.com", "AFFILIATE=", "/c/1234567/"];

    private static readonly string[] AdClasses = ["adsbygoogle", "atpl-alsoreadstyle", "text-ad-content"];

    /// <summary>Every ad trace left in the whole output page, as readable strings (empty when clean).</summary>
    public IReadOnlyList<string> AdTraces()
    {
        var found = new List<string>();
        foreach (var e in Document.QuerySelectorAll("*"))
        {
            foreach (var attr in e.Attributes)
            {
                var v = attr.Value;
                if (attr.Name is "src" or "poster" or "srcset" or "data" && AdHosts.Any(h => v.Contains(h, StringComparison.OrdinalIgnoreCase)))
                    found.Add($"<{e.LocalName} {attr.Name}={v}>");
                if (v.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) found.Add($"<{e.LocalName} {attr.Name}=javascript:>");
            }
            if (AdClasses.Any(c => e.ClassList.Contains(c))) found.Add($"<{e.LocalName} class={e.ClassName}>");
            if (e.LocalName is "a" && AdHosts.Any(h => (e.GetAttribute("href") ?? "").Contains(h, StringComparison.OrdinalIgnoreCase))
                && !(e.GetAttribute("rel") ?? "").Contains("sponsored"))
                found.Add($"unmarked ad link {e.GetAttribute("href")}");
        }
        if (Regex.IsMatch(Html, @"<!--\s*affiliate\s+ads", RegexOptions.IgnoreCase)) found.Add("ad marker comment");
        if (Document.QuerySelectorAll("iframe").Length > 0) found.Add("iframe");
        return found;
    }

    /// <summary>
    /// The fixture's content words: its body with front matter and ad structures cut by plain regexes
    /// (marker regions outside fenced code, AdSense units, text ads, link farms, javascript: links,
    /// disclaimer quotes), less tags and URLs. Fenced code is content, markers in it included.
    /// </summary>
    public static ISet<string> ContentWords(string markdown)
    {
        var body = FrontMatter().Replace(markdown.TrimStart('\uFEFF'), "", 1);
        var parts = Fenced().Split(body);
        var kept = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (Fenced().IsMatch(part))
            {
                kept.Add(Regex.Replace(part, @"\A(```|~~~)[^\n]*", ""));   // the info string is not rendered text
                continue;
            }
            part = CutRegions(part);
            foreach (var rx in AdStructures) part = rx.Replace(part, " ");
            kept.Add(part);
        }
        var text = string.Join("\n", kept);
        text = Regex.Replace(text, @"!\[[^\]]*\]\([^)]*\)", " ");
        text = Regex.Replace(text, @"\]\([^)]*\)", "] ");
        text = Regex.Replace(text, @"<[^>]+>", " ");
        text = Regex.Replace(text, @"https?://\S+", " ");
        return Words(text);
    }

    public static ISet<string> Words(string text) =>
        Regex.Matches(text, @"\p{L}{3,}").Select(m => m.Value.ToLowerInvariant()).ToHashSet();

    private static readonly Regex[] AdStructures =
    [
        new(@"<ins\b.*?</ins>", RegexOptions.Singleline | RegexOptions.IgnoreCase),
        new(@"<script\b.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase),
        new(@"<span class=""atpl-alsoreadstyle"">[^<]*</span>(\s*<div>)?\s*<ul>.*?</ul>", RegexOptions.Singleline),
        new(@"<span class=""atpl-alsoreadstyle"">[^<]*</span>", RegexOptions.Singleline),
        new(@"<h3[^>]*><a href=""[^""]*/c/[^""]*"">.*?</a></h3>", RegexOptions.Singleline),
        new(@"<span class=""text-ad-content"">.*?</span>", RegexOptions.Singleline),
        new(@"<a href=""javascript:[^""]*"">.*?</a>", RegexOptions.Singleline),
        new(@"^>.*(affiliate links|commission).*$", RegexOptions.Multiline | RegexOptions.IgnoreCase),
        // shortcode and Liquid tag syntax is markup, not words a reader sees
        new(@"\{\{[<%].*?[%>]\}\}", RegexOptions.Singleline),
        new(@"\{%.*?%\}", RegexOptions.Singleline),
    ];

    [GeneratedRegex(@"\A---\r?\n.*?\r?\n---\r?\n", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"(^(?:```|~~~)[^\n]*\n.*?^(?:```|~~~)[ \t]*\r?$)", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fenced();

    /// <summary>Cuts begin…end marker regions, nested ones counted, so text between two regions stays.</summary>
    private static string CutRegions(string text)
    {
        var sb = new System.Text.StringBuilder();
        var depth = 0;
        var at = 0;
        foreach (Match m in Marker().Matches(text))
        {
            var begin = m.Groups[1].Value.Equals("begin", StringComparison.OrdinalIgnoreCase);
            if (depth == 0) sb.Append(text, at, m.Index - at);
            depth = Math.Max(0, depth + (begin ? 1 : -1));
            at = m.Index + m.Length;
        }
        if (depth == 0) sb.Append(text, at, text.Length - at);
        return sb.ToString();
    }

    [GeneratedRegex(@"<!--\s*affiliate\s+ads\s+(begin|end)\s*-->", RegexOptions.IgnoreCase)]
    private static partial Regex Marker();
}
