using GuideBuilder.Diagnostics;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>One earlier URL of a page (front matter <c>aliases:</c>): the build writes a redirect there.</summary>
public sealed record Redirect(string Url, Guide Target);

/// <summary>
/// The aliases of every published guide, by URL (site-relative, <c>old/url/</c>). An alias that is not a
/// site-relative path, or that names a page, a page the site generates, another alias or the page itself,
/// is <c>alias.invalid</c> at its line and left out.
/// </summary>
public sealed class Redirects
{
    private readonly Dictionary<string, Redirect> _byUrl = new(StringComparer.Ordinal);

    public static Redirects None { get; } = new();

    /// <summary>Redirects by URL (<c>old/url/</c>).</summary>
    public IReadOnlyDictionary<string, Redirect> ByUrl => _byUrl;

    /// <summary>The redirect at a path written without its trailing slash (<c>old/url</c>), or null.</summary>
    public Redirect? Find(string path) => _byUrl.GetValueOrDefault(path.Length == 0 ? "" : path.TrimEnd('/') + "/");

    public static Redirects Collect(IReadOnlyList<Guide> guides, SiteIndex index, DiagnosticBag diagnostics)
    {
        var result = new Redirects();
        foreach (var guide in guides)
        {
            if (guide.Meta.Aliases.Count == 0) continue;
            var report = new PageReporter(guide, diagnostics);
            foreach (var item in guide.Meta.Aliases)
            {
                var url = Normalize(item.Value, out var problem);
                if (url is null && problem is null) continue; // a word, not a URL (see Normalize)
                if (url is not null)
                {
                    var path = url.TrimEnd('/');
                    if (url == guide.Url) problem = "is this page's own URL";
                    else if (index.ByUrl.TryGetValue(url, out var page)) problem = $"is the URL of {page.Source.SiteRelativePath}; a redirect there would hide that page";
                    else if (index.Generated.Contains(path)) problem = "is a page the site generates (home, listings, feeds)";
                    else if (index.Files.Contains(path)) problem = "is a file of the site";
                    else if (result._byUrl.TryGetValue(url, out var other))
                    {
                        problem = ReferenceEquals(other.Target, guide) ? "is listed twice" : $"is already an alias of {other.Target.Source.SiteRelativePath}";
                    }
                }
                if (problem is not null)
                {
                    report.Report(Rules.AliasInvalid, item.Line, item.Column, $"alias '{item.Value}' {problem}");
                    continue;
                }
                result._byUrl[url!] = new Redirect(url!, guide);
            }
        }
        return result;
    }

    /// <summary>
    /// An alias as a site-relative URL ending in '/': <c>/old/url</c> and <c>old/url/</c> both give <c>old/url/</c>.
    /// An entry with no '/' at all (<c>gcai</c>) is a word, not a URL: other docs tools use <c>aliases:</c> for
    /// names such as a command's short forms, so it is no redirect and no problem (null, with a null problem).
    /// </summary>
    public static string? Normalize(string alias, out string? problem)
    {
        problem = null;
        var a = alias.Trim();
        if (!a.Contains('/')) return null;
        if (UrlPaths.IsExternal(a) || a.Contains('?') || a.Contains('#') || a.Contains('\\'))
        {
            problem = "must be a path inside this site such as old/url/ (no scheme, host, query or #fragment)";
            return null;
        }
        a = a.Trim('/');
        if (a.EndsWith("/index.html", StringComparison.OrdinalIgnoreCase)) a = a[..^"/index.html".Length];
        if (a.Split('/').Any(s => s is "" or "." or ".."))
        {
            problem = a.Length == 0 ? "is the site's home page" : "must be a path inside this site such as old/url/ (no empty, '.' or '..' segments)";
            return null;
        }
        return a + "/";
    }
}
