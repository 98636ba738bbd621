namespace GuideBuilder.Model;

/// <summary>Path arithmetic on '/'-separated site paths.</summary>
public static class UrlPaths
{
    /// <summary>True for URLs a browser takes to another scheme or host (https:, mailto:, xref:, //host, /\\host): not files of this site.</summary>
    public static bool IsExternal(string url) => !WebUrl.Read(url).IsRelative;

    /// <summary>Joins <paramref name="relative"/> onto <paramref name="baseDir"/> and resolves '.' and '..'. Null when it climbs above the root.</summary>
    public static string? Combine(string baseDir, string relative)
    {
        var parts = new List<string>();
        if (!relative.StartsWith('/') && baseDir.Length > 0) parts.AddRange(baseDir.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var seg in relative.Split('/'))
        {
            if (seg.Length == 0 || seg == ".") continue;
            if (seg == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(seg);
        }
        return string.Join('/', parts);
    }

    /// <summary>A relative URL from the page at <paramref name="fromDir"/> (a folder URL such as <c>a/b/</c>) to <paramref name="target"/>.</summary>
    public static string Relative(string fromDir, string target)
    {
        var from = fromDir.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = target.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common]) common++;
        var up = string.Concat(Enumerable.Repeat("../", from.Length - common));
        var rest = string.Join('/', to[common..]);
        var result = up + rest;
        return result.Length == 0 ? "./" : result;
    }

    /// <summary>The folder part of a '/'-separated path ("" at the root).</summary>
    public static string DirectoryOf(string path)
    {
        var i = path.LastIndexOf('/');
        return i < 0 ? "" : path[..i];
    }

    /// <summary>Splits a URL into path, query and fragment (fragment without '#', null when absent).</summary>
    public static (string Path, string Query, string? Fragment) Split(string url)
    {
        string? fragment = null;
        var hash = url.IndexOf('#');
        if (hash >= 0)
        {
            fragment = url[(hash + 1)..];
            url = url[..hash];
        }
        var query = "";
        var q = url.IndexOf('?');
        if (q >= 0)
        {
            query = url[q..];
            url = url[..q];
        }
        return (url, query, fragment);
    }

    /// <summary>Percent-decodes a path or fragment the way a browser does before matching; bad escapes are left as they are.</summary>
    public static string Decode(string s)
    {
        if (!s.Contains('%')) return s;
        try
        {
            return Uri.UnescapeDataString(s);
        }
        catch (UriFormatException)
        {
            return s;
        }
    }
}
