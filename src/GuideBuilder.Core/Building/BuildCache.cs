using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Validate;

namespace GuideBuilder.Building;

/// <summary>The cache folder's header: which format and which build of GuideBuilder wrote the entries beside it.</summary>
internal sealed record CacheHeader(int Format, string Tool);

/// <summary>
/// The build cache on disk, <c>&lt;cache&gt;/build/</c> (<c>.guidebuilder/build/</c> by default): one file per
/// result of a pipeline step, named by the SHA-256 of everything the result depends on (its key), so a changed
/// input is simply a key not found. Each file starts with the SHA-256 of the rest: a truncated or damaged file
/// is found before it is used. A header names the format and the build of GuideBuilder that wrote the entries;
/// another one, or entries without a header, are thrown away.
/// <para>
/// Anything wrong with the cache is never an error: the build runs the steps (as if there were no cache) and
/// says so once, as the info diagnostic <c>cache.reset</c>. Files are written through a temporary name and a
/// rename, so a reader sees a whole file or none; two builds writing at once write the same bytes under the
/// same key.
/// </para>
/// </summary>
internal sealed class BuildCache
{
    /// <summary>Bumped whenever the shape of an entry changes.</summary>
    public const int Format = 2;

    public const string FolderName = Write.OutputManifest.CacheFolder;
    private const string HeaderName = Write.OutputManifest.CacheHeader;
    private const string PassFolder = "pass";

    private readonly string _dir;
    private readonly string _passDir;
    private readonly ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);
    private readonly DiagnosticBag _diagnostics;
    private readonly string _siteDir;
    private int _damaged;
    private bool _reported;
    private bool _closed;

    private BuildCache(string dir, DiagnosticBag diagnostics, string siteDir)
    {
        _dir = dir;
        _passDir = Path.Combine(dir, PassFolder);
        _diagnostics = diagnostics;
        _siteDir = siteDir;
    }

    /// <summary>Folder of the build cache for a site.</summary>
    public static string FolderOf(SiteConfig config) => Path.Combine(config.CacheDir, FolderName);

    /// <summary>The GuideBuilder build that makes the results: its version and the identity of the compiled code.</summary>
    public static string ToolVersion { get; } =
        typeof(BuildCache).Assembly.GetName().Version + "+" + typeof(BuildCache).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>
    /// Opens the cache of a site, or says why it starts empty (<c>cache.reset</c> in <paramref name="diagnostics"/>).
    /// Null when the site has no cache folder setting or the folder cannot be used at all.
    /// </summary>
    public static BuildCache? Open(SiteConfig config, DiagnosticBag diagnostics)
    {
        if (config.CacheDir.Length == 0) return null;
        var cache = new BuildCache(FolderOf(config), diagnostics, config.SiteDir);
        var header = Path.Combine(cache._dir, HeaderName);
        string? problem = null;
        try
        {
            if (File.Exists(header))
            {
                var read = JsonSerializer.Deserialize(File.ReadAllBytes(header), CacheJson.Default.CacheHeader);
                if (read is null) problem = "its header is empty";
                else if (read.Format != Format || read.Tool != ToolVersion) problem = $"it was written by another version of GuideBuilder ({read.Tool}, format {read.Format})";
            }
            else if (Directory.Exists(cache._passDir))
            {
                problem = "its header is missing (an earlier build was stopped while writing it)";
            }
            else if (Write.OutputManifest.HadCache(Write.OutputManifest.PathFor(config.CacheDir)))
            {
                problem = "it is missing, though the last build's output manifest says it wrote one";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            problem = $"its header cannot be read ({e.Message})";
        }
        if (problem is not null)
        {
            cache.Report(problem);
            try
            {
                if (Directory.Exists(cache._dir)) Directory.Delete(cache._dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
        return cache;
    }

    /// <summary>
    /// The cache of a site for reading only (<c>serve</c> looks at the last build's memo): null when there is none,
    /// or its header is missing, damaged or from another build of GuideBuilder. Deletes, writes and reports nothing.
    /// </summary>
    public static BuildCache? OpenToRead(SiteConfig config)
    {
        if (config.CacheDir.Length == 0) return null;
        var cache = new BuildCache(FolderOf(config), new DiagnosticBag(config.Rules), config.SiteDir);
        try
        {
            var header = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(cache._dir, HeaderName)), CacheJson.Default.CacheHeader);
            return header is not null && header.Format == Format && header.Tool == ToolVersion ? cache : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private void Report(string problem)
    {
        if (_reported) return;
        _reported = true;
        var at = Path.GetRelativePath(_siteDir, _dir).Replace('\\', '/');
        _diagnostics.Report(Rules.CacheReset, new SourceLocation(at, 0, 0),
            $"the build cache was not used: {problem}; this build started from nothing and writes a new one");
    }

    /// <summary>The SHA-256 (lower-case hex) of the given parts, each ended by a separator no part contains.</summary>
    public static string Key(params ReadOnlySpan<string> parts)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in parts)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part));
            hash.AppendData("\0"u8);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The pass result kept under <paramref name="key"/>, or null (not there, or damaged: then reported once).</summary>
    public PassEntry? GetPass(string key)
    {
        _used[key] = 0;
        var bytes = ReadChecked(Path.Combine(_passDir, key + ".json"));
        if (bytes is null) return null;
        try
        {
            var entry = JsonSerializer.Deserialize(bytes.Value.Span, CacheJson.Default.PassEntry);
            if (entry is null || entry.Key != key) throw new JsonException("entry of another key");
            return entry;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            Damaged();
            return null;
        }
    }

    private void Damaged()
    {
        if (Interlocked.Increment(ref _damaged) != 1) return;
        lock (_diagnostics) Report("an entry in it is truncated or damaged");
    }

    /// <summary>Keeps a pass result under its key. A failure to write only costs the next build the work.</summary>
    public void PutPass(PassEntry entry)
    {
        _used[entry.Key] = 0;
        WriteChecked(Path.Combine(_passDir, entry.Key + ".json"), JsonSerializer.SerializeToUtf8Bytes(entry, CacheJson.Default.PassEntry));
    }

    /// <summary>Writes <paramref name="json"/> after its checksum line, the form <see cref="ReadChecked"/> reads back.</summary>
    private void WriteChecked(string path, byte[] json) =>
        WriteAtomically(path, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(json)) + "\n"), json);

    private string MemoPath(bool write) => Path.Combine(_dir, write ? "memo-build.json" : "memo-check.json");

    /// <summary>The memo of the last build (or check) that recorded one, or null; a damaged one is reported like an entry.</summary>
    public BuildMemo? GetMemo(bool write)
    {
        var bytes = ReadChecked(MemoPath(write));
        if (bytes is null) return null;
        try
        {
            return JsonSerializer.Deserialize(bytes.Value.Span, CacheJson.Default.BuildMemo);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            Damaged();
            return null;
        }
    }

    private string RenderPath => Path.Combine(_dir, "render.json");

    /// <summary>The render record of the last build that published through the cache (see <see cref="RenderSkip"/>), or null.</summary>
    public RenderRecord? GetRender()
    {
        var bytes = ReadChecked(RenderPath);
        if (bytes is null) return null;
        try
        {
            return JsonSerializer.Deserialize(bytes.Value.Span, CacheJson.Default.RenderRecord);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            Damaged();
            return null;
        }
    }

    public void PutRender(RenderRecord record) => WriteChecked(RenderPath, JsonSerializer.SerializeToUtf8Bytes(record, CacheJson.Default.RenderRecord));

    public void PutMemo(bool write, BuildMemo memo)
    {
        WriteChecked(MemoPath(write), JsonSerializer.SerializeToUtf8Bytes(memo, CacheJson.Default.BuildMemo));
    }

    /// <summary>The bytes after a file's checksum line when the checksum holds; null when the file is not there (damage reported).</summary>
    private ReadOnlyMemory<byte>? ReadChecked(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Damaged();
            return null;
        }
        if (bytes.Length < 65 || bytes[64] != (byte)'\n'
            || !bytes.AsSpan(0, 64).SequenceEqual(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(65))))))
        {
            Damaged();
            return null;
        }
        return bytes.AsMemory(65);
    }

    private static void WriteAtomically(string path, byte[] head, byte[] body)
    {
        var temp = path + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 14))
            {
                stream.Write(head);
                stream.Write(body);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Ends a build: entries this build neither read nor wrote are deleted (the cache holds one site's
    /// current results, not its history), and the header is written last.
    /// </summary>
    public void Close()
    {
        if (_closed) return;
        _closed = true;
        try
        {
            if (Directory.Exists(_passDir))
            {
                foreach (var file in Directory.EnumerateFiles(_passDir))
                {
                    var name = Path.GetFileName(file);
                    var key = name.EndsWith(".json", StringComparison.Ordinal) ? name[..^5] : name;
                    if (!_used.ContainsKey(key)) File.Delete(file);
                }
            }
            var header = JsonSerializer.SerializeToUtf8Bytes(new CacheHeader(Format, ToolVersion), CacheJson.Default.CacheHeader);
            WriteAtomically(Path.Combine(_dir, HeaderName), [], header);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
