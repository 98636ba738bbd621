namespace GuideBuilder.Strip;

/// <summary>
/// One ad or affiliate host pattern, written <c>host[/path-prefix][?query-key=[value-prefix]]</c>:
/// <c>*.sjv.io/c/</c>, <c>*.2checkout.com?AFFILIATE=</c>, <c>amazon.*?tag=</c>, <c>*.walmart.com?veh=aff</c>
/// (the key with a value that starts with <c>aff</c>, letter case ignored).
/// A host of <c>*</c> alone matches any host (the path shape then says it all: <c>*/c/#/#/#</c>);
/// in the path prefix a segment <c>*</c> matches any one segment and <c>#</c> one made of digits, and a
/// prefix that starts with <c>/**/</c> matches its segments anywhere in the path (<c>*.bhphotovideo.com/**/BI/#/KBID/#</c>).
/// </summary>
public sealed class HostRule
{
    private readonly string _host;
    private readonly bool _anySubdomain;
    private readonly bool _anyTld;
    private readonly bool _anyHost;
    private readonly string? _pathPrefix;
    private readonly string? _queryKey;
    private readonly string? _queryValue;

    public HostRule(string pattern)
    {
        Pattern = pattern;
        var rest = pattern.Trim();
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            var query = rest[(q + 1)..];
            var eq = query.IndexOf('=');
            _queryKey = eq < 0 ? query : query[..eq];
            if (eq >= 0 && eq + 1 < query.Length) _queryValue = query[(eq + 1)..];
            rest = rest[..q];
        }
        var slash = rest.IndexOf('/');
        if (slash >= 0)
        {
            _pathPrefix = rest[slash..];
            rest = rest[..slash];
        }
        if (rest == "*")
        {
            _anyHost = true;
        }
        else if (rest.StartsWith("*.", StringComparison.Ordinal))
        {
            _anySubdomain = true;
            rest = rest[2..];
        }
        if (rest.EndsWith(".*", StringComparison.Ordinal))
        {
            _anyTld = true;
            rest = rest[..^2];
        }
        _host = rest.ToLowerInvariant();
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>True when <paramref name="url"/>, as a browser reads it, is on this pattern's host, path and query key.</summary>
    public bool Matches(Model.WebUrl url)
    {
        if (!HostMatches(url.Host)) return false;
        if (_pathPrefix is not null && !PathMatches(url.Path.Length == 0 ? "/" : url.Path)) return false;
        if (_queryKey is not null && !HasQueryKey(url.Query, _queryKey, _queryValue)) return false;
        return true;
    }

    private bool PathMatches(string path)
    {
        if (!_pathPrefix!.Contains('*') && !_pathPrefix.Contains('#')) return path.StartsWith(_pathPrefix, StringComparison.OrdinalIgnoreCase);
        var want = _pathPrefix.Split('/');
        var have = path.Split('/');
        // "/**/BI/#/KBID/": the segments after "**" may start at any segment of the path
        if (want.Length > 1 && want[1] == "**")
        {
            var rest = want[2..];
            for (var start = 1; start + rest.Length <= have.Length; start++)
            {
                if (SegmentsMatch(rest, have, start)) return true;
            }
            return false;
        }
        return have.Length >= want.Length && SegmentsMatch(want, have, 0);
    }

    private static bool SegmentsMatch(string[] want, string[] have, int start)
    {
        for (var i = 0; i < want.Length; i++)
        {
            var h = have[start + i];
            var ok = want[i] switch
            {
                "*" => h.Length > 0,
                "#" => h.Length > 0 && h.All(char.IsAsciiDigit),
                // the last segment of a prefix may be a partial one ("/c/" ends in an empty segment)
                var w when i == want.Length - 1 => h.StartsWith(w, StringComparison.OrdinalIgnoreCase),
                var w => string.Equals(h, w, StringComparison.OrdinalIgnoreCase),
            };
            if (!ok) return false;
        }
        return true;
    }

    private bool HostMatches(string host)
    {
        if (_anyHost) return true;
        if (_anyTld)
        {
            // amazon.* matches amazon.com, amazon.co.uk; with *. also www.amazon.de
            var idx = host.IndexOf(_host + ".", StringComparison.Ordinal);
            if (idx < 0) return false;
            return idx == 0 ? true : _anySubdomain && host[idx - 1] == '.';
        }
        if (host == _host) return true;
        return _anySubdomain && host.EndsWith("." + _host, StringComparison.Ordinal);
    }

    private static bool HasQueryKey(string query, string key, string? valuePrefix)
    {
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            var eq = part.IndexOf('=');
            var name = eq >= 0 ? part[..eq] : part;
            if (!string.Equals(name, key, StringComparison.OrdinalIgnoreCase)) continue;
            if (valuePrefix is null) return true;
            if (eq >= 0 && Uri.UnescapeDataString(part[(eq + 1)..]).StartsWith(valuePrefix, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
