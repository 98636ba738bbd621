using Microsoft.Extensions.FileSystemGlobbing;

namespace GuideBuilder.Load;

/// <summary>The files of a content folder: guides (<c>*.md</c>) and assets (everything else), '/'-separated and relative to it.</summary>
public sealed record ContentFiles(IReadOnlyList<string> Markdown, IReadOnlyList<string> Assets, IReadOnlyList<string> All)
{
    /// <summary>
    /// Walks <paramref name="contentDir"/>. Hidden files and folders are skipped, and so are symbolic
    /// links that lead outside the site folder and the output folder if it lies inside.
    /// A folder that cannot be listed is passed to <paramref name="unreadable"/> (its guides would otherwise be missing without a word).
    /// </summary>
    /// <remarks>Files matched by <paramref name="exclude"/> (globs relative to the content folder, site.yml's <c>exclude:</c>) are left out.</remarks>
    public static ContentFiles Discover(string contentDir, string siteDir, string outputDir, Action<Diagnostics.IoFault>? unreadable = null, IReadOnlyList<string>? exclude = null)
    {
        Matcher? excluded = null;
        if (exclude is { Count: > 0 })
        {
            excluded = new Matcher(StringComparison.Ordinal);
            excluded.AddIncludePatterns(exclude);
        }
        var md = new List<string>();
        var assets = new List<string>();
        var root = Path.GetFullPath(contentDir);
        var site = Path.TrimEndingDirectorySeparator(Path.GetFullPath(siteDir));
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDir));
        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var dir = stack.Pop();
            IEnumerable<FileSystemInfo> entries;
            try
            {
                Diagnostics.FaultInjection.Check("listing the folder", dir);
                entries = new DirectoryInfo(dir).EnumerateFileSystemInfos().ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                unreadable?.Invoke(Diagnostics.IoFault.From(e, "listing the folder", dir));
                continue;
            }
            foreach (var entry in entries)
            {
                if (entry.Name.StartsWith('.')) continue;
                // The entry's attributes come with the listing; asking every entry for its link target would read each one's link.
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget is not null)
                {
                    var resolved = entry.ResolveLinkTarget(returnFinalTarget: true);
                    if (resolved is null || !IsInside(resolved.FullName, site)) continue;
                }
                if (entry is DirectoryInfo d)
                {
                    if (Path.TrimEndingDirectorySeparator(d.FullName) == output) continue;
                    stack.Push(d.FullName);
                    continue;
                }
                var rel = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
                if (excluded is not null && excluded.Match(rel).HasMatches) continue;
                if (entry.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || entry.Name.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase))
                {
                    md.Add(rel);
                }
                else
                {
                    assets.Add(rel);
                }
            }
        }
        md.Sort(StringComparer.Ordinal);
        assets.Sort(StringComparer.Ordinal);
        return new ContentFiles(md, assets, md.Concat(assets).ToList());
    }

    private static bool IsInside(string path, string dir)
    {
        var full = Path.GetFullPath(path);
        return full == dir || full.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
