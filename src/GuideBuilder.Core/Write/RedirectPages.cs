using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Validate;

namespace GuideBuilder.Write;

/// <summary>
/// What the site publishes at a page's earlier URLs (front matter <c>aliases:</c>): a small page at each
/// (<c>old/url/index.html</c>) and one <c>_redirects</c> file at the output root (Netlify / Cloudflare
/// Pages format, 301s). The page redirects at once, keeps the <c>#fragment</c> (a one-line script; the
/// meta refresh that follows it for browsers without scripts cannot), names the new page as canonical,
/// is <c>noindex</c> and shows a link. Redirect pages are not guides: no sitemap, feed, search or listing.
/// </summary>
public static class RedirectPages
{
    public const string RedirectsFile = "_redirects";

    /// <summary>The output path of a redirect page.</summary>
    public static string PathOf(Redirect redirect) => redirect.Url + "index.html";

    /// <summary>The redirect page at <paramref name="redirect"/>'s URL.</summary>
    public static string Html(Redirect redirect, SiteConfig config)
    {
        var relative = UrlPaths.Relative(redirect.Url, redirect.Target.Url);
        if (relative.Length == 0) relative = "./";
        var canonical = config.BaseUrl.TrimEnd('/') + "/" + redirect.Target.Url;
        var title = WebUtility.HtmlEncode(redirect.Target.Title.Length > 0 ? redirect.Target.Title : redirect.Target.Url);
        var href = WebUtility.HtmlEncode(relative);
        var script = JsonValue.Create(relative).ToJsonString().Replace("<", "\\u003C", StringComparison.Ordinal);
        var lang = WebUtility.HtmlEncode(redirect.Target.Meta.Lang ?? config.Language);
        return $"""
            <!DOCTYPE html>
            <html lang="{lang}">
            <head>
            <meta charset="utf-8">
            <title>{title}</title>
            <meta name="robots" content="noindex">
            <link rel="canonical" href="{WebUtility.HtmlEncode(canonical)}">
            <script>location.replace({script} + location.hash)</script>
            <meta http-equiv="refresh" content="0; url={href}">
            </head>
            <body>
            <p>This page has moved to <a href="{href}">{title}</a>.</p>
            </body>
            </html>

            """;
    }

    /// <summary>The <c>_redirects</c> file: one 301 a line, sorted, paths under <c>base_url</c>'s path.</summary>
    public static string File(Redirects redirects, string basePath)
    {
        var root = "/" + basePath.Trim('/');
        if (root.Length > 1) root += "/";
        var sb = new StringBuilder();
        foreach (var r in redirects.ByUrl.Values.OrderBy(r => r.Url, StringComparer.Ordinal))
        {
            sb.Append(root).Append(r.Url).Append(' ').Append(root).Append(r.Target.Url).Append(" 301\n");
        }
        return sb.ToString();
    }
}
