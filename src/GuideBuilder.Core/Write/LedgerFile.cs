using System.Text;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;

namespace GuideBuilder.Write;

/// <summary>
/// Writes <c>published.yml</c> with the publish: <see cref="Stage"/> writes the new text beside it before the
/// site is swapped in, <see cref="Commit"/> renames it over the old one right after (one rename, so a reader
/// sees the old file or the new one, never half of one), <see cref="Dispose"/> removes a stage never committed.
/// A ledger whose bytes would not change is left alone (same mtime).
/// </summary>
public sealed class LedgerFile : IDisposable
{
    private readonly string _path;
    private readonly string? _staged;

    private LedgerFile(string path, string? staged)
    {
        _path = path;
        _staged = staged;
    }

    /// <summary>Stages <paramref name="text"/> as the site's next ledger.</summary>
    public static LedgerFile Stage(string siteDir, string text)
    {
        var path = Path.Combine(siteDir, PublishedLedger.FileName);
        var bytes = new UTF8Encoding(false).GetBytes(text);
        if (IoFault.Guard("reading", path, () => File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))) return new LedgerFile(path, null);
        var staged = Path.Combine(siteDir, $".{PublishedLedger.FileName}.{Environment.ProcessId}.tmp");
        IoFault.Guard("writing", staged, () => File.WriteAllBytes(staged, bytes));
        return new LedgerFile(path, staged);
    }

    /// <summary>Puts the staged ledger in place: "recorded" when there was none, "updated", or null when it was unchanged.</summary>
    public string? Commit()
    {
        if (_staged is null) return null;
        var existed = File.Exists(_path);
        IoFault.Guard("writing", _path, () => File.Move(_staged, _path, overwrite: true));
        return existed ? "updated" : "recorded";
    }

    public void Dispose()
    {
        try
        {
            if (_staged is not null && File.Exists(_staged)) File.Delete(_staged);
        }
        catch (Exception e) when (IoFault.IsIo(e))
        {
            // A stage left behind is harmless: the next build writes its own.
        }
    }
}
