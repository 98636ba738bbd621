using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Css;
using AngleSharp.Css.Parser;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GuideBuilder.Strip;
using Ganss.Xss;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using GuideBuilder.Model;

namespace GuideBuilder.Render;

/// <summary>
/// Renders a guide's body and passes it through an allow-list HTML sanitizer (HtmlSanitizer), tuned
/// for guides: steps, keys, figures, tables, details, code and media from allowed hosts stay; scripts,
/// event handlers, <c>javascript:</c>/<c>vbscript:</c> and non-image <c>data:</c> URLs, styles that hide
/// content and iframes from other hosts go, each reported as <c>html.unsafe</c> at its source line, or,
/// when the strip rules call it an ad, as a removal in the strip report.
/// Markdig's own output is safe, so the sanitizer runs only on pages that hold raw HTML, generic
/// attributes or a link with an unusual scheme.
/// </summary>
public sealed partial class BodySanitizer
{
    private static readonly string[] Tags =
    [
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn",
        "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input",
        "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "samp", "section", "small", "span", "strong",
        "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
        "video", "audio", "source", "track", "iframe", "svg", "path",
    ];

    private static readonly string[] Attributes =
    [
        "id", "class", "style", "title", "alt", "src", "srcset", "sizes", "media", "href", "width", "height", "colspan", "rowspan",
        "start", "reversed", "type", "checked", "disabled", "rel", "loading", "decoding", "controls", "poster", "preload",
        "muted", "loop", "playsinline", "allowfullscreen", "allow", "lang", "dir", "datetime", "cite", "open", "align",
        "valign", "scope", "headers", "abbr", "aria-hidden", "aria-label", "aria-describedby", "role", "viewbox", "version",
        "d", "fill", "kind", "srclang", "label", "value",
    ];

    /// <summary>CSS that only shapes content; anything else (display, visibility, position, font-size…) can hide it.</summary>
    private static readonly string[] CssProperties =
    [
        "text-align", "vertical-align", "width", "max-width", "height", "color", "background-color", "font-weight",
        "font-style", "text-decoration", "white-space", "border", "border-collapse", "padding", "margin",
        "counter-reset",
    ];

    // Schemes that cannot run code. Docs and guides use more than the web ones: xref: (API cross-references),
    // ms-settings: (Windows settings pages), magnet:, ftp: and the like.
    private static readonly string[] SafeLinkSchemes =
        ["http", "https", "mailto", "tel", "sms", "ftp", "sftp", "ssh", "irc", "news", "xref", "magnet", "ms-settings", "ms-windows-store", "steam", "zoommtg", "msteams"];

    private static readonly HashSet<string> SafeProperties = new(StringComparer.OrdinalIgnoreCase) { "rel", "loading", "decoding" };

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp|avif);base64,[A-Za-z0-9+/=\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex DataImage();

    [GeneratedRegex(@"^<kbd>[^<>]*</kbd>$")]
    private static partial Regex KbdInline();

    /// <summary>Elements removed with their content: it is code or hidden text, never guide prose.</summary>
    private static readonly HashSet<string> DropsContent =
        ["script", "style", "noscript", "template", "object", "embed", "applet", "frame", "frameset", "title", "textarea", "xmp", "noembed", "noframes"];

    private static readonly HashSet<string> TagSet = new(Tags, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// True when the published page still has <paramref name="element"/> with its <c>id</c>: the sanitizer
    /// keeps the element (it unwraps <c>nav</c>, <c>aside</c>, <c>button</c>, … and drops their ids) and
    /// it is not inside an element removed with its content.
    /// </summary>
    public static bool KeepsId(IElement element)
    {
        if (!TagSet.Contains(element.LocalName)) return false;
        for (var p = element.ParentElement; p is not null; p = p.ParentElement)
        {
            if (DropsContent.Contains(p.LocalName)) return false;
        }
        return true;
    }

    private readonly HtmlSanitizerOptions _options;
    private readonly HashSet<string> _iframeHosts;
    private readonly HashSet<string> _mediaHosts;
    private readonly StripRules _strip;

    /// <param name="settings">site.yml <c>sanitize:</c>.</param>
    /// <param name="strip">The strip rules: what the sanitizer removes that they call an ad goes to the strip report.</param>
    public BodySanitizer(SanitizeSettings settings, StripRules? strip = null)
    {
        _strip = strip ?? StripRules.Default;
        _iframeHosts = new HashSet<string>(settings.IframeHosts, StringComparer.OrdinalIgnoreCase);
        _mediaHosts = new HashSet<string>(settings.MediaHosts, StringComparer.OrdinalIgnoreCase);
        _options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(CssProperties, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(SafeLinkSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href", "src", "poster", "cite", "action", "formaction", "background", "longdesc"], StringComparer.OrdinalIgnoreCase),
            UriListAttributes = new HashSet<string>(["srcset"], StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        };
    }

    /// <summary>
    /// The page body as safe HTML. Problems are reported through <paramref name="report"/>. With
    /// <paramref name="ids"/>, the ids of the body's elements are added to it in page order (see <see cref="PageIds"/>).
    /// </summary>
    public string Render(Guide guide, PageReporter report, List<string>? ids = null)
    {
        string html;
        var lines = Needs(guide) ? new BodyLineMap() : null;
        try
        {
            html = PageRenderer.RenderBody(guide, lines);
        }
        catch (ArgumentException e)
        {
            // Markdig's own depth check; DepthGuard should make this unreachable.
            report.Report(Rules.SourceUnreadable, 1, 1, $"the page cannot be rendered ({e.Message.TrimEnd('.')})");
            return "";
        }
        if (lines is not null) return Sanitize(guide, html, report, lines, ids);
        if (ids is not null) ids.AddRange(PageIds.FromTree(guide.Document!) ?? PageIds.Read(html));
        return html;
    }

    /// <summary>True when the page holds something Markdig passes through unchecked: raw HTML, generic attributes or an unusual URL scheme.</summary>
    public static bool Needs(Guide guide)
    {
        foreach (var link in guide.Links)
        {
            if (!IsPlainUrl(link.Url)) return true;
        }
        foreach (var node in MarkdownNodes.All(guide.Document!))
        {
            switch (node)
            {
                case HtmlBlock:
                case HtmlInline h when !KbdInline().IsMatch(h.Tag):
                case AutolinkInline a when !a.IsEmail && !IsPlainUrl(a.Url):
                case LinkInline l when !IsPlainUrl(l.Url):
                    return true;
            }
            if (node.TryGetAttributes()?.Properties is { } props && props.Any(p => !SafeProperties.Contains(p.Key))) return true;
        }
        return false;
    }

    private static bool IsPlainUrl(string? url)
    {
        if (string.IsNullOrEmpty(url)) return true;
        foreach (var c in url)
        {
            // Browsers drop tabs and newlines inside URLs: "java&#9;script:" must not look plain.
            if (char.IsControl(c) || char.IsWhiteSpace(c)) return false;
        }
        var web = WebUrl.Read(url);
        return web.IsRelative || SafeLinkSchemes.Contains(web.Scheme!);
    }

    /// <summary>
    /// Sanitizes <paramref name="html"/>, reporting each removal at its source line: the sanitizer reads the
    /// page with the parser's positions, and <paramref name="lines"/> (recorded while the page was rendered)
    /// turns a position into the line of the guide. What it removes for an ad reason (an element loading from
    /// an ad host, an ad selector's match, an inline ad script) is a strip removal of the page, in the strip
    /// report, not an <c>html.unsafe</c> warning. With <paramref name="ids"/>, adds the ids of the elements
    /// that stay, read from the sanitizer's own parse.
    /// </summary>
    public string Sanitize(Guide guide, string html, PageReporter report, BodyLineMap? lines = null, List<string>? ids = null)
    {
        var document = Parser.ParseDocument(Prefix + html);
        var seen = new HashSet<(int, string)>();
        var ads = new HashSet<IElement>();

        int LineOf(IElement element, string? attribute = null)
        {
            var offset = OffsetOf(element);
            if (offset < 0 || lines is null) return guide.Lines.ToSource(0);
            if (attribute is not null && HtmlFragment.ValueSpan(html, offset, attribute) is { } span) offset = span.NameStart;
            var line = lines.LineAt(html, offset);
            return guide.Lines.ToSource(Math.Max(line, 0));
        }

        void Report(IElement element, string? attribute, string message)
        {
            var line = LineOf(element, attribute);
            if (seen.Add((line, message))) report.Report(Rules.HtmlUnsafe, line, 1, message);
        }

        // An ad the strip stage did not see (stripping off, or a shape only the sanitizer removes): a strip removal.
        // textGoes: the element's reader-visible text goes with it (the strip report says so).
        bool Ad(IElement element, bool textGoes)
        {
            if (ads.Contains(element)) return true;
            if (AdReason(element) is not { } rule) return false;
            ads.Add(element);
            var line = LineOf(element);
            var text = textGoes && !DropsContent.Contains(element.LocalName) && element.LocalName != "iframe" ? element.TextContent : null;
            guide.Removals.Add(new Removal(rule, line, line, Removal.Shorten(element.OuterHtml)).WithText(text));
            return true;
        }

        var sanitizer = new HtmlSanitizer(_options) { KeepChildNodes = true };
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is null && e.Tag.LocalName == "img" && DataImage().IsMatch(e.OriginalUrl)) e.SanitizedUrl = e.OriginalUrl;
            // The sanitizer's own reading of a URL is System.Uri's; a browser's is WebUrl's. A URL either finds unsafe goes.
            else if (e.SanitizedUrl is not null && WebUrl.Read(e.OriginalUrl) is { IsRelative: false } web && !SafeLinkSchemes.Contains(web.Scheme!)) e.SanitizedUrl = null;
        };
        sanitizer.RemovingTag += (_, e) =>
        {
            var name = e.Tag.LocalName;
            // An ad's own words go with it only when it holds no text a reader sees; else they stay, as for any unwrapped tag.
            var ad = Ad(e.Tag, textGoes: false);
            if (DropsContent.Contains(name) || ad && !HasReaderText(e.Tag))
            {
                // Their content is code or hidden text, never guide prose: drop it with the tag.
                e.Tag.InnerHtml = "";
            }
            if (!ad) Report(e.Tag, null, $"removed <{name}> element (not allowed in guide content)");
        };
        sanitizer.RemovingAttribute += (_, e) =>
        {
            var tag = e.Tag.LocalName;
            var attr = e.Attribute.Name;
            var value = e.Attribute.Value;
            if (e.Reason == RemoveReason.NotAllowedUrlValue)
            {
                Report(e.Tag, attr, $"removed unsafe URL '{Short(value)}' from <{tag} {attr}>");
            }
            else if (attr == "name" && tag == "a" && e.Tag.Id == value)
            {
                // A named anchor lives on as the element's id (NamedAnchorsAsIds): links to it keep working.
            }
            else if (attr == "style")
            {
                // Reported property by property in RemovingStyle.
            }
            else
            {
                Report(e.Tag, attr, $"removed attribute '{attr}' from <{tag}>");
            }
        };
        sanitizer.RemovingStyle += (_, e) =>
        {
            var prop = e.Style.Name;
            Report(e.Tag, "style", $"removed style '{prop}: {Short(e.Style.Value)}' from <{e.Tag.LocalName}> (it can hide or restyle content)");
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not IElement el) return;
            switch (el.LocalName)
            {
                case "iframe":
                    if (!IsAllowedHost(el.GetAttribute("src"), _iframeHosts, allowLocal: false))
                    {
                        if (!Ad(el, textGoes: true)) Report(el, "src", $"removed <iframe> from '{Short(el.GetAttribute("src") ?? "")}' (add its host to sanitize.iframe_hosts in site.yml to allow it)");
                        el.Remove();
                        return;
                    }
                    el.SetAttribute("loading", "lazy");
                    el.SetAttribute("referrerpolicy", "strict-origin-when-cross-origin");
                    break;
                case "video" or "audio" or "source" or "track":
                    foreach (var attr in new[] { "src", "poster" })
                    {
                        if (el.GetAttribute(attr) is { } url && !IsAllowedHost(url, _mediaHosts, allowLocal: true))
                        {
                            if (!(_strip.IsAdUrl(url) && Ad(el, textGoes: false))) Report(el, attr, $"removed {attr} '{Short(url)}' from <{el.LocalName}> (add its host to sanitize.media_hosts in site.yml to allow it)");
                            el.RemoveAttribute(attr);
                        }
                    }
                    if (el.LocalName is "video" or "audio") el.SetAttribute("controls", "");
                    break;
                case "input" when !string.Equals(el.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase):
                    Report(el, null, "removed <input> (only task-list checkboxes are allowed)");
                    el.Remove();
                    break;
                case "input":
                    el.SetAttribute("disabled", "");
                    break;
            }
        };
        // As HtmlSanitizer.Sanitize does (parse, sanitize, write the body's children), on a parse that keeps
        // positions; the ids are read from the sanitized document rather than from the written text.
        using (document)
        {
            if (document.Body is not { } body) return "";
            NamedAnchorsAsIds(body);
            sanitizer.SanitizeDom(document, body);
            if (ids is not null) PageIds.FromDom(body, ids);
            return body.ChildNodes.ToHtml(sanitizer.OutputFormatter);
        }
    }

    /// <summary>
    /// <c>&lt;a name="x"&gt;</c>, the old way to mark a link target, becomes <c>&lt;a id="x"&gt;</c>: browsers
    /// land on either, and the sanitizer keeps ids but not names. An anchor that has an id keeps it.
    /// </summary>
    private static void NamedAnchorsAsIds(IElement body)
    {
        foreach (var a in body.QuerySelectorAll("a[name]"))
        {
            if (string.IsNullOrEmpty(a.Id) && a.GetAttribute("name") is { Length: > 0 } name) a.Id = name;
        }
    }

    /// <summary>The text the page wraps the rendered body in before parsing it, as the sanitizer's own reading does.</summary>
    private const string Prefix = "<!doctype html><html><body>";

    /// <summary>A parser that keeps each element's position, with the CSS support the sanitizer needs for style attributes.</summary>
    private static HtmlParser Parser => _parser ??= new HtmlParser(
        new HtmlParserOptions { IsKeepingSourceReferences = true },
        BrowsingContext.New(Configuration.Default.WithCss(new CssParserOptions
        {
            IsIncludingUnknownDeclarations = true,
            IsIncludingUnknownRules = true,
            IsToleratingInvalidSelectors = true,
        })));

    [ThreadStatic] private static HtmlParser? _parser;

    /// <summary>Index in the rendered body of the '&lt;' that opens <paramref name="element"/> (or of its nearest ancestor the parser did not make up); -1 when none.</summary>
    private static int OffsetOf(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.SourceReference is { } s && s.Position.Position - 1 - Prefix.Length is var offset and >= 0) return offset;
        }
        return -1;
    }

    /// <summary>The strip rule an element the sanitizer removes is an ad by, or null: an ad URL in any attribute, an ad selector, an inline ad script.</summary>
    private string? AdReason(IElement element)
    {
        foreach (var attr in element.Attributes)
        {
            var value = attr.Value;
            if (attr.Name.EndsWith("srcset", StringComparison.OrdinalIgnoreCase))
            {
                if (HtmlFragment.SrcsetUrls(value).Any(u => _strip.IsAdUrl(u.Url))) return "ad-host";
            }
            else if (value.Length > 0 && _strip.IsAdUrl(value.Trim()))
            {
                return "ad-host";
            }
        }
        foreach (var selector in _strip.Selectors)
        {
            try
            {
                if (element.Matches(selector)) return "selector:" + selector;
            }
            catch (DomException)
            {
                // a site selector the parser cannot read matches nothing
            }
        }
        if (element.LocalName == "script" && _strip.IsAdScript(element.TextContent)) return "ad-script";
        return null;
    }

    private static bool HasReaderText(IElement e) => e.TextContent.AsSpan().Trim().Length > 0;


    private static bool IsAllowedHost(string? url, HashSet<string> hosts, bool allowLocal)
    {
        if (string.IsNullOrWhiteSpace(url)) return allowLocal;
        var web = WebUrl.Read(url);
        if (web.IsRelative) return allowLocal;
        return web.Scheme == "https" && hosts.Contains(web.Host);
    }

    private static string Short(string s) => s.Length > 60 ? s[..57] + "…" : s;
}
