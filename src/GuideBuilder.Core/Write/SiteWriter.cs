using GuideBuilder.Diagnostics;
using GuideBuilder.Load;

namespace GuideBuilder.Write;

/// <summary>
/// Writes a finished site into a staging folder beside the output folder, then swaps it in with two
/// renames. A failed or interrupted build leaves the published folder as it was. A lock file keeps
/// two builds of one site from writing at once. A file whose bytes are those of the published file at
/// the same path is not written again: the staging folder gets a hard link to the published file, so
/// after the swap it has the same bytes, time stamp and inode (deploy tools that compare any of them
/// see it unchanged). <see cref="Changes"/> and <see cref="OutputManifest"/> say what moved.
/// <para>
/// A file-system failure while writing (a full disk, a read-only mount, a permission) is not thrown at the
/// page being written, which would surface as one exception per parallel writer: the first one is kept as
/// <see cref="Fault"/>, later writes only count their bytes (so a full disk can say how big the site is), and
/// the build does not commit. Opening and committing throw <see cref="IoFaultException"/>.
/// </para>
/// </summary>
public sealed class SiteWriter : IDisposable
{
    private readonly string _output;
    private readonly string _staging;
    private readonly FileStream _lock;
    private IoFault? _fault;
    private long _bytes;

    private SiteWriter(string output, FileStream lockStream, string? manifestPath)
    {
        _output = output;
        _manifestPath = manifestPath;
        _old = manifestPath is null ? new(StringComparer.Ordinal) : OutputManifest.Read(manifestPath, output);
        var parent = Path.GetDirectoryName(output)!;
        var name = Path.GetFileName(output);
        _staging = Path.Combine(parent, $".gb-staging-{name}-{Environment.ProcessId}");
        _lock = lockStream;
        try
        {
            IoFault.Guard("cleaning up after an earlier build in", parent, () => Recover(parent, name));
            IoFault.Guard("creating the staging folder", _staging, () => Directory.CreateDirectory(_staging));
        }
        catch
        {
            Dispose();
            throw;
        }
        _delay = int.TryParse(Environment.GetEnvironmentVariable(DelayVariable), out var ms) ? Math.Clamp(ms, 0, 10_000) : 0;
    }

    /// <summary>The first file-system failure while writing, or null; with one, <see cref="Commit"/> refuses.</summary>
    public IoFault? Fault => Volatile.Read(ref _fault);

    /// <summary>Bytes handed to the writer so far, written or (after a fault) only counted.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

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
        if (config.CacheDir.Length > 0)
        {
            var cache = Norm(config.CacheDir);
            if (IsSameOrInside(cache, o) || IsSameOrInside(o, cache)) throw new ConfigException($"cache folder '{config.CacheDir}' overlaps the output folder; give them separate places");
            if (IsSameOrInside(site, cache)) throw new ConfigException($"cache folder '{config.CacheDir}' is the site folder or above it; refusing to use it");
            if (IsSameOrInside(content, cache) || IsSameOrInside(cache, content) || IsSameOrInside(templates, cache) || IsSameOrInside(cache, templates))
            {
                throw new ConfigException($"cache folder '{config.CacheDir}' overlaps the content or templates folder; refusing to use it");
            }
        }
    }

    /// <summary>
    /// Takes the site's build lock and opens a staging folder. With <paramref name="manifestPath"/>, the
    /// manifest there speeds up finding unchanged files and is rewritten on <see cref="Commit"/>.
    /// </summary>
    public static SiteWriter Open(string output, string? manifestPath = null)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(output))!;
        IoFault.Guard("creating the folder", parent, () => Directory.CreateDirectory(parent));
        var lockPath = Path.Combine(parent, $".gb-lock-{Path.GetFileName(output)}");
        FileStream lockStream;
        try
        {
            // Kept on disk: deleting it on close would let a third build lock a new file while a second still holds the old one.
            lockStream = IoFault.Guard("taking the build lock", lockPath,
                () => new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None));
        }
        catch (IoFaultException e) when (e.Fault.Rule == Rules.IoFileInUse)
        {
            throw new ConfigException($"another build is writing '{output}' (lock file {lockPath}); wait for it to finish");
        }
        return new SiteWriter(Path.GetFullPath(output), lockStream, manifestPath);
    }

    /// <summary>
    /// Runs one write of <paramref name="bytes"/> bytes to <paramref name="target"/>. After a fault nothing more is
    /// written, only counted; a fault is kept (the first one only) instead of thrown.
    /// </summary>
    private void Write(string target, long bytes, Action write, string operation = "writing")
    {
        Interlocked.Add(ref _bytes, bytes);
        if (Fault is not null) return;
        try
        {
            FaultInjection.Check(operation, target);
            write();
        }
        catch (Exception e) when (IoFault.IsIo(e))
        {
            Interlocked.CompareExchange(ref _fault, IoFault.From(e, operation, target), null);
        }
        Pause();
    }

    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes a text file (UTF-8, no BOM) at a '/'-separated path inside the staging folder. Safe to call from many threads.</summary>
    public void WriteText(string relative, string content)
    {
        var target = Target(relative);
        if (content.Length > LargeText)
        {
            Write(target, Utf8.GetByteCount(content), () =>
            {
                WriteLarge(target, content);
                Settle(relative, target);
            });
            return;
        }
        var length = Utf8.GetMaxByteCount(content.Length);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var count = Utf8.GetBytes(content, buffer);
            Write(target, count, () => Place(relative, target, buffer.AsSpan(0, count)));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
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

    /// <summary>Writes bytes as they are at a '/'-separated path inside the staging folder. Safe to call from many threads.</summary>
    public void WriteBytes(string relative, byte[] content)
    {
        var target = Target(relative);
        Write(target, content.Length, () => Place(relative, target, content));
    }

    /// <summary>Writes a file by handing <paramref name="write"/> a stream onto it: a big generated file is never held whole.</summary>
    public void WriteStream(string relative, Action<Stream> write)
    {
        var target = Target(relative);
        if (Fault is not null)
        {
            using var counter = new CountingStream();
            write(counter);
            Interlocked.Add(ref _bytes, counter.Length);
            return;
        }
        long length = 0;
        Write(target, 0, () =>
        {
            using (var stream = new FileStream(Create(target), FileAccess.Write, bufferSize: 1 << 16))
            {
                write(stream);
                stream.Flush();
                length = stream.Length;
            }
            Settle(relative, target);
        });
        if (length == 0 && Fault is not null)
        {
            using var counter = new CountingStream();
            write(counter);
            length = counter.Length;
        }
        Interlocked.Add(ref _bytes, length);
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
            // Written twice: a new file, never a write through the first one (it may be a link to the published file).
            File.Delete(target);
            return File.OpenHandle(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None);
        }
    }

    /// <summary>
    /// Puts <paramref name="content"/> at <paramref name="target"/>: as a hard link to the published file
    /// when that holds the same bytes, else written. Records the file for the manifest.
    /// </summary>
    private void Place(string relative, string target, ReadOnlySpan<byte> content)
    {
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        if (File.Exists(target)) File.Delete(target);   // written twice: never write through an earlier link
        if (Reuse(relative, target, sha, content.Length)) return;
        using (var handle = Create(target))
        {
            RandomAccess.Write(handle, content, 0);
        }
        _entries[relative] = new ManifestEntry(sha, content.Length, File.GetLastWriteTimeUtc(target).Ticks);
    }

    /// <summary>After a file was written in pieces: hashed from disk, and swapped for a link to the published file when that is the same.</summary>
    private void Settle(string relative, string target)
    {
        var bytes = File.ReadAllBytes(target);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var temp = target + ".gb-new";
        File.Move(target, temp);
        if (Reuse(relative, target, sha, bytes.Length))
        {
            File.Delete(temp);
            return;
        }
        File.Move(temp, target);
        _entries[relative] = new ManifestEntry(sha, bytes.Length, File.GetLastWriteTimeUtc(target).Ticks);
    }

    /// <summary>
    /// True when the published file at <paramref name="relative"/> has the hash <paramref name="sha"/>, and is now
    /// also at <paramref name="target"/> (a hard link; a copy with the same time stamp where links are impossible).
    /// The manifest's hash is trusted while the file keeps the size and time stamp it records; else the file is hashed.
    /// </summary>
    private bool Reuse(string relative, string target, string sha, long size)
    {
        var published = new FileInfo(Path.Combine(_output, relative));
        if (!published.Exists || published.Length != size) return false;
        var modified = published.LastWriteTimeUtc;
        var old = _old.TryGetValue(relative, out var e) && e.Size == size && e.ModifiedTicks == modified.Ticks
            ? e.Sha256
            : FileHash.Of(published.FullName);
        if (old != sha) return false;
        if (!HardLink.TryCreate(published.FullName, target))
        {
            File.Copy(published.FullName, target, overwrite: true);
            File.SetLastWriteTimeUtc(target, modified);
        }
        _reused[relative] = 0;
        _entries[relative] = new ManifestEntry(sha, size, modified.Ticks);
        return true;
    }

    /// <summary>
    /// Carries the published file at <paramref name="relative"/> into the new site as it is (a hard link: same bytes,
    /// time stamp and inode) when the manifest says it holds <paramref name="sha"/> and it still has the size and time
    /// stamp the manifest records. False when it does not (or cannot be linked): then the caller writes the file.
    /// </summary>
    public bool TryKeep(string relative, string sha)
    {
        if (Fault is not null || !_old.TryGetValue(relative, out var e) || e.Sha256 != sha) return false;
        var published = new FileInfo(Path.Combine(_output, relative));
        if (!published.Exists || published.Length != e.Size || published.LastWriteTimeUtc.Ticks != e.ModifiedTicks) return false;
        var target = Target(relative);
        var kept = false;
        Write(target, e.Size, () =>
        {
            if (File.Exists(target)) File.Delete(target);
            if (!HardLink.TryCreate(published.FullName, target)) return;
            _reused[relative] = 0;
            _entries[relative] = e;
            kept = true;
        }, "linking the published file to");
        return kept;
    }

    /// <summary>The manifest entry of a file written or kept so far (its SHA-256 and size), or null.</summary>
    public ManifestEntry? EntryOf(string relative) => _entries.GetValueOrDefault(relative);

    private readonly string? _manifestPath;
    private readonly Dictionary<string, ManifestEntry> _old;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ManifestEntry> _entries = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _reused = new(StringComparer.Ordinal);

    /// <summary>What <see cref="Commit"/> changed in the output folder; <see cref="OutputChanges.None"/> before it.</summary>
    public OutputChanges Changes { get; private set; } = OutputChanges.None;

    /// <summary>
    /// Copies a file that may have vanished or become unreadable since discovery; returns why it could not be read,
    /// or null. A failure on the writing side (a full disk) is the writer's <see cref="Fault"/>, not the file's.
    /// </summary>
    public string? TryCopy(string source, string relative)
    {
        long size;
        try
        {
            size = new FileInfo(source).Length;
        }
        catch (Exception e) when (IoFault.IsIo(e))
        {
            return $"cannot copy the file into the site: {e.Message}";
        }
        var target = Target(relative);
        string? unreadable = null;
        Write(target, size, () =>
        {
            try
            {
                Place(relative, target, File.ReadAllBytes(source));
            }
            catch (Exception e) when (IoFault.IsIo(e) && !Readable(source))
            {
                unreadable = $"cannot copy the file into the site: {e.Message}";
            }
        }, "copying a file to");
        return unreadable;
    }

    private static bool Readable(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return true;
        }
        catch (Exception e) when (IoFault.IsIo(e))
        {
            return false;
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
        if (Fault is null && !_folders.ContainsKey(folder))
        {
            Write(folder, 0, () =>
            {
                Directory.CreateDirectory(folder);
                _folders.TryAdd(folder, 0);
            }, "creating the folder");
        }
        return full;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _folders = new(StringComparer.Ordinal);

    /// <summary>
    /// Replaces the output folder with the staging folder. When the second rename fails, the published folder
    /// is put back before the fault is thrown.
    /// </summary>
    public void Commit()
    {
        if (Fault is { } fault) throw new IoFaultException(fault);
        var before = Directory.Exists(_output)
            ? Directory.EnumerateFiles(_output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_output, f).Replace('\\', '/')).ToHashSet(StringComparer.Ordinal)
            : [];
        var parent = Path.GetDirectoryName(_output)!;
        var old = Path.Combine(parent, $".gb-old-{Path.GetFileName(_output)}-{Environment.ProcessId}");
        var movedAside = false;
        if (Directory.Exists(_output))
        {
            IoFault.Guard("moving the published site aside:", _output, () => Directory.Move(_output, old));
            movedAside = true;
        }
        try
        {
            IoFault.Guard("swapping in the new site at", _output, () => Directory.Move(_staging, _output));
        }
        catch (IoFaultException) when (movedAside)
        {
            // Best effort: if this fails too, the next build's Recover puts the site back.
            try { Directory.Move(old, _output); } catch (Exception e) when (IoFault.IsIo(e)) { }
            throw;
        }
        // The new site is published; an old copy that cannot be deleted now is deleted by the next build's Recover.
        try
        {
            if (movedAside) Directory.Delete(old, recursive: true);
        }
        catch (Exception e) when (IoFault.IsIo(e))
        {
        }
        Changes = new OutputChanges(
            _entries.Keys.Where(p => !before.Contains(p)).Order(StringComparer.Ordinal).ToList(),
            _entries.Keys.Where(p => before.Contains(p) && !_reused.ContainsKey(p)).Order(StringComparer.Ordinal).ToList(),
            before.Where(p => !_entries.ContainsKey(p)).Order(StringComparer.Ordinal).ToList());
        if (_manifestPath is { } manifest) IoFault.Guard("writing the output manifest", manifest, () => OutputManifest.Write(manifest, _output, _entries));
    }

    /// <summary>Drops the staging folder; the published output is untouched.</summary>
    public void Abandon()
    {
        if (Directory.Exists(_staging)) Directory.Delete(_staging, recursive: true);
    }

    public void Dispose()
    {
        try
        {
            Abandon();
        }
        catch (Exception e) when (IoFault.IsIo(e))
        {
            // The next build removes stale staging folders; the fault that matters has been reported.
        }
        finally
        {
            _lock.Dispose();
        }
    }

    /// <summary>Measures what a stream writer would have written, after a fault (a full disk) stopped the real writes.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
