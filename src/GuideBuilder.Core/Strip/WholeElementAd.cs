using System.Text.RegularExpressions;

namespace GuideBuilder.Strip;

/// <summary>
/// Fast path for the commonest raw-HTML ad block: one empty element that a class selector of the
/// rule set matches as a whole (an AdSense <c>&lt;ins class="adsbygoogle" …&gt;&lt;/ins&gt;</c>).
/// It answers exactly what <see cref="HtmlAdCleaner"/> would (the block goes, under the first
/// matching selector's rule) without building a DOM; anything else returns null and takes the
/// full path.
/// </summary>
public static partial class WholeElementAd
{
    [GeneratedRegex(@"^\s*<(?<tag>[A-Za-z][A-Za-z0-9-]*)(?<attrs>(?:\s+[^\s""'>/=]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'=<>`]+))?)*)\s*/?>\s*</\k<tag>\s*>\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Element();

    [GeneratedRegex(@"^\s*<(?<tag>[A-Za-z][A-Za-z0-9-]*)(?<attrs>(?:\s+[^\s""'>/=]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s""'=<>`]+))?)*)\s*/?>\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OpenTag();

    [GeneratedRegex(@"\s+(?<name>[^\s""'>/=]+)(?:\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)'|(?<v>[^\s""'=<>`]+)))?", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"^(?<tag>[a-z][a-z0-9-]*)?(?:\.(?<cls>[A-Za-z_][A-Za-z0-9_-]*))+$", RegexOptions.CultureInvariant)]
    private static partial Regex ClassSelector();

    /// <summary>The removal rule (<c>selector:…</c>) when <paramref name="html"/> is one empty element a class selector removes whole; else null.</summary>
    public static string? Match(string html, StripRules rules)
    {
        if (rules.Selectors.Count == 0 || html.Length > 4096) return null;
        var m = Element().Match(html);
        return m.Success ? RuleFor(m.Groups["tag"].Value.ToLowerInvariant(), m.Groups["attrs"].Value, rules) : null;
    }

    /// <summary>
    /// For an inline open tag (<c>&lt;ins class="adsbygoogle" …&gt;</c> inside a paragraph): the element's
    /// name and removal rule when a class selector removes the element whole. Links and void elements
    /// are left to the full path.
    /// </summary>
    public static (string Name, string Rule)? MatchOpenTag(string tag, StripRules rules)
    {
        if (rules.Selectors.Count == 0 || tag.Length > 4096) return null;
        var m = OpenTag().Match(tag);
        if (!m.Success) return null;
        var name = m.Groups["tag"].Value.ToLowerInvariant();
        if (name is "a" or "img" or "br" or "hr" or "source" or "embed" or "wbr" or "input" or "track" or "area" or "base" or "col" or "link" or "meta" or "param") return null;
        return RuleFor(name, m.Groups["attrs"].Value, rules) is { } rule ? (name, rule) : null;
    }

    private static string? RuleFor(string tag, string attrs, StripRules rules)
    {
        string? classes = null;
        foreach (Match a in Attribute().Matches(attrs))
        {
            if (!a.Groups["name"].Value.Equals("class", StringComparison.OrdinalIgnoreCase)) continue;
            classes = a.Groups["v"].Value;
            break;   // the HTML parser keeps the first of duplicate attributes
        }
        if (classes is null || classes.Contains('&')) return null;
        var have = classes.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var selector in rules.Selectors)
        {
            var s = ClassSelector().Match(selector);
            if (!s.Success) return null;   // a selector this path cannot judge comes first: let the DOM decide
            if (s.Groups["tag"].Success && s.Groups["tag"].Value != tag) continue;
            if (s.Groups["cls"].Captures.All(c => have.Contains(c.Value, StringComparer.Ordinal))) return "selector:" + selector;
        }
        return null;
    }
}
