using AngleSharp.Dom;

namespace GuideBuilder.Model;

/// <summary>
/// A URL as a browser reads it, the one reading every strip rule, link check, rewrite and sanitizer
/// decision uses. Parsed with the WHATWG URL Standard (AngleSharp's <see cref="Url"/>): tabs and
/// newlines inside are dropped, leading and trailing spaces and controls trimmed, <c>\</c> read as
/// <c>/</c>, <c>//host</c> and <c>/\host</c> taken as another host, hosts percent-decoded, lower-cased
/// and IDNA-encoded; a trailing dot of a host is dropped too (DNS ignores it). Character references
/// are decoded before a URL gets here, by the Markdown or HTML parser that read it.
/// </summary>
public sealed record WebUrl
{
    /// <summary>The base a relative reference is resolved against; a host nobody writes.</summary>
    private const string BaseHost = "guidebuilder.invalid";
    private static readonly Url Base = new("https://" + BaseHost + "/");

    private WebUrl(string text, string? scheme, string host, string path, string query, string? fragment, bool invalid)
    {
        Text = text;
        Scheme = scheme;
        Host = host;
        Path = path;
        Query = query;
        Fragment = fragment;
        IsInvalid = invalid;
    }

    /// <summary>The URL as a browser resolves it: tabs and newlines removed, surrounding spaces and controls trimmed.</summary>
    public string Text { get; }

    /// <summary>Lower-case scheme (<c>https</c>, <c>mailto</c>, <c>javascript</c>); null for a reference to this site (<c>a.md</c>, <c>/x/</c>, <c>#id</c>).</summary>
    public string? Scheme { get; }

    /// <summary>The host, ASCII and lower case without a trailing dot; "" when the URL has none.</summary>
    public string Host { get; }

    /// <summary>The path with a leading <c>/</c> (percent-encoded as a browser sends it); "" for URLs without a hierarchical path.</summary>
    public string Path { get; }

    /// <summary>The query without its <c>?</c>; "" when there is none.</summary>
    public string Query { get; }

    /// <summary>The fragment without its <c>#</c>; null when there is none.</summary>
    public string? Fragment { get; }

    /// <summary>True when a browser would not follow it (a host that does not parse, say).</summary>
    public bool IsInvalid { get; }

    /// <summary>A reference into this site: a path, <c>../x</c>, <c>/x/</c>, <c>?q</c> or <c>#id</c>; never another host or scheme.</summary>
    public bool IsRelative => Scheme is null;

    /// <summary>An http or https URL (protocol-relative ones included).</summary>
    public bool IsWeb => Scheme is "http" or "https";

    /// <summary>A URL that runs code when followed: <c>javascript:</c> and <c>vbscript:</c>.</summary>
    public bool IsScript => Scheme is "javascript" or "vbscript";

    /// <summary>Reads <paramref name="written"/> as a browser would, on a page of this site.</summary>
    public static WebUrl Read(string? written)
    {
        var text = Clean(written ?? "");
        if (IsDrivePath(text)) return new WebUrl(text, null, "", "", "", null, invalid: false);
        Url url;
        try
        {
            url = new Url(Base, text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return new WebUrl(text, HasScheme(text) ? text[..text.IndexOf(':')].ToLowerInvariant() : null, "", "", "", null, invalid: true);
        }
        var host = (url.HostName ?? "").TrimEnd('.');
        var scheme = (url.Scheme ?? "").ToLowerInvariant();
        var fragment = url.Fragment is { } f && text.Contains('#') ? f : null;
        var query = url.Query ?? "";
        if (url.IsInvalid)
        {
            return new WebUrl(text, HasScheme(text) ? text[..text.IndexOf(':')].ToLowerInvariant() : null, "", "", "", fragment, invalid: true);
        }
        if (!HasScheme(text) && scheme == "https" && host == BaseHost)
        {
            return new WebUrl(text, null, "", "", query, fragment, invalid: false);
        }
        if (scheme == "https" && host == BaseHost && !text.Contains(BaseHost, StringComparison.OrdinalIgnoreCase))
        {
            // "https:x/y" on an https page is a relative path, as it is in a browser.
            return new WebUrl(text, null, "", "", query, fragment, invalid: false);
        }
        var path = url.IsRelative || url.Path is null ? "" : "/" + url.Path;
        if (scheme is not ("http" or "https" or "ftp" or "ws" or "wss" or "file")) path = "";
        return new WebUrl(text, scheme, host, path, query, fragment, invalid: false);
    }

    /// <summary>Drops what a browser drops before parsing: every tab and newline, and leading and trailing C0 controls and spaces.</summary>
    public static string Clean(string written)
    {
        var needs = false;
        foreach (var c in written)
        {
            if (c is '\t' or '\n' or '\r')
            {
                needs = true;
                break;
            }
        }
        var s = needs ? string.Concat(written.Where(c => c is not ('\t' or '\n' or '\r'))) : written;
        return s.Trim(TrimChars);
    }

    private static readonly char[] TrimChars = Enumerable.Range(0, 0x21).Select(i => (char)i).ToArray();

    /// <summary>
    /// A drive letter (<c>C:\Users\…</c>, <c>c:/docs/…</c>) is read as a path, not as scheme <c>c:</c>: it is a
    /// file on the author's computer, dead on the published page either way, and the link check says so.
    /// </summary>
    private static bool IsDrivePath(string text) =>
        text.Length >= 3 && char.IsAsciiLetter(text[0]) && text[1] == ':' && text[2] is '/' or '\\';

    /// <summary>True when <paramref name="text"/> starts with a scheme: a letter, then letters, digits, <c>+ - .</c>, then <c>:</c>.</summary>
    private static bool HasScheme(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0])) return false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ':') return true;
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return false;
        }
        return false;
    }
}
