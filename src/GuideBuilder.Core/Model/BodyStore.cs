using Microsoft.Win32.SafeHandles;

namespace GuideBuilder.Model;

/// <summary>
/// Where the bodies of a build wait between its steps (each source body from reading to its pass, each rendered
/// body from its pass to its page): in memory for a site of up to <see cref="InMemoryUpTo"/> guides; beyond that
/// on one temporary file, deleted when the store is disposed, so that a large site's memory does not grow with
/// its bodies (the operating system keeps the file in its cache while there is room). Thread-safe.
/// </summary>
internal sealed class BodyStore : IDisposable
{
    /// <summary>Sites with at most this many guides keep their bodies in memory.</summary>
    public const int InMemoryUpTo = 20_000;

    private readonly SafeFileHandle? _file;
    private readonly string? _path;
    private long _end;

    private BodyStore(string? path)
    {
        if (path is null) return;
        _path = path;
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    /// <summary>A store that keeps everything in memory.</summary>
    public static BodyStore InMemory { get; } = new(null);

    /// <summary>The store for a build of <paramref name="guides"/> guides: on a temporary file beyond <see cref="InMemoryUpTo"/>.</summary>
    public static BodyStore For(int guides) => guides > InMemoryUpTo ? OnDisk() : InMemory;

    /// <summary>A store on a new temporary file; in memory when no temporary file can be made.</summary>
    public static BodyStore OnDisk()
    {
        try
        {
            return new BodyStore(Path.Combine(Path.GetTempPath(), $"guidebuilder-bodies-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return InMemory;
        }
    }

    /// <summary>True when bodies go to a file.</summary>
    public bool IsOnDisk => _file is not null;

    /// <summary>Keeps <paramref name="bytes"/>; the caller must not change the array afterwards.</summary>
    public StoredBytes Put(byte[] bytes)
    {
        if (_file is null || bytes.Length == 0) return new StoredBytes(null, bytes, 0, bytes.Length);
        var at = Interlocked.Add(ref _end, bytes.Length) - bytes.Length;
        try
        {
            RandomAccess.Write(_file, bytes, at);
        }
        catch (IOException)
        {
            // A full temporary disk costs memory, not the build.
            return new StoredBytes(null, bytes, 0, bytes.Length);
        }
        return new StoredBytes(this, null, at, bytes.Length);
    }

    internal byte[] Read(long offset, int length)
    {
        var bytes = new byte[length];
        var done = 0;
        while (done < length)
        {
            var n = RandomAccess.Read(_file!, bytes.AsSpan(done), offset + done);
            if (n == 0) throw new IOException($"the body store {_path} ended early");
            done += n;
        }
        return bytes;
    }

    public void Dispose() => _file?.Dispose();
}

/// <summary>Bytes kept by a <see cref="BodyStore"/>: in memory, or at an offset of its file.</summary>
internal readonly record struct StoredBytes(BodyStore? Store, byte[]? Bytes, long Offset, int Length)
{
    /// <summary>The bytes (read back from the store's file when they wait there).</summary>
    public byte[] Get() => Bytes ?? Store!.Read(Offset, Length);
}
