using System.Text;
using GuideBuilder.Load;
using GuideBuilder.Model;
using GuideBuilder.Validate;

namespace GuideBuilder.Building;

/// <summary>
/// The keys of the per-guide pass in the build cache, and the check that a kept pass still holds. A guide's pass
/// reads its own file, the site's settings and the tool (the <em>settings key</em>: site.yml as loaded and as
/// written, the options that change what the pass keeps, GuideBuilder's own build), its own line of the URL
/// ledger (but the line it is on: that moves when a page is added above it; an entry whose diagnostics name the
/// line keeps it, see <see cref="PassEntry.LedgerLine"/>), and some facts of the site index. The key is the hash of all but the last. The index facts are kept in
/// the entry as questions with their answers (each link: where it leads, whether that is a page, a file, a draft,
/// a folder, a redirect, …; each include file looked up: its bytes or that it is missing), and a kept entry is used
/// only when asking them again of the current index gives the same answers ("red-green" validation). So adding,
/// deleting or renaming a guide re-runs only the passes that asked about it. Anchors on other pages are not part of
/// it: they are checked on every build.
/// </summary>
internal sealed class PassKeys
{
    private readonly string _settings;
    private readonly IReadOnlyDictionary<string, string> _contents;

    public PassKeys(BuildCache cache, string settingsKey, SiteIndex index, IReadOnlyDictionary<string, string> contentHashes)
    {
        Cache = cache;
        Index = index;
        _settings = settingsKey;
        _contents = contentHashes;
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
            .Append(entry.Url).Append('\n')
            .AppendJoin('\n', entry.Ids).Append('\n')
            .AppendJoin('\n', entry.Kept.Select(kv => kv.Key + "->" + kv.Value)).ToString();
        return BuildCache.Key("pass", _settings, guide.Source.ContentRelativePath, guide.Source.SiteRelativePath, guide.Url, content, ledgerLine);
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

    /// <summary>
    /// True when every question <paramref name="entry"/> asked of the site index has the same answer now: each link
    /// resolved again against the current index, each include file looked up again.
    /// </summary>
    public bool StillHolds(PassEntry entry, Guide guide, LinkValidator links, LedgerCheck ledger)
    {
        if (entry.LedgerLine is { } line && ledger.EntryFor(guide)?.Line != line) return false;
        var path = guide.Source.ContentRelativePath;
        foreach (var fact in entry.Asked)
        {
            if (!links.Resolve(path, guide.Url, fact.Question).Equals(fact.Answer)) return false;
        }
        if (entry.IncludeAnswers.Count != entry.IncludeTargets.Count) return false;
        for (var i = 0; i < entry.IncludeTargets.Count; i++)
        {
            if (IncludeAnswer(entry.IncludeTargets[i]) != entry.IncludeAnswers[i]) return false;
        }
        return true;
    }

    /// <summary>What the index holds at an include target, as the include step reads it, for each target a pass looked up.</summary>
    public List<string> IncludeAnswers(IEnumerable<string> targets) => targets.Select(IncludeAnswer).ToList();

    /// <summary>
    /// An include-only file's bytes (by hash) or that it failed to load; for a path that is none, the include files
    /// beside it (the "did you mean" hint reads them).
    /// </summary>
    public string IncludeAnswer(string target)
    {
        var sources = Index.Includes.Sources;
        if (sources.TryGetValue(target, out var src))
        {
            return src is null ? "failed" : _contents.TryGetValue(target, out var hash) ? "file " + hash : Guid.NewGuid().ToString();
        }
        var dir = UrlPaths.DirectoryOf(target);
        return "missing " + string.Join('\n', sources.Keys.Where(k => UrlPaths.DirectoryOf(k) == dir).Order(StringComparer.Ordinal));
    }
}
