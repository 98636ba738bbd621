using System.Text;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Validate;

namespace GuideBuilder.Building;

/// <summary>
/// The keys of the per-guide pass in the build cache. A guide's pass reads its own file, the site's settings
/// and the tool (the <em>settings key</em>: site.yml as loaded and as written, the options that change what the pass
/// keeps, GuideBuilder's own build), the site index its links are resolved against (the <em>index key</em>: every
/// page's path and URL, every file, every page that failed or is a draft, every generated page and redirect), and
/// its own line of the URL ledger. Its key is the hash of all of them, so any change to any of them runs the pass
/// again; the index key moves with any page added, removed or moved, which re-runs every pass (the index is what
/// a link's meaning depends on). Anchors on other pages are not part of it: they are checked on every build.
/// </summary>
internal sealed class PassKeys
{
    private readonly string _settings;
    private readonly string _index;
    private readonly IReadOnlyDictionary<string, string> _contents;

    public PassKeys(BuildCache cache, string settingsKey, SiteIndex index, IReadOnlyDictionary<string, string> contentHashes)
    {
        Cache = cache;
        Index = index;
        _settings = settingsKey;
        _contents = contentHashes;
        _index = IndexKey(index, contentHashes);
    }

    public BuildCache Cache { get; }

    /// <summary>The index the pass resolves links against (targets of cached fragments are looked up here).</summary>
    public SiteIndex Index { get; }

    /// <summary>The key of one guide's pass, or null when its file's hash is unknown (then it is not cached).</summary>
    public string? KeyOf(Guide guide, LedgerCheck ledger)
    {
        if (!_contents.TryGetValue(guide.Source.ContentRelativePath, out var content)) return null;
        var entry = ledger.EntryFor(guide);
        var ledgerLine = entry is null ? "-" : new StringBuilder()
            .Append(entry.Url).Append('\n').Append(entry.Line).Append('\n')
            .AppendJoin('\n', entry.Ids).Append('\n')
            .AppendJoin('\n', entry.Kept.Select(kv => kv.Key + "->" + kv.Value)).ToString();
        return BuildCache.Key("pass", _settings, _index, guide.Source.ContentRelativePath, guide.Source.SiteRelativePath, guide.Url, content, ledgerLine);
    }

    /// <summary>What the settings key holds: the loaded settings, site.yml's bytes, the options that shape the pass.</summary>
    public static string SettingsKey(SiteConfig config, BuildOptions options, LeanNeeds needs, bool recordsIds)
    {
        var loaded = System.Text.Json.JsonSerializer.Serialize(config, CacheJson.Default.SiteConfig);
        var file = Path.GetFullPath(config.ConfigFile, config.SiteDir);
        var written = FileHash.ForKey(file);
        return BuildCache.Key("settings", BuildCache.ToolVersion, BuildCache.Format.ToString(System.Globalization.CultureInfo.InvariantCulture),
            loaded, written, options.Drafts ? "drafts" : "-", options.NoLedger ? "no-ledger" : "-", recordsIds ? "ids" : "-",
            needs.Links ? "links" : "-", needs.Removals ? "removals" : "-");
    }

    private static string IndexKey(SiteIndex index, IReadOnlyDictionary<string, string> contents)
    {
        var parts = new List<string>();
        // Every include-only file, by its bytes: a page may splice any of them in (an include of an include too).
        foreach (var (path, src) in index.Includes.Sources.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            parts.Add("include " + path + " " + (src is null ? "failed" : contents.TryGetValue(path, out var hash) ? hash : Guid.NewGuid().ToString()));
        }
        foreach (var (path, g) in index.ByPath.OrderBy(kv => kv.Key, StringComparer.Ordinal)) parts.Add("page " + path + " " + g.Url);
        foreach (var u in index.Unpublished.Order(StringComparer.Ordinal)) parts.Add("held " + u);
        foreach (var f in index.Files.Order(StringComparer.Ordinal)) parts.Add("file " + f);
        foreach (var f in index.Generated.Order(StringComparer.Ordinal)) parts.Add("made " + f);
        foreach (var (url, r) in index.Redirects.ByUrl.OrderBy(kv => kv.Key, StringComparer.Ordinal)) parts.Add("alias " + url + " " + r.Target.Url);
        return BuildCache.Key([.. parts]);
    }
}
