using System.Text.Json;
using System.Text.Json.Nodes;

namespace GuideBuilder.Validate;

/// <summary>
/// The external-link cache file: <c>{"version":1,"urls":{"https://…":{"ok":true,"message":"200","checked":"2025-…"}}}</c>.
/// A missing or unreadable file is an empty cache; writing is best effort (a read-only site still checks).
/// </summary>
public sealed class ExternalCache
{
    private readonly Dictionary<string, ExternalResult> _entries = new(StringComparer.Ordinal);

    public static ExternalCache Load(string path)
    {
        var cache = new ExternalCache();
        try
        {
            if (!File.Exists(path)) return cache;
            if (JsonNode.Parse(File.ReadAllText(path))?["urls"] is not JsonObject urls) return cache;
            foreach (var (url, node) in urls)
            {
                if (node is not JsonObject o) continue;
                var ok = o["ok"]?.GetValue<bool>() ?? false;
                var message = o["message"]?.GetValue<string>() ?? "";
                if (!DateTimeOffset.TryParse(o["checked"]?.GetValue<string>(), out var at)) continue;
                cache._entries[url] = new ExternalResult(ok, true, message, at);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            cache._entries.Clear();
        }
        return cache;
    }

    public bool TryGet(string url, out ExternalResult result) => _entries.TryGetValue(url, out result!);

    public void Set(string url, ExternalResult result) => _entries[url] = result;

    public void Save(string path)
    {
        var urls = new JsonObject();
        foreach (var (url, r) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            urls[url] = new JsonObject { ["ok"] = r.Ok, ["message"] = r.Message, ["checked"] = r.CheckedAt.ToString("O") };
        }
        var text = new JsonObject { ["version"] = 1, ["urls"] = urls }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next run checks again.
        }
    }
}
