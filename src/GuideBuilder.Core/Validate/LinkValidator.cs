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
/// <c>#fragment</c> against the ids of the rendered target — and gives Markdown links the target's clean
/// URL, relative to the page, so the site works under any base path; relative URLs in raw HTML the same way.
/// In three steps that the pipeline runs in order: <see cref="Resolve(Guide)"/> asks the index about every
/// link (pure), <see cref="Shape"/> writes the published URLs into the tree, <see cref="Check(Guide, PageLinks, PageReporter, ConcurrentQueue{DeferredFragment}?)"/>
/// reports what the answers found and never changes the tree.
/// </summary>
public sealed class LinkValidator(SiteIndex index, StripRules strip, string basePath, IReadOnlyList<string>? otherSites = null)
{
    /// <summary>The site index the links are checked against.</summary>
    public SiteIndex Index => index;

    /// <summary>Class that switches checks off for one link: <c>[text](url){.nocheck}</c>.</summary>
    public const string OptOutClass = "nocheck";

    /// <summary>
    /// Step one, pure: what the site index answers for every link of <paramref name="guide"/> (and its thumbnail).
    /// Reads the tree's links and the index; changes nothing.
    /// </summary>
    public PageLinks Resolve(Guide guide)
    {
        var pageDir = UrlPaths.DirectoryOf(guide.Source.ContentRelativePath);
        LinkFact? thumbnailFact = null;
        if (guide.Meta.Thumbnail is { } thumbnail)
        {
            var q = new LinkQuestion(thumbnail, IsImage: true, HasRel: false, pageDir);
            thumbnailFact = new LinkFact(q, Resolve(guide.Source.ContentRelativePath, guide.Url, q));
        }
        var facts = new LinkFact[guide.Links.Count];
        var optOut = new bool[guide.Links.Count];
        for (var i = 0; i < guide.Links.Count; i++)
        {
            var link = guide.Links[i];
            var attributes = link.Node?.TryGetAttributes();
            optOut[i] = link.OptOut || attributes?.Classes?.Contains(OptOutClass) == true;
            // A link written in an included file is relative to that file, as DocFX reads it.
            var dir = Load.IncludeLines.IsIncluded(link.Line) ? guide.DirectoryOfLine(link.Line) : pageDir;
            var hasRel = link.HasRel || attributes?.Properties?.Any(p => p.Key == "rel") == true;
            var question = new LinkQuestion(link.Url, link.IsImage, hasRel, dir);
            facts[i] = new LinkFact(question, Resolve(guide.Source.ContentRelativePath, guide.Url, question));
        }
        return new PageLinks(thumbnailFact, facts, optOut);
    }

    /// <summary>
    /// Step two, shaping: puts each link's published URL (its answer's rewrite) into the tree, for Markdown links
    /// and URLs in raw HTML, and takes the opt-out class off the links that carry it.
    /// </summary>
    public static void Shape(Guide guide, PageLinks links)
    {
        List<(RawHtmlUrl, string)>? rawHtml = null;
        for (var i = 0; i < guide.Links.Count; i++)
        {
            var link = guide.Links[i];
            if (links.OptOut[i] && !link.OptOut)
            {
                link.Node?.GetAttributes().Classes!.Remove(OptOutClass);
                guide.Links[i] = link = link with { OptOut = true };
            }
            if (links.Facts[i].Answer.Rewrite is not { } rewritten) continue;
            if (link.Node is not null) link.Node.Url = rewritten;
            else if (link.Html is { } at)
            {
                var (_, query, fragment) = UrlPaths.Split(link.Url.Trim());
                (rawHtml ??= []).Add((at, RawHtmlUrl.Encode(rewritten, query.Length + (fragment is null ? 0 : fragment.Length + 1))));
            }
        }
        if (rawHtml is not null) RawHtmlUrl.WriteBack(rawHtml);
    }

    /// <summary>
    /// Step three, read only: reports what the answers of <see cref="Resolve(Guide)"/> found. With
    /// <paramref name="deferred"/>, a <c>#fragment</c> on another page is queued instead of checked (that page may
    /// not be analysed yet); <see cref="CheckDeferred"/> checks the queue once every page's ids are known.
    /// </summary>
    public void Check(Guide guide, PageLinks links, PageReporter report, ConcurrentQueue<DeferredFragment>? deferred = null)
    {
        if (links.Thumbnail is { } thumbnail)
        {
            // A local thumbnail is an asset like any image; reported at its front-matter key.
            var line = guide.Meta.KeyLines.GetValueOrDefault("thumbnail", 1);
            Report(guide, thumbnail, new LinkRef(thumbnail.Question.Url, IsImage: true, line, 1, "", FromHtml: false), report, null);
        }
        for (var i = 0; i < guide.Links.Count; i++)
        {
            var link = guide.Links[i];
            if (links.OptOut[i]) continue;   // an opted-out link is not reported (but a link to a guide still gets its clean URL)
            // A reference-style link is reported where it is used, and names the definition line, where its URL is fixed.
            var reporter = link.DefinitionLine > 0 && link.DefinitionLine != link.Line
                ? report.WithNote($" (its URL is set by [{link.DefinitionLabel}]: at line {link.DefinitionLine})")
                : report;
            Report(guide, links.Facts[i], link, reporter, deferred);
        }
    }

    private void Report(Guide guide, LinkFact fact, LinkRef link, PageReporter report, ConcurrentQueue<DeferredFragment>? deferred)
    {
        foreach (var f in fact.Answer.Findings) report.Report(Rules.Find(f.Rule)!, link.Line, link.Column, f.Message, f.Subject);
        if (fact.Answer is not { FragmentTarget: { } targetPath, Fragment: { } fragment }) return;
        var target = targetPath == guide.Source.ContentRelativePath ? guide : index.ByPath[targetPath];
        var bare = link with { Node = null, Html = null };   // no node: it would hold the whole tree
        if (deferred is not null && !ReferenceEquals(target, guide)) deferred.Enqueue(new DeferredFragment(guide, target, fragment, bare, report));
        else CheckFragment(guide, target, fragment, link, report);
    }

    /// <summary>
    /// What the site index says of one link on the page at <paramref name="pagePath"/> (published at
    /// <paramref name="pageUrl"/>): a pure function of the question, the page and the index, so an answer kept
    /// from an earlier build is still right exactly when asking again gives an equal one.
    /// </summary>
    public LinkAnswer Resolve(string pagePath, string pageUrl, LinkQuestion question)
    {
        var web = WebUrl.Read(question.Url);
        var url = web.Text;
        if (url.Length == 0) return LinkAnswer.Nothing;
        if (!web.IsRelative)
        {
            if (IsAdUrl(url) && !question.HasRel)
            {
                return LinkAnswer.Found(Rules.LinkAdHost, strip.Enabled
                    ? $"link to an ad or affiliate host survived stripping: {url}"
                    : $"link to an ad or affiliate host (stripping is off in site.yml): {url}");
            }
            return LinkAnswer.Nothing;
        }
        var (rawPath, query, fragment) = UrlPaths.Split(url);
        if (rawPath.Length == 0)
        {
            return fragment is null ? LinkAnswer.Nothing : new LinkAnswer(null, [], pagePath, fragment);
        }
        // Browsers read '\' in an http URL as '/'; a drive letter means a path on the author's computer.
        var backslash = rawPath.Contains('\\');
        var path = UrlPaths.Decode(rawPath).Replace('\\', '/');
        var rootedLink = path.StartsWith('/');
        string? target;
        if (rootedLink)
        {
            if (otherSites is not null && otherSites.Any(p => (path + "/").StartsWith(p, StringComparison.Ordinal))) return LinkAnswer.Nothing;
            if (basePath.Length > 1)
            {
                if (!(path + "/").StartsWith(basePath, StringComparison.Ordinal))
                {
                    return LinkAnswer.Found(Rules.LinkRoot,
                        $"'{url}' is outside this site's base path {basePath} (did you mean '{basePath.TrimEnd('/')}{path}'?)", "/" + FirstSegment(path.TrimStart('/')) + "/");
                }
                path = "/" + path[Math.Min(path.Length, basePath.Length)..];
            }
            target = UrlPaths.Combine("", path);
        }
        else
        {
            target = UrlPaths.Combine(question.Dir, path);
        }
        if (target is null)
        {
            return LinkAnswer.Found(Rules.LinkOutside, $"'{url}' leads outside the site's content folder");
        }
        var suffix = query + (fragment is null ? "" : "#" + fragment);

        // A guide, by its source path or by its clean URL.
        var page = FindPage(target, path.EndsWith('/'));
        if (page is not null)
        {
            return new LinkAnswer(UrlPaths.Relative(pageUrl, page.Url) + suffix, [], fragment is null ? null : page.Source.ContentRelativePath, fragment);
        }
        if (index.Redirects.Find(target) is { } redirect)
        {
            var found = new LinkFinding(Rules.LinkRedirected.Name,
                $"'{url}' is an earlier URL of {redirect.Target.Source.ContentRelativePath}, redirected to /{redirect.Target.Url}; link to the page itself", null);
            return new LinkAnswer(UrlPaths.Relative(pageUrl, redirect.Target.Url) + suffix, [found],
                fragment is null ? null : redirect.Target.Source.ContentRelativePath, fragment);
        }
        if (IncludeOnlyFile(target) is { } included)
        {
            return LinkAnswer.Found(Rules.LinkBroken, $"link to '{url}': {included} is an include file, not a page (link to a page that includes it)");
        }
        if (NamesPageIn(index.Unpublished, target))
        {
            // A draft has nothing else saying the link is dead; a page that failed has its own error.
            return NamesPageIn(index.Drafts, target)
                ? LinkAnswer.Found(Rules.LinkBroken, $"link to '{url}': that page is a draft, not published in this build (build with --drafts, or publish it), so the link would be dead")
                : LinkAnswer.Nothing;
        }
        if (index.Files.Contains(target))
        {
            return new LinkAnswer(UrlPaths.Relative(pageUrl, target) + suffix, [], null, null);
        }
        if (index.Directories.Contains(target) && !index.Generated.Contains(target))
        {
            // The folder has no index.md (FindPage would have found it): the published site has no page there.
            return LinkAnswer.Found(Rules.LinkFolder,
                $"link to the folder '{url}', which has no page: the published site serves no file there (link to a page or a file in it, or add {target}/index.md)");
        }
        if (index.Generated.Contains(target) || target.StartsWith("assets/", StringComparison.Ordinal))
        {
            // Home, listings, feeds and theme files: relative to the page's own URL, one folder deeper than its source.
            var folder = target.Length == 0 || path.EndsWith('/') || !Path.HasExtension(target);
            return new LinkAnswer(UrlPaths.Relative(pageUrl, target + (folder && target.Length > 0 ? "/" : "")) + suffix, [], null, null);
        }
        if (CaseMatch(target) is { } actual)
        {
            var suggestion = rootedLink ? basePath.TrimEnd('/') + "/" + actual : UrlPaths.Relative(question.Dir.Length == 0 ? "" : question.Dir + "/", actual);
            return LinkAnswer.Found(Rules.LinkCase, $"'{url}' differs from the real {(index.Files.Contains(actual) ? "file" : "page")} only in letter case (did you mean '{suggestion}'?)");
        }
        if (rootedLink && !index.TopLevel.Contains(FirstSegment(target)))
        {
            var segment = "/" + FirstSegment(target) + "/";
            return LinkAnswer.Found(Rules.LinkRoot,
                $"'{url}' is a site-root link, but this site has no '{segment}': it points at another site on the same host (if it does, list '{segment}' under links: other_sites: in site.yml)", segment);
        }
        var hint = Hint(target);
        if (hint.Length == 0 && backslash) hint = " (use '/' in links, not '\\')";
        if (hint.Length == 0 && path.Length > 1 && path[1] == ':') hint = " (this looks like a path on your computer)";
        var isAsset = question.IsImage || !target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && Path.HasExtension(target) && !path.EndsWith('/');
        return isAsset
            ? LinkAnswer.Found(Rules.LinkAsset, $"{(question.IsImage ? "image" : "file")} '{url}' does not exist{hint}")
            : LinkAnswer.Found(Rules.LinkBroken, $"link to '{url}': no such page or file{hint}");
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
