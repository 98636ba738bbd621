using GuideBuilder.Load;

namespace GuideBuilder.Write;

/// <summary>
/// Writes a finished site into a staging folder beside the output folder, then swaps it in with two
/// renames. A failed or interrupted build leaves the published folder as it was. A lock file keeps
/// two builds of one site from writing at once.
/// </summary>
public sealed class SiteWriter : IDisposable
{
    private readonly string _output;
    private readonly string _staging;
    private readonly FileStream _lock;

    private SiteWriter(string output, FileStream lockStream)
    {
        _output = output;
        var parent = Path.GetDirectoryName(output)!;
        var name = Path.GetFileName(output);
        _staging = Path.Combine(parent, $".gb-staging-{name}-{Environment.ProcessId}");
        _lock = lockStream;
        Recover(parent, name);
        Directory.CreateDirectory(_staging);
        _delay = int.TryParse(Environment.GetEnvironmentVariable(DelayVariable), out var ms) ? Math.Clamp(ms, 0, 10_000) : 0;
    }

    /// <summary>
    /// Test hook: milliseconds to pause after each file written, so a test can kill a build mid-write.
    /// </summary>
    public const string DelayVariable = "GUIDEBUILDER_TEST_WRITE_DELAY_MS";

    private readonly int _delay;

    /// <summary>
    /// Cleans up after builds that were killed: their staging folders are dropped, and a published
    /// folder that was moved aside but never replaced is put back. Runs under the lock.
    /// </summary>
    private void Recover(string parent, string name)
    {
        foreach (var old in Directory.EnumerateDirectories(parent, $".gb-old-{name}-*").Order(StringComparer.Ordinal).ToList())
        {
            if (!Directory.Exists(_output)) Directory.Move(old, _output);
            else Directory.Delete(old, recursive: true);
        }
        foreach (var stale in Directory.EnumerateDirectories(parent, $".gb-staging-{name}-*").ToList())
        {
            Directory.Delete(stale, recursive: true);
        }
    }

    private void Pause()
    {
        if (_delay > 0) Thread.Sleep(_delay);
    }

    /// <summary>Refuses output folders that would overwrite the site or its sources, before anything is deleted.</summary>
    public static void CheckOutputPath(SiteConfig config, string output)
    {
        static string Norm(string p) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
        static bool IsSameOrInside(string inner, string outer) =>
            inner == outer || inner.StartsWith(outer + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var o = Norm(output);
        var site = Norm(config.SiteDir);
        var content = Norm(config.ContentDir);
        var templates = Norm(config.TemplatesDir);
        if (IsSameOrInside(site, o)) throw new ConfigException($"output folder '{output}' is the site folder or above it; refusing to replace it");
        if (IsSameOrInside(content, o) || IsSameOrInside(o, content)) throw new ConfigException($"output folder '{output}' overlaps the content folder; refusing to write there");
        if (IsSameOrInside(templates, o) || IsSameOrInside(o, templates)) throw new ConfigException($"output folder '{output}' overlaps the templates folder; refusing to write there");
        if (Path.GetDirectoryName(o) is null) throw new ConfigException($"output folder '{output}' is a file-system root; refusing to write there");
    }

    /// <summary>Takes the site's build lock and opens a staging folder.</summary>
    public static SiteWriter Open(string output)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(output))!;
        Directory.CreateDirectory(parent);
        var lockPath = Path.Combine(parent, $".gb-lock-{Path.GetFileName(output)}");
        FileStream lockStream;
        try
        {
            // Kept on disk: deleting it on close would let a third build lock a new file while a second still holds the old one.
            lockStream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException)
        {
            throw new ConfigException($"another build is writing '{output}' (lock file {lockPath}); wait for it to finish");
        }
        return new SiteWriter(Path.GetFullPath(output), lockStream);
    }

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a text file (UTF-8, no BOM) at a '/'-separated path inside the staging folder. Safe to call from many threads.</summary>
    public void WriteText(string relative, string content)
    {
        var target = Target(relative);
        if (content.Length > LargeText)
        {
            WriteLarge(target, content);
            Pause();
            return;
        }
        var length = Utf8.GetMaxByteCount(content.Length);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var count = Utf8.GetBytes(content, buffer);
            using var handle = Create(target);
            RandomAccess.Write(handle, buffer.AsSpan(0, count), 0);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        Pause();
    }

    private const int LargeText = 1 << 16;

    /// <summary>A big file (home page, search index) encoded and written a chunk at a time, not through one buffer three times its length.</summary>
    private static void WriteLarge(string target, string content)
    {
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(LargeText * 3);
        try
        {
            var encoder = Utf8.GetEncoder();
            using var handle = Create(target);
            var chars = content.AsSpan();
            long offset = 0;
            while (true)
            {
                encoder.Convert(chars, buffer, flush: true, out var charsUsed, out var bytesUsed, out var completed);
                RandomAccess.Write(handle, buffer.AsSpan(0, bytesUsed), offset);
                offset += bytesUsed;
                chars = chars[charsUsed..];
                if (completed) break;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void WriteBytes(string relative, byte[] content) => WriteUtf8(relative, content);

    /// <summary>Writes a file by handing <paramref name="write"/> a stream onto it: a big generated file is never held whole.</summary>
    public void WriteStream(string relative, Action<Stream> write)
    {
        using (var stream = new FileStream(Create(Target(relative)), FileAccess.Write, bufferSize: 1 << 16))
        {
            write(stream);
        }
        Pause();
    }

    /// <summary>Writes bytes as they are at a '/'-separated path inside the staging folder. Safe to call from many threads.</summary>
    public void WriteUtf8(string relative, ReadOnlySpan<byte> content)
    {
        using (var handle = Create(Target(relative)))
        {
            RandomAccess.Write(handle, content, 0);
        }
        Pause();
    }

    /// <summary>
    /// Opens a file for writing. The staging folder starts empty, so the file is nearly always new: opening
    /// it as new (O_EXCL) spares the truncate that replacing costs; a path written twice is replaced as before.
    /// </summary>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle Create(string target)
    {
        try
        {
            return File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
        }
        catch (IOException) when (File.Exists(target))
        {
            return File.OpenHandle(target, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None);
        }
    }

    public void Copy(string source, string relative)
    {
        File.Copy(source, Target(relative), overwrite: true);
        Pause();
    }

    /// <summary>Copies a file that may have vanished or become unreadable since discovery; returns why it failed, or null.</summary>
    public string? TryCopy(string source, string relative)
    {
        try
        {
            Copy(source, relative);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot copy the file into the site: {e.Message}";
        }
    }

    private string Target(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_staging, relative));
        if (!full.StartsWith(_staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"refusing to write '{relative}' outside the output folder");
        }
        // A folder several files share (assets, listings, images) is created once, not asked for again per file;
        // a guide page has a folder of its own, so for guides this only saves the repeat on a path written twice.
        var folder = Path.GetDirectoryName(full)!;
        if (!_folders.ContainsKey(folder))
        {
            Directory.CreateDirectory(folder);
            _folders.TryAdd(folder, 0);
        }
        return full;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _folders = new(StringComparer.Ordinal);

    /// <summary>Replaces the output folder with the staging folder.</summary>
    public void Commit()
    {
        var parent = Path.GetDirectoryName(_output)!;
        var old = Path.Combine(parent, $".gb-old-{Path.GetFileName(_output)}-{Environment.ProcessId}");
        if (Directory.Exists(_output)) Directory.Move(_output, old);
        Directory.Move(_staging, _output);
        if (Directory.Exists(old)) Directory.Delete(old, recursive: true);
    }

    /// <summary>Drops the staging folder; the published output is untouched.</summary>
    public void Abandon()
    {
        if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
    }

    public void Dispose()
    {
        Abandon();
        _lock.Dispose();
    }
}
