using GuideBuilder.Load;
namespace GuideBuilder.Model.Includes;

/// <summary>
/// The files that include directives can bring in, as loaded with the rest of the content: every Markdown
/// file that is include-only (see <see cref="IncludeOnly"/>), null for one that failed to load.
/// </summary>
public sealed class IncludeFiles(IReadOnlyDictionary<string, GuideSource?> sources)
{
    public static IncludeFiles None { get; } = new(new Dictionary<string, GuideSource?>());

    /// <summary>Include-only files by content-relative path.</summary>
    public IReadOnlyDictionary<string, GuideSource?> Sources { get; } = sources;

    /// <summary>The folder name that holds shared files: every Markdown file under a folder of this name is include-only.</summary>
    public const string FolderName = "includes";

    /// <summary>True when a content-relative path lies under a folder named <c>includes</c>, at any depth.</summary>
    public static bool InIncludesFolder(string contentRelative) =>
        contentRelative.StartsWith(FolderName + "/", StringComparison.OrdinalIgnoreCase)
        || contentRelative.Contains("/" + FolderName + "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The Markdown files that are not pages: those under an <c>includes</c> folder, and every file that an
    /// include directive of any file names. Their text reaches readers only through the pages that include them.
    /// </summary>
    public static HashSet<string> IncludeOnly(IEnumerable<(string Rel, GuideSource? Source)> sources)
    {
        var only = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (rel, src) in sources)
        {
            if (InIncludesFolder(rel)) only.Add(rel);
            if (src is not null) only.UnionWith(src.Includes);
        }
        return only;
    }
}
