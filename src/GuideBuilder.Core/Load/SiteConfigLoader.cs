using GuideBuilder.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GuideBuilder.Load;

/// <summary>Finds and reads site.yml. Unknown keys become diagnostics with line and column.</summary>
public static class SiteConfigLoader
{
    internal static readonly string[] TopKeys =
        ["title", "base_url", "description", "language", "author", "content", "templates", "output", "cache", "rules", "strip", "external", "sanitize", "links", "exclude"];
    internal static readonly string[] StripKeys = ["enabled", "affiliate_links", "hosts", "redirects", "selectors", "markers", "disable", "shortcodes"];
    internal static readonly string[] SanitizeKeys = ["iframe_hosts", "media_hosts"];
    internal static readonly string[] LinksKeys = ["other_sites"];
    internal static readonly string[] ExternalKeys = ["enabled", "timeout_seconds", "cache_hours", "per_host", "max_seconds", "max_requests", "exclude", "spacing_ms"];

    /// <summary>site.yml from <paramref name="explicitPath"/>, else ./site.yml, else the nearest in a parent folder.</summary>
    public static string Locate(string? explicitPath, string workingDir)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, workingDir);
            if (Directory.Exists(full)) full = Path.Combine(full, "site.yml");
            if (!File.Exists(full)) throw new ConfigException($"{explicitPath}: no such configuration file");
            return full;
        }
        for (var dir = new DirectoryInfo(workingDir); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "site.yml");
            if (File.Exists(candidate)) return candidate;
        }
        throw new ConfigException("no site.yml in this folder or any parent folder (run 'guidebuilder init' to make one, or pass --config FILE)");
    }

    /// <summary>Reads the config at <paramref name="path"/>; problems that stop the build throw <see cref="ConfigException"/>.</summary>
    public static SiteConfig Load(string path, DiagnosticBag? warnings = null)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: cannot read: {e.Message}");
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ConfigException($"{Path.GetFileName(path)}:1:1: error GB0001: the file is not valid UTF-8 text; save it as UTF-8 [config.invalid]");
        }
        var siteDir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var file = Path.GetFileName(path);
        var config = SiteConfig.Default(siteDir) with { ConfigFile = file };
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var (line, column) = YamlHint.Position(text, e);
            throw new ConfigException($"{file}:{line}:{column}: error GB0001: {FrontMatter.CleanYamlMessage(e, text)} [config.invalid]");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            throw new ConfigException($"{file}:1:1: error GB0001: invalid YAML: it cannot be parsed (look for an unclosed '[', '{{' or quote) [config.invalid]");
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            ReportMissingBaseUrl(config, warnings);
            return config;
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Error(file, stream.Documents[0].RootNode, "site.yml must be a mapping of keys to values");
        }
        // Every key is read even after one fails, so the author sees all of site.yml's problems (and
        // its unknown-key warnings) in one run, not one per run.
        var seen = new DiagnosticBag();
        var reader = new Reader(file, seen);
        var errors = new List<(long Line, long Column, string Text)>();
        foreach (var (keyNode, value) in root.Children)
        {
            try
            {
                config = ReadKey(config, reader, file, siteDir, keyNode, value);
            }
            catch (ConfigException e)
            {
                errors.Add((e.Line, e.Column, e.Message));
            }
        }
        if (errors.Count > 0)
        {
            var lines = errors.Concat(seen.Sorted().Select(d => ((long)d.Location.Line, (long)d.Location.Column, ReportFormatter.Line(d))))
                .OrderBy(x => x.Item1).ThenBy(x => x.Item2).Select(x => x.Item3);
            throw new ConfigException(string.Join(Environment.NewLine, lines));
        }
        foreach (var d in seen.Sorted()) warnings?.Report(Diagnostics.Rules.ConfigUnknownKey, d.Location, d.Message);
        ReportMissingBaseUrl(config, warnings);
        return config;
    }

    /// <summary>
    /// The problem with <paramref name="config"/>'s base_url, or null when it has one: without it the sitemap,
    /// the feed and every canonical link would hold bare paths. A warning for check and serve; build refuses.
    /// </summary>
    public static Diagnostic? MissingBaseUrl(SiteConfig config, bool build = false) => config.BaseUrlAt is not null ? null :
        new Diagnostic(Diagnostics.Rules.ConfigBaseUrl.Code, Diagnostics.Rules.ConfigBaseUrl.Name, build ? Severity.Error : Diagnostics.Rules.ConfigBaseUrl.DefaultSeverity,
            $"site.yml has no base_url: the sitemap, the feed and canonical links need the address the site is published at{(build ? ", so build stops here" : "")} (add a line such as base_url: https://guides.example.org/)",
            new SourceLocation(config.ConfigFile, 1, 1));

    private static void ReportMissingBaseUrl(SiteConfig config, DiagnosticBag? warnings)
    {
        if (MissingBaseUrl(config) is { } d) warnings?.Report(Diagnostics.Rules.ConfigBaseUrl, d.Location, d.Message);
    }

    private static SiteConfig ReadKey(SiteConfig config, Reader reader, string file, string siteDir, YamlNode keyNode, YamlNode value)
    {
        var key = keyNode is YamlScalarNode k ? k.Value ?? "" : throw Error(file, keyNode, "a key must be text, not a list or mapping");
        switch (key)
        {
            case "title": config = config with { Title = reader.String(value) }; break;
            case "base_url":
                var baseUrl = reader.String(value).Trim();
                config = baseUrl.Length == 0 ? config : config with { BaseUrl = NormalizeBaseUrl(baseUrl), BaseUrlAt = new SourceLocation(file, (int)keyNode.Start.Line, (int)keyNode.Start.Column) };
                break;
            case "description": config = config with { Description = reader.String(value) }; break;
            case "language":
                var tag = reader.String(value);
                config = config with { Language = LanguageTag.Normalize(tag) ?? throw Error(file, value, LanguageTag.Problem("language", tag)) };
                break;
            case "author":
                config = config with { Authors = value is YamlScalarNode one ? [.. new[] { reader.String(one).Trim() }.Where(a => a.Length > 0)] : reader.List(value) };
                break;
            case "content": config = config with { ContentDir = Path.GetFullPath(reader.String(value), siteDir) }; break;
            case "templates": config = config with { TemplatesDir = Path.GetFullPath(reader.String(value), siteDir) }; break;
            case "output": config = config with { OutputDir = Path.GetFullPath(reader.String(value), siteDir) }; break;
            case "cache": config = config with { CacheDir = Path.GetFullPath(reader.String(value), siteDir) }; break;
            case "rules": config = config with { Rules = reader.Rules(value) }; break;
            case "strip": config = config with { Strip = reader.Strip(value) }; break;
            case "external": config = config with { External = reader.External(value) }; break;
            case "sanitize": config = config with { Sanitize = reader.Sanitize(value) }; break;
            case "links": config = config with { Links = reader.Links(value) }; break;
            case "exclude": config = config with { Exclude = reader.Globs(value) }; break;
            default: reader.Unknown(keyNode, key, TopKeys, ""); break;
        }
        return config;
    }

    private static string NormalizeBaseUrl(string url) => url.EndsWith('/') ? url : url + "/";

    private static ConfigException Error(string file, YamlNode node, string message) =>
        new($"{file}:{node.Start.Line}:{node.Start.Column}: error GB0001: {message} [config.invalid]") { Line = node.Start.Line, Column = node.Start.Column };

    private sealed class Reader(string file, DiagnosticBag? warnings)
    {
        public void Unknown(YamlNode keyNode, string key, string[] known, string prefix)
        {
            warnings?.Report(Diagnostics.Rules.ConfigUnknownKey, new SourceLocation(file, (int)keyNode.Start.Line, (int)keyNode.Start.Column),
                $"unknown key '{prefix}{key}'{Suggest.Hint(key, known)}");
        }

        public string String(YamlNode node) => node is YamlScalarNode s
            ? s.Value ?? ""
            : throw Error(file, node, "expected a text value");

        public bool Bool(YamlNode node) => String(node).ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            var v => throw Error(file, node, $"expected true or false, not '{v}'"),
        };

        public int Int(YamlNode node) => int.TryParse(String(node), out var i) && i >= 0
            ? i
            : throw Error(file, node, $"expected a whole number, not '{String(node)}'");

        public IReadOnlyList<string> List(YamlNode node) => node switch
        {
            YamlSequenceNode seq => seq.Children.Select(String).ToList(),
            YamlScalarNode s when string.IsNullOrEmpty(s.Value) => [],
            _ => throw Error(file, node, "expected a list"),
        };

        public YamlMappingNode Map(YamlNode node) => node as YamlMappingNode
            ?? throw Error(file, node, "expected a mapping of keys to values");

        public IReadOnlyDictionary<string, Severity> Rules(YamlNode node)
        {
            var result = new Dictionary<string, Severity>(StringComparer.Ordinal);
            foreach (var (k, v) in Map(node).Children)
            {
                var name = String(k);
                if (Diagnostics.Rules.Find(name) is not { } rule)
                {
                    throw Error(file, k, $"unknown rule '{name}'{Suggest.Hint(name, Diagnostics.Rules.All.Select(r => r.Name))}");
                }
                if (rule.Kind == RuleKind.Environment)
                {
                    throw Error(file, k, $"rule '{name}' reports a fault of the machine (disk, permissions), not of the site; its severity cannot be changed");
                }
                var text = String(v);
                result[name] = SeverityNames.Parse(text) ?? throw Error(file, v, $"severity must be off, info, warning or error, not '{text}'");
            }
            return result;
        }

        public StripSettings Strip(YamlNode node)
        {
            var s = new StripSettings();
            foreach (var (k, v) in Map(node).Children)
            {
                var key = String(k);
                s = key switch
                {
                    "enabled" => s with { Enabled = Bool(v) },
                    "affiliate_links" => s with
                    {
                        AffiliateLinks = String(v).ToLowerInvariant() switch
                        {
                            "mark" => AffiliateLinkMode.Mark,
                            "unwrap" => AffiliateLinkMode.Unwrap,
                            "remove" => AffiliateLinkMode.Remove,
                            var other => throw Error(file, v, $"affiliate_links must be mark, unwrap or remove, not '{other}'"),
                        },
                    },
                    "hosts" => s with { Hosts = List(v) },
                    "redirects" => s with { Redirects = List(v) },
                    "selectors" => s with { Selectors = List(v) },
                    "disable" => s with { Disable = List(v) },
                    "markers" => s with { Markers = Markers(v) },
                    "shortcodes" => s with { Shortcodes = Shortcodes(v) },
                    _ => Skip(k, key, StripKeys, "strip.", s),
                };
            }
            return s;
        }

        /// <summary><c>strip: shortcodes:</c> — a mapping of name patterns to actions, in order.</summary>
        private IReadOnlyList<ShortcodeRule> Shortcodes(YamlNode node)
        {
            var list = new List<ShortcodeRule>();
            foreach (var (k, v) in Map(node).Children)
            {
                var action = String(v);
                list.Add(new ShortcodeRule(String(k), ShortcodeRule.ActionNamed(action)
                    ?? throw Error(file, v, $"a shortcode's action must be {ShortcodeRule.ActionNames}, not '{action}'")));
            }
            return list;
        }

        private IReadOnlyList<MarkerPair> Markers(YamlNode node)
        {
            if (node is not YamlSequenceNode seq) throw Error(file, node, "expected a list of {begin, end} pairs");
            var list = new List<MarkerPair>();
            foreach (var item in seq.Children)
            {
                var map = Map(item);
                string? begin = null, end = null;
                foreach (var (k, v) in map.Children)
                {
                    switch (String(k))
                    {
                        case "begin": begin = String(v); break;
                        case "end": end = String(v); break;
                        default: throw Error(file, k, "a marker pair has only 'begin' and 'end'");
                    }
                }
                if (begin is null || end is null) throw Error(file, item, "a marker pair needs both 'begin' and 'end'");
                list.Add(new MarkerPair(begin, end));
            }
            return list;
        }

        public ExternalSettings External(YamlNode node)
        {
            var s = new ExternalSettings();
            foreach (var (k, v) in Map(node).Children)
            {
                var key = String(k);
                s = key switch
                {
                    "enabled" => s with { Enabled = Bool(v) },
                    "timeout_seconds" => s with { TimeoutSeconds = Int(v) },
                    "cache_hours" => s with { CacheHours = Int(v) },
                    "per_host" => s with { PerHost = Math.Max(1, Int(v)) },
                    "max_seconds" => s with { MaxSeconds = Int(v) },
                    "max_requests" => s with { MaxRequests = Int(v) },
                    "exclude" => s with { Exclude = List(v) },
                    "spacing_ms" => s with { SpacingMs = Math.Max(0, Int(v)) },
                    _ => Skip(k, key, ExternalKeys, "external.", s),
                };
            }
            return s;
        }

        public SanitizeSettings Sanitize(YamlNode node)
        {
            var s = new SanitizeSettings();
            foreach (var (k, v) in Map(node).Children)
            {
                var key = String(k);
                s = key switch
                {
                    "iframe_hosts" => s with { IframeHosts = Hosts(v) },
                    "media_hosts" => s with { MediaHosts = Hosts(v) },
                    _ => Skip(k, key, SanitizeKeys, "sanitize.", s),
                };
            }
            return s;
        }

        public LinkSettings Links(YamlNode node)
        {
            var s = new LinkSettings();
            foreach (var (k, v) in Map(node).Children)
            {
                var key = String(k);
                s = key switch
                {
                    "other_sites" => s with { OtherSites = SitePrefixes(v) },
                    _ => Skip(k, key, LinksKeys, "links.", s),
                };
            }
            return s;
        }

        /// <summary>Globs relative to the content folder; a leading '/' or a '..' segment is an error (they would name nothing inside it).</summary>
        public IReadOnlyList<string> Globs(YamlNode node)
        {
            var globs = List(node);
            foreach (var g in globs)
            {
                if (g.Trim().Length == 0 || g.StartsWith('/') || g.Replace('\\', '/').Split('/').Contains(".."))
                {
                    throw Error(file, node, $"'{g}' is not a glob inside the content folder (write e.g. drafts/** or **/_*.md)");
                }
            }
            return globs.Select(g => g.Trim().Replace('\\', '/')).ToList();
        }

        /// <summary>Site-root path prefixes (<c>/powershell/</c>), each made to end in '/' so it matches whole segments.</summary>
        private IReadOnlyList<string> SitePrefixes(YamlNode node)
        {
            var prefixes = new List<string>();
            foreach (var p in List(node))
            {
                var t = p.Trim();
                if (!t.StartsWith('/') || t.StartsWith("//", StringComparison.Ordinal) || t.Contains("://", StringComparison.Ordinal))
                {
                    throw Error(file, node, $"'{p}' is not a site-root path prefix (write /docs/, starting with '/', without a host)");
                }
                prefixes.Add(t.EndsWith('/') ? t : t + "/");
            }
            return prefixes;
        }

        private IReadOnlyList<string> Hosts(YamlNode node)
        {
            var hosts = List(node);
            foreach (var h in hosts)
            {
                if (Uri.CheckHostName(h) == UriHostNameType.Unknown || h.Contains('/'))
                {
                    throw Error(file, node, $"'{h}' is not a host name (write www.example.com, without https:// or a path)");
                }
            }
            return hosts.Select(h => h.ToLowerInvariant()).ToList();
        }

        private T Skip<T>(YamlNode k, string key, string[] known, string prefix, T value)
        {
            Unknown(k, key, known, prefix);
            return value;
        }
    }
}
