using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Strip;
using Markdig.Renderers.Html;

namespace GuideBuilder.Validate;

/// <summary>
/// Checks every link and image of a page against the site index — target page or file, letter case,
/// <c>#fragment</c> against the ids of the rendered target — and rewrites Markdown links to the
/// target's clean URL, relative to the page, so the site works under any base path.
/// </summary>
public sealed class LinkValidator(SiteIndex index, StripRules strip, string basePath)
{
    /// <summary>Class that switches checks off for one link: <c>[text](url){.nocheck}</c>.</summary>
    public const string OptOutClass = "nocheck";

    public void Validate(Guide guide, PageReporter report)
    {
        var pageDir = UrlPaths.DirectoryOf(guide.Source.ContentRelativePath);
        if (guide.Meta.Thumbnail is { } thumbnail)
        {
            // A local thumbnail is an asset like any image; reported at its front-matter key.
            var line = guide.Meta.KeyLines.GetValueOrDefault("thumbnail", 1);
            Check(guide, pageDir, new LinkRef(thumbnail, IsImage: true, line, 1, "", FromHtml: false), report);
        }
        foreach (var link in guide.Links)
        {
            var optOut = link.Node?.TryGetAttributes()?.Classes?.Contains(OptOutClass) == true;
            if (optOut) link.Node!.GetAttributes().Classes!.Remove(OptOutClass);
            // An opted-out link is not reported, but a link to a guide still gets its clean URL.
            var rewritten = Check(guide, pageDir, link, optOut ? new PageReporter(guide, new DiagnosticBag()) : report);
            if (rewritten is not null && link.Node is not null) link.Node.Url = rewritten;
        }
    }

    /// <summary>Validates one link; returns the URL to publish, or null to leave it as written.</summary>
    private string? Check(Guide guide, string pageDir, LinkRef link, PageReporter report)
    {
        var url = link.Url.Trim();
        if (url.Length == 0) return null;
        if (UrlPaths.IsExternal(url))
        {
            if (strip.IsAdUrl(url) && (link.IsImage || !link.FromHtml) && link.Node?.TryGetAttributes()?.Properties?.Any(p => p.Key == "rel") != true)
            {
                report.Report(Rules.LinkAdHost, link.Line, link.Column, $"link to an ad or affiliate host survived stripping: {url}");
            }
            return null;
        }
        var (rawPath, query, fragment) = UrlPaths.Split(url);
        if (rawPath.Length == 0)
        {
            if (fragment is not null) CheckFragment(guide, guide, fragment, link, report);
            return null;
        }
        var path = UrlPaths.Decode(rawPath);
        string? target;
        if (path.StartsWith('/'))
        {
            var rooted = path;
            if (basePath.Length > 1 && rooted.StartsWith(basePath, StringComparison.Ordinal)) rooted = "/" + rooted[basePath.Length..];
            target = UrlPaths.Combine("", rooted);
        }
        else
        {
            target = UrlPaths.Combine(pageDir, path);
        }
        if (target is null)
        {
            report.Report(Rules.LinkOutside, link.Line, link.Column, $"'{url}' leads outside the site's content folder");
            return null;
        }

        // A guide, by its source path or by its clean URL.
        var page = FindPage(target, path.EndsWith('/'));
        if (page is not null)
        {
            if (fragment is not null) CheckFragment(guide, page, fragment, link, report);
            return UrlPaths.Relative(guide.Url, page.Url) + query + (fragment is null ? "" : "#" + fragment);
        }
        if (index.Unpublished.Contains(target) || index.Unpublished.Contains(target + ".md") || index.Unpublished.Contains(target + "/index.md"))
        {
            return null;   // the target failed to load or is a draft: reported there, not here
        }
        if (index.Files.Contains(target))
        {
            return UrlPaths.Relative(guide.Url, target) + query + (fragment is null ? "" : "#" + fragment);
        }
        if (index.Directories.Contains(target))
        {
            return null;
        }
        if (index.FilesIgnoreCase.TryGetValue(target.ToLowerInvariant(), out var actual))
        {
            var suggestion = UrlPaths.Relative(pageDir.Length == 0 ? "" : pageDir + "/", actual);
            report.Report(Rules.LinkCase, link.Line, link.Column, $"'{url}' differs from the real file only in letter case (did you mean '{suggestion}'?)");
            return null;
        }
        var isAsset = link.IsImage || !target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && Path.HasExtension(target) && !target.EndsWith('/');
        if (isAsset)
        {
            report.Report(Rules.LinkAsset, link.Line, link.Column, $"{(link.IsImage ? "image" : "file")} '{url}' does not exist{Hint(target)}");
        }
        else
        {
            report.Report(Rules.LinkBroken, link.Line, link.Column, $"link to '{url}': no such page or file{Hint(target)}");
        }
        return null;
    }

    private string Hint(string target)
    {
        var dir = UrlPaths.DirectoryOf(target);
        var name = Path.GetFileName(target);
        var siblings = index.Files.Where(f => UrlPaths.DirectoryOf(f) == dir).Select(Path.GetFileName).OfType<string>();
        return Load.Suggest.Closest(name, siblings) is { } s ? $" (did you mean '{s}'?)" : "";
    }

    private Guide? FindPage(string target, bool trailingSlash)
    {
        if (index.ByPath.TryGetValue(target, out var g)) return g;
        var asUrl = target.Length == 0 ? "" : target.TrimEnd('/') + "/";
        if (index.ByUrl.TryGetValue(asUrl, out g)) return g;
        if (index.ByPath.TryGetValue(target + ".md", out g) && !trailingSlash) return g;
        if (index.ByPath.TryGetValue((target.Length == 0 ? "" : target + "/") + "index.md", out g)) return g;
        return null;
    }

    private static void CheckFragment(Guide from, Guide target, string fragment, LinkRef link, PageReporter report)
    {
        if (fragment.Length == 0 || fragment == "top") return;
        if (target.Ids.Contains(fragment) || target.Ids.Contains(UrlPaths.Decode(fragment))) return;
        var where = ReferenceEquals(from, target) ? "on this page" : $"in {target.Source.ContentRelativePath}";
        var suggestion = Load.Suggest.Hint(UrlPaths.Decode(fragment), target.Ids);
        report.Report(Rules.LinkAnchor, link.Line, link.Column, $"no heading or element with id '{fragment}' {where}{suggestion}");
    }
}
