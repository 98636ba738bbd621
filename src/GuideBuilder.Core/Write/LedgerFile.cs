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

    /// <summary>
    /// Stages the ledger <paramref name="write"/> writes as the site's next one, straight onto the staged file (a large
    /// site's ledger is never held whole), then compares it with the current one a block at a time.
    /// </summary>
    public static LedgerFile Stage(string siteDir, Action<TextWriter> write)
    {
        var path = Path.Combine(siteDir, PublishedLedger.FileName);
        var staged = Path.Combine(siteDir, $".{PublishedLedger.FileName}.{Environment.ProcessId}.tmp");
        IoFault.Guard("writing", staged, () =>
        {
            using var writer = new StreamWriter(staged, false, new UTF8Encoding(false), 1 << 16);
            write(writer);
        });
        if (IoFault.Guard("reading", path, () => File.Exists(path) && SameBytes(path, staged)))
        {
            IoFault.Guard("writing", staged, () => File.Delete(staged));
            return new LedgerFile(path, null);
        }
        return new LedgerFile(path, staged);
    }

    private static bool SameBytes(string a, string b)
    {
        using var x = File.OpenRead(a);
        using var y = File.OpenRead(b);
        if (x.Length != y.Length) return false;
        var bx = new byte[1 << 16];
        var by = new byte[1 << 16];
        while (true)
        {
            var n = x.ReadAtLeast(bx, bx.Length, throwOnEndOfStream: false);
            if (n == 0) return true;
            y.ReadExactly(by, 0, n);
            if (!bx.AsSpan(0, n).SequenceEqual(by.AsSpan(0, n))) return false;
        }
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
