using GuideBuilder.Building;

namespace GuideBuilder.Validate;

/// <summary>
/// Everything a link can point at: published guides by source path and by URL, guides that failed
/// to load (links to them are not reported), and every file in the content folder.
/// Lookups are hash-based, so checking all links of a site is linear in the number of links.
/// </summary>
public sealed class SiteIndex
{
    public SiteIndex(IEnumerable<Guide> guides, IEnumerable<string> failedOrHidden, IEnumerable<string> files)
    {
        foreach (var g in guides)
        {
            ByPath[g.Source.ContentRelativePath] = g;
            ByUrl[g.Url] = g;
        }
        foreach (var f in failedOrHidden) Unpublished.Add(f);
        foreach (var f in files)
        {
            Files.Add(f);
            FilesIgnoreCase.TryAdd(f.ToLowerInvariant(), f);
        }
        foreach (var f in Files)
        {
            for (var dir = ParentOf(f); dir.Length > 0; dir = ParentOf(dir))
            {
                if (!Directories.Add(dir)) break;
            }
        }
    }

    public Dictionary<string, Guide> ByPath { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Guide> ByUrl { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Unpublished { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Files { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> FilesIgnoreCase { get; } = new(StringComparer.Ordinal);

    private static string ParentOf(string path)
    {
        var i = path.LastIndexOf('/');
        return i < 0 ? "" : path[..i];
    }
}
