using System.Text.Json;
using System.Text.Json.Nodes;

namespace GuideBuilder.Write;

/// <summary>One published file: its SHA-256 (lower-case hex), size, and the time stamp it had when published.</summary>
public sealed record ManifestEntry(string Sha256, long Size, long ModifiedTicks);

/// <summary>What a build changed in the output folder, paths relative to it, each list sorted.</summary>
public sealed record OutputChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed)
{
    public static OutputChanges None { get; } = new([], [], []);
}

/// <summary>
/// <c>.guidebuilder/manifest.json</c>: each file of the published output with its SHA-256 and size, for
/// deploy scripts, and for the next build, which reuses an unchanged file (same bytes, same time stamp,
/// same inode) instead of writing it again. It also names the output folder it describes: a manifest of
/// another folder is not used. A manifest that is missing or cannot be read only costs hashing the old files.
/// </summary>
public static class OutputManifest
{
    public const string FileName = "manifest.json";

    public static string PathFor(string stateDir) => Path.Combine(stateDir, FileName);

    /// <summary>The build cache's folder and header inside the state folder (the manifest says whether there was one).</summary>
    public const string CacheFolder = "build";
    public const string CacheHeader = "cache.json";

    /// <summary>True when the manifest at <paramref name="path"/> says a build cache was beside it when it was written.</summary>
    public static bool HadCache(string path)
    {
        try
        {
            return File.Exists(path) && JsonNode.Parse(File.ReadAllBytes(path)) is JsonObject root && root["build_cache"]?.GetValue<bool>() == true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The output folder the manifest at <paramref name="path"/> describes; null when there is none or it cannot be read.</summary>
    public static string? Describes(string path)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var reader = new Utf8JsonReader(File.ReadAllBytes(path));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "output" && reader.TokenType == JsonTokenType.String) return reader.GetString();
                reader.Skip();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
        }
        return null;
    }

    /// <summary>
    /// The entries of the manifest at <paramref name="path"/> when it describes <paramref name="output"/>; else empty.
    /// Read as a stream of tokens (a build with nothing changed reads it first thing; a large site's is megabytes).
    /// </summary>
    public static Dictionary<string, ManifestEntry> Read(string path, string output)
    {
        var entries = new Dictionary<string, ManifestEntry>(StringComparer.Ordinal);
        try
        {
            if (!File.Exists(path)) return entries;
            var reader = new Utf8JsonReader(File.ReadAllBytes(path));
            string? describes = null;
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return entries;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "output" && reader.TokenType == JsonTokenType.String) describes = reader.GetString();
                else if (name == "files" && reader.TokenType == JsonTokenType.StartArray) ReadFiles(ref reader, entries);
                else reader.Skip();
            }
            if (describes != output) entries.Clear();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            entries.Clear();
        }
        return entries;
    }

    private static void ReadFiles(ref Utf8JsonReader reader, Dictionary<string, ManifestEntry> entries)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }
            string? p = null, sha = null;
            long size = -1, ticks = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "path": p = reader.GetString(); break;
                    case "sha256": sha = reader.GetString(); break;
                    case "size": size = reader.GetInt64(); break;
                    case "mtime_ticks": ticks = reader.GetInt64(); break;
                    default: reader.Skip(); break;
                }
            }
            if (p is not null && sha is not null) entries[p] = new ManifestEntry(sha, size, ticks);
        }
    }

    /// <summary>Writes the manifest (sorted by path) through a temporary file and a rename, so a reader never sees half of one.</summary>
    public static void Write(string path, string output, IReadOnlyDictionary<string, ManifestEntry> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        using (var stream = File.Create(temp))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("output", output);
            json.WriteBoolean("build_cache", File.Exists(Path.Combine(Path.GetDirectoryName(path)!, CacheFolder, CacheHeader)));
            json.WriteStartArray("files");
            foreach (var (p, e) in entries.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", p);
                json.WriteString("sha256", e.Sha256);
                json.WriteNumber("size", e.Size);
                json.WriteNumber("mtime_ticks", e.ModifiedTicks);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        File.Move(temp, path, overwrite: true);
    }
}
