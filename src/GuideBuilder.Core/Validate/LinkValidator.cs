using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using System.Collections.Concurrent;
using Markdig.Renderers.Html;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>
/// Checks every link and image of a page against the site index — target page or file, letter case,
/// <c>#fragment</c> against the ids of the rendered target — and rewrites Markdown links to the
/// target's clean URL, relative to the page, so the site works under any base path; relative URLs in
/// raw HTML are rewritten the same way.
/// </summary>
public sealed class LinkValidator(SiteIndex index, StripRules strip, string basePath, IReadOnlyList<string>? otherSites = null)
{
    /// <summary>The site index the links are checked against.</summary>
    public SiteIndex Index => index;

    /// <summary>Class that switches checks off for one link: <c>[text](url){.nocheck}</c>.</summary>
    public const string OptOutClass = "nocheck";

    /// <summary>
    /// Checks and rewrites every link of <paramref name="guide"/>. With <paramref name="deferred"/>, a
    /// <c>#fragment</c> on another page is queued instead of checked (that page may not be analysed yet);
    /// <see cref="CheckDeferred"/> checks the queue once every page's ids are known. Rewrites never
    /// depend on ids, so a page can be validated and rendered as soon as it is analysed.
    /// </summary>
    public void Validate(Guide guide, PageReporter report, ConcurrentQueue<DeferredFragment>? deferred = null)
    {
        var pageDir = UrlPaths.DirectoryOf(guide.Source.ContentRelativePath);
        if (guide.Meta.Thumbnail is { } thumbnail)
        {
            // A local thumbnail is an asset like any image; reported at its front-matter key.
            var line = guide.Meta.KeyLines.GetValueOrDefault("thumbnail", 1);
            Check(guide, pageDir, new LinkRef(thumbnail, IsImage: true, line, 1, "", FromHtml: false), report);
        }
        List<(RawHtmlUrl, string)>? rawHtml = null;
        for (var i = 0; i < guide.Links.Count; i++)
        {
            var link = guide.Links[i];
            var optOut = link.OptOut || link.Node?.TryGetAttributes()?.Classes?.Contains(OptOutClass) == true;
            if (optOut && !link.OptOut)
            {
                link.Node?.GetAttributes().Classes!.Remove(OptOutClass);
                guide.Links[i] = link = link with { OptOut = true };
            }
            // An opted-out link is not reported, but a link to a guide still gets its clean URL. A reference-style
            // link is reported where it is used, and names the definition line, where its URL is fixed.
            var reporter = optOut ? new PageReporter(guide, new DiagnosticBag())
                : link.DefinitionLine > 0 && link.DefinitionLine != link.Line ? report.WithNote($" (its URL is set by [{link.DefinitionLabel}]: at line {link.DefinitionLine})")
                : report;
            // A link written in an included file is relative to that file, as DocFX reads it.
            var dir = Load.IncludeLines.IsIncluded(link.Line) ? guide.DirectoryOfLine(link.Line) : pageDir;
            var rewritten = Check(guide, dir, link, reporter, optOut ? null : deferred);
            if (rewritten is null) continue;
            if (link.Node is not null) link.Node.Url = rewritten;
            else if (link.Html is { } at)
            {
                var (_, query, fragment) = UrlPaths.Split(link.Url.Trim());
                (rawHtml ??= []).Add((at, RawHtmlUrl.Encode(rewritten, query.Length + (fragment is null ? 0 : fragment.Length + 1))));
            }
        }
        if (rawHtml is not null) RawHtmlUrl.WriteBack(rawHtml);
    }

    /// <summary>Validates one link; returns the URL to publish, or null to leave it as written.</summary>
    private string? Check(Guide guide, string pageDir, LinkRef link, PageReporter report, ConcurrentQueue<DeferredFragment>? deferred = null)
    {
        var web = WebUrl.Read(link.Url);
        var url = web.Text;
        if (url.Length == 0) return null;
        if (!web.IsRelative)
        {
            if (IsAdUrl(url) && !link.HasRel && link.Node?.TryGetAttributes()?.Properties?.Any(p => p.Key == "rel") != true)
            {
                report.Report(Rules.LinkAdHost, link.Line, link.Column, strip.Enabled
                    ? $"link to an ad or affiliate host survived stripping: {url}"
                    : $"link to an ad or affiliate host (stripping is off in site.yml): {url}");
            }
            return null;
        }
        var (rawPath, query, fragment) = UrlPaths.Split(url);
        if (rawPath.Length == 0)
        {
            if (fragment is not null) CheckFragment(guide, guide, fragment, link, report);
            return null;
        }
        // Browsers read '\' in an http URL as '/'; a drive letter means a path on the author's computer.
        var backslash = rawPath.Contains('\\');
        var path = UrlPaths.Decode(rawPath).Replace('\\', '/');
        var rootedLink = path.StartsWith('/');
        string? target;
        if (rootedLink)
        {
            if (otherSites is not null && otherSites.Any(p => (path + "/").StartsWith(p, StringComparison.Ordinal))) return null;
            if (basePath.Length > 1)
            {
                if (!(path + "/").StartsWith(basePath, StringComparison.Ordinal))
                {
                    report.Report(Rules.LinkRoot, link.Line, link.Column,
                        $"'{url}' is outside this site's base path {basePath} (did you mean '{basePath.TrimEnd('/')}{path}'?)", "/" + FirstSegment(path.TrimStart('/')) + "/");
                    return null;
                }
                path = "/" + path[Math.Min(path.Length, basePath.Length)..];
            }
            target = UrlPaths.Combine("", path);
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
        var suffix = query + (fragment is null ? "" : "#" + fragment);

        // A guide, by its source path or by its clean URL.
        var page = FindPage(target, path.EndsWith('/'));
        if (page is not null)
        {
            if (fragment is not null)
            {
                if (deferred is not null && !ReferenceEquals(page, guide)) deferred.Enqueue(new DeferredFragment(guide, page, fragment, link with { Node = null, Html = null }, report));   // no node: it would hold the whole tree
                else CheckFragment(guide, page, fragment, link, report);
            }
            return UrlPaths.Relative(guide.Url, page.Url) + suffix;
        }
        if (index.Redirects.Find(target) is { } redirect)
        {
            report.Report(Rules.LinkRedirected, link.Line, link.Column,
                $"'{url}' is an earlier URL of {redirect.Target.Source.ContentRelativePath}, redirected to /{redirect.Target.Url}; link to the page itself");
            if (fragment is not null)
            {
                if (deferred is not null && !ReferenceEquals(redirect.Target, guide)) deferred.Enqueue(new DeferredFragment(guide, redirect.Target, fragment, link with { Node = null, Html = null }, report));
                else CheckFragment(guide, redirect.Target, fragment, link, report);
            }
            return UrlPaths.Relative(guide.Url, redirect.Target.Url) + suffix;
        }
        if (IncludeOnlyFile(target) is { } included)
        {
            report.Report(Rules.LinkBroken, link.Line, link.Column, $"link to '{url}': {included} is an include file, not a page (link to a page that includes it)");
            return null;
        }
        if (NamesPageIn(index.Unpublished, target))
        {
            // A draft has nothing else saying the link is dead; a page that failed has its own error.
            if (NamesPageIn(index.Drafts, target))
                report.Report(Rules.LinkBroken, link.Line, link.Column,
                    $"link to '{url}': that page is a draft, not published in this build (build with --drafts, or publish it), so the link would be dead");
            return null;
        }
        if (index.Files.Contains(target))
        {
            return UrlPaths.Relative(guide.Url, target) + suffix;
        }
        if (index.Directories.Contains(target) && !index.Generated.Contains(target))
        {
            // The folder has no index.md (FindPage would have found it): the published site has no page there.
            report.Report(Rules.LinkFolder, link.Line, link.Column,
                $"link to the folder '{url}', which has no page: the published site serves no file there (link to a page or a file in it, or add {target}/index.md)");
            return null;
        }
        if (index.Generated.Contains(target) || target.StartsWith("assets/", StringComparison.Ordinal))
        {
            // Home, listings, feeds and theme files: relative to the page's own URL, one folder deeper than its source.
            var folder = target.Length == 0 || path.EndsWith('/') || !Path.HasExtension(target);
            return UrlPaths.Relative(guide.Url, target + (folder && target.Length > 0 ? "/" : "")) + suffix;
        }
        if (CaseMatch(target) is { } actual)
        {
            var suggestion = rootedLink ? basePath.TrimEnd('/') + "/" + actual : UrlPaths.Relative(pageDir.Length == 0 ? "" : pageDir + "/", actual);
            report.Report(Rules.LinkCase, link.Line, link.Column, $"'{url}' differs from the real {(index.Files.Contains(actual) ? "file" : "page")} only in letter case (did you mean '{suggestion}'?)");
            return null;
        }
        if (rootedLink && !index.TopLevel.Contains(FirstSegment(target)))
        {
            var segment = "/" + FirstSegment(target) + "/";
            report.Report(Rules.LinkRoot, link.Line, link.Column,
                $"'{url}' is a site-root link, but this site has no '{segment}': it points at another site on the same host (if it does, list '{segment}' under links: other_sites: in site.yml)", segment);
            return null;
        }
        var hint = Hint(target);
        if (hint.Length == 0 && backslash) hint = " (use '/' in links, not '\\')";
        if (hint.Length == 0 && path.Length > 1 && path[1] == ':') hint = " (this looks like a path on your computer)";
        var isAsset = link.IsImage || !target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && Path.HasExtension(target) && !path.EndsWith('/');
        if (isAsset)
        {
            report.Report(Rules.LinkAsset, link.Line, link.Column, $"{(link.IsImage ? "image" : "file")} '{url}' does not exist{hint}");
        }
        else
        {
            report.Report(Rules.LinkBroken, link.Line, link.Column, $"link to '{url}': no such page or file{hint}");
        }
        return null;
    }

    /// <summary>The include-only file a link target names (by path, or by the URL it would have had), or null.</summary>
    private string? IncludeOnlyFile(string target)
    {
        var files = index.Includes.Sources;
        if (files.Count == 0) return null;
        foreach (var candidate in (string[])[target, target + ".md", (target.Length == 0 ? "" : target.TrimEnd('/') + "/") + "index.md"])
        {
            if (files.ContainsKey(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Checks the fragments <see cref="Validate"/> queued, now that every page's ids are known.</summary>
    public static void CheckDeferred(IEnumerable<DeferredFragment> deferred)
    {
        foreach (var d in deferred) CheckFragment(d.From, d.Target, d.Fragment, d.Link, d.Report);
    }

    /// <summary>True for links the author opted out of checks, and links to ad hosts: the external check skips both.</summary>
    public bool SkipExternal(LinkRef link) => link.OptOut || IsAdUrl(WebUrl.Read(link.Url).Text);

    /// <summary>Ad-host test, memoised: the same external URL recurs across many pages.</summary>
    private bool IsAdUrl(string url) => _adUrls.GetOrAdd(url, strip.IsAdUrl);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _adUrls = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="target"/> names a source in <paramref name="sources"/>: as written, as <c>x.md</c>, or as the folder's <c>index.md</c>.</summary>
    private static bool NamesPageIn(IReadOnlySet<string> sources, string target) =>
        sources.Contains(target) || sources.Contains(target + ".md") || sources.Contains((target.Length == 0 ? "" : target + "/") + "index.md");

    private static string FirstSegment(string target)
    {
        var slash = target.IndexOf('/');
        return slash < 0 ? target : target[..slash];
    }

    /// <summary>The real file, folder or page that <paramref name="target"/> names in another letter case.</summary>
    private string? CaseMatch(string target)
    {
        var lower = target.ToLowerInvariant();
        if (index.FilesIgnoreCase.TryGetValue(lower, out var file)) return file;
        if (index.FilesIgnoreCase.TryGetValue(lower + ".md", out file)) return file;
        if (index.DirectoriesIgnoreCase.TryGetValue(lower.TrimEnd('/'), out var dir)) return dir + "/";
        if (index.UrlsIgnoreCase.TryGetValue(lower.TrimEnd('/') + "/", out var url)) return url;
        return null;
    }

    private string Hint(string target)
    {
        var dir = UrlPaths.DirectoryOf(target);
        var name = Path.GetFileName(target);
        if (!index.FilesByDirectory.TryGetValue(dir, out var siblings)) return "";
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

    /// <summary>
    /// For <c>#step-N</c> on a page whose steps sit under headings (their ids are <c>heading-step-N</c>): the
    /// steps the page shows as N, so a link written for an older numbering finds its new id.
    /// </summary>
    private static string? StepHint(string fragment, Guide target)
    {
        if (!fragment.StartsWith("step-", StringComparison.Ordinal) || !int.TryParse(fragment.AsSpan(5), out var n)) return null;
        var same = target.Steps.Where(s => s.Position == n).Select(s => $"'{s.Id}'").ToList();
        return same.Count == 0 ? null : $" (step ids are named after the heading above their list: did you mean {string.Join(" or ", same)}?)";
    }

    private static void CheckFragment(Guide from, Guide target, string fragment, LinkRef link, PageReporter report)
    {
        if (fragment.Length == 0 || fragment == "top") return;
        // Browsers try the fragment as written, then percent-decoded (UTF-8), against element ids.
        var decoded = UrlPaths.Decode(fragment);
        var id = target.Ids.Contains(fragment) ? fragment : target.Ids.Contains(decoded) ? decoded : null;
        var where = ReferenceEquals(from, target) ? "on this page" : $"in {target.Source.ContentRelativePath}";
        if (id is null)
        {
            var suggestion = StepHint(decoded, target) ?? Load.Suggest.Hint(decoded, target.Ids);
            report.Report(Rules.LinkAnchor, link.Line, link.Column, $"no heading or element with id '{fragment}' {where}{suggestion}");
            return;
        }
        if (target.Headings.Find(h => h.Id == id) is { } heading && heading.Id.StartsWith("section", StringComparison.Ordinal)
            && !heading.Text.Any(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            report.Report(Rules.LinkAnchorGenerated, link.Line, link.Column,
                $"'#{fragment}' matches only the fallback id of heading '{heading.Text.Trim()}' {where}, whose text makes no id (other renderers give it none, and the number shifts when headings move); give the heading an explicit id such as {{#name}}");
        }
    }
}

/// <summary>A link to <c>#fragment</c> on another page, checked once every page is analysed.</summary>
public sealed record DeferredFragment(Guide From, Guide Target, string Fragment, LinkRef Link, PageReporter Report);
