using System.Reflection;
using GuideBuilder.Load;
using GuideBuilder.Model;
using YamlDotNet.RepresentationModel;

namespace GuideBuilder.Strip;

/// <summary>
/// The strip rule set: the embedded defaults (<c>Strip/default-rules.yml</c>) merged with a site's
/// <c>strip:</c> settings. Immutable once built; shared by every page.
/// </summary>
public sealed class StripRules
{
    private StripRules(
        IReadOnlyList<MarkerPair> markers,
        IReadOnlyList<HostRule> hosts,
        IReadOnlyList<HostRule> redirects,
        IReadOnlyList<string> selectors,
        IReadOnlyList<string> linkFarmLabels,
        IReadOnlyList<string[]> disclaimers,
        ISet<string> disabled,
        AffiliateLinkMode affiliateLinks,
        bool enabled)
    {
        Markers = markers;
        Hosts = hosts;
        Redirects = redirects;
        Selectors = selectors;
        LinkFarmLabels = linkFarmLabels;
        Disclaimers = disclaimers;
        Disabled = disabled;
        AffiliateLinks = affiliateLinks;
        Enabled = enabled;
        HtmlTriggers = BuildTriggers();
    }

    /// <summary>The shortcode mapping: a site's entries first, then the defaults; the first that matches a name wins.</summary>
    public IReadOnlyList<ShortcodeRule> Shortcodes { get; private init; } = [];

    /// <summary>Hosts an iframe may load from (site.yml <c>sanitize: iframe_hosts</c>): a video shortcode is embedded only from one of them.</summary>
    public IReadOnlyList<string> EmbedHosts { get; private init; } = [];

    /// <summary>The action for a shortcode named <paramref name="name"/>, or null when the mapping does not name it.</summary>
    public ShortcodeAction? ShortcodeActionFor(string name)
    {
        foreach (var rule in Shortcodes)
        {
            if (rule.Matches(name)) return rule.Action;
        }
        return null;
    }

    /// <summary>Selectors a site added in site.yml: what they match is not a recognised ad structure, so the content guard watches it.</summary>
    public ISet<string> SiteSelectors { get; private init; } = new HashSet<string>();

    /// <summary>
    /// Substrings whose presence in raw HTML means the HTML cleaner must look at it. Every rule but a
    /// bare-tag selector or a link-farm label needs an attribute (a URL, a class, a size, a style), so
    /// an '=' is the clue: a fragment without one (<c>&lt;br&gt;</c>, <c>&lt;/div&gt;</c>, <c>&lt;details&gt;</c>)
    /// skips the parse. Nothing about the attribute is guessed from its text: the parser reads it.
    /// </summary>
    public IReadOnlyList<string> HtmlTriggers { get; }

    private List<string> BuildTriggers()
    {
        var t = new List<string> { "=" };
        foreach (var s in Selectors)
        {
            // a bare tag name in a selector matches an element with no attributes at all
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(s, @"(?:^|[\s>+~])([A-Za-z][\w-]*)"))
            {
                t.Add("<" + m.Groups[1].Value);
            }
        }
        t.AddRange(LinkFarmLabels);
        return t.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public IReadOnlyList<MarkerPair> Markers { get; }
    public IReadOnlyList<HostRule> Hosts { get; }
    /// <summary>Link-cloaking redirectors: every link through one is rewritten to a vendor page whatever its text says, so the link is dropped and its text kept.</summary>
    public IReadOnlyList<HostRule> Redirects { get; }
    public IReadOnlyList<string> Selectors { get; }
    public IReadOnlyList<string> LinkFarmLabels { get; }
    public IReadOnlyList<string[]> Disclaimers { get; }
    /// <summary>Built-in behaviours switched off by name: tracking-pixel, video-ad, javascript-link, disclaimer, link-farm, iframe-in-region.</summary>
    public ISet<string> Disabled { get; }
    public AffiliateLinkMode AffiliateLinks { get; }
    public bool Enabled { get; }

    public bool IsOn(string behaviour) => Enabled && !Disabled.Contains(behaviour);

    /// <summary>True when <paramref name="url"/> (absolute or protocol-relative) points at an ad or affiliate host.</summary>
    /// <remarks>A link wrapper that carries an ad URL in its query (<c>?url=https%3A%2F%2Fx.7eer.net%2Fc%2F…</c>) is an ad URL too.</remarks>
    public bool IsAdUrl(string? url) => Matches(url, Hosts, wrapped: true);

    /// <summary>Words that mark an inline script as an ad loader (<c>script_hints:</c>), compared case-insensitively.</summary>
    public IReadOnlyList<string> ScriptHints { get; private init; } = [];

    /// <summary>True when the text of an inline script holds one of <see cref="ScriptHints"/>.</summary>
    public bool IsAdScript(string script)
    {
        foreach (var hint in ScriptHints)
        {
            if (script.Contains(hint, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    /// <summary>True when <paramref name="url"/> goes through a link-cloaking redirector (<c>redirects:</c>).</summary>
    public bool IsRedirectUrl(string? url) => Matches(url, Redirects, wrapped: false);

    private static bool Matches(string? url, IReadOnlyList<HostRule> rules, bool wrapped)
    {
        if (rules.Count == 0 || string.IsNullOrWhiteSpace(url)) return false;
        var web = WebUrl.Read(url);
        if (!web.IsWeb || web.Host.Length == 0) return false;
        foreach (var h in rules)
        {
            if (h.Matches(web)) return true;
        }
        if (!wrapped || web.Query.Length == 0) return false;
        foreach (var part in web.Query.Split('&'))
        {
            var eq = part.IndexOf('=');
            if (eq < 0) continue;
            var value = Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' ')).Trim();
            if (value.StartsWith("http", StringComparison.OrdinalIgnoreCase) || value.StartsWith("//", StringComparison.Ordinal))
            {
                if (Matches(value, rules, wrapped: false)) return true;
            }
        }
        return false;
    }

    /// <summary>The built-in rules only.</summary>
    public static StripRules Default { get; } = Create(new StripSettings());

    /// <summary>Defaults plus a site's additions, less what it switched off.</summary>
    /// <param name="site">The site's <c>strip:</c> settings.</param>
    /// <param name="embedHosts">The hosts iframes may load from (<c>sanitize: iframe_hosts</c>).</param>
    public static StripRules Create(StripSettings site, IReadOnlyList<string>? embedHosts = null)
    {
        var doc = LoadDefaults();
        var disabled = new HashSet<string>(site.Disable, StringComparer.OrdinalIgnoreCase);
        var markers = doc.Markers.Concat(site.Markers)
            .Where(m => !disabled.Contains(m.Begin))
            .Select(m => new MarkerPair(Normalize(m.Begin), Normalize(m.End)))
            .DistinctBy(m => (m.Begin, m.End))
            .ToList();
        var hosts = doc.Hosts.Concat(site.Hosts).Where(h => !disabled.Contains(h)).Distinct().Select(h => new HostRule(h)).ToList();
        var redirects = doc.Redirects.Concat(site.Redirects).Where(h => !disabled.Contains(h)).Distinct().Select(h => new HostRule(h)).ToList();
        var selectors = doc.Selectors.Concat(site.Selectors).Where(s => !disabled.Contains(s)).Distinct().ToList();
        return new StripRules(markers, hosts, redirects, selectors, doc.LinkFarmLabels, doc.Disclaimers, disabled, site.AffiliateLinks, site.Enabled)
        {
            SiteSelectors = site.Selectors.Except(doc.Selectors).ToHashSet(StringComparer.Ordinal),
            Shortcodes = site.Shortcodes.Concat(doc.Shortcodes).ToList(),
            EmbedHosts = embedHosts ?? [],
            ScriptHints = doc.ScriptHints.Where(h => !disabled.Contains(h)).ToList(),
        };
    }

    /// <summary>Lower-case with runs of whitespace collapsed to one space, as marker texts are compared.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private sealed record DefaultsDoc(
        List<MarkerPair> Markers, List<string> Hosts, List<string> Redirects, List<string> Selectors, List<string> LinkFarmLabels, List<string[]> Disclaimers,
        List<ShortcodeRule> Shortcodes, List<string> ScriptHints);

    private static DefaultsDoc LoadDefaults()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("strip/default-rules.yml")
            ?? throw new InvalidOperationException("embedded strip rules are missing from the build");
        var yaml = new YamlStream();
        yaml.Load(new StreamReader(stream));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        List<string> Strings(string key) => ((YamlSequenceNode)root[key]).Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
        var markers = ((YamlSequenceNode)root["markers"]).Children.Cast<YamlMappingNode>()
            .Select(m => new MarkerPair(((YamlScalarNode)m["begin"]).Value!, ((YamlScalarNode)m["end"]).Value!)).ToList();
        var disclaimers = ((YamlSequenceNode)root["disclaimers"]).Children.Cast<YamlSequenceNode>()
            .Select(s => s.Children.Select(n => ((YamlScalarNode)n).Value!.ToLowerInvariant()).ToArray()).ToList();
        var shortcodes = ((YamlMappingNode)root["shortcodes"]).Children
            .Select(kv => new ShortcodeRule(((YamlScalarNode)kv.Key).Value!, ShortcodeRule.ActionNamed(((YamlScalarNode)kv.Value).Value!)
                ?? throw new InvalidOperationException($"embedded shortcode action '{kv.Value}' is unknown"))).ToList();
        return new DefaultsDoc(markers, Strings("hosts"), Strings("redirects"), Strings("selectors"), Strings("link_farm_labels").Select(s => s.ToLowerInvariant()).ToList(), disclaimers, shortcodes,
            Strings("script_hints"));
    }
}
