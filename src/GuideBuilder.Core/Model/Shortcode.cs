namespace GuideBuilder.Model;

/// <summary>
/// One Hugo shortcode (<c>{{&lt; name args &gt;}}</c>, <c>{{% name args %}}</c>) or Liquid tag
/// (<c>{% name args %}</c>) as written in a copied post. A Liquid <c>include</c> is named by the file
/// it includes (<c>{% include embed/youtube.html id="x" %}</c> is <c>embed/youtube.html</c>).
/// </summary>
/// <param name="Name">The shortcode's name, as written (a closing tag's name without its <c>/</c> or <c>end</c>).</param>
/// <param name="Closing">A closing tag: <c>{{&lt; /name &gt;}}</c> or <c>{% endname %}</c>.</param>
/// <param name="Positional">Unnamed arguments, quotes taken off.</param>
/// <param name="Named">Named arguments (<c>key="value"</c>, <c>key=value</c>), keys in lower case.</param>
/// <param name="Raw">The tag as it is shown when left as written (a Hugo <c>{{&lt;/* … */&gt;}}</c> escape without its comment marks).</param>
/// <param name="Escaped">A Hugo escape, <c>{{&lt;/* name */&gt;}}</c>: its author wants the tag shown as text.</param>
public sealed record Shortcode(string Name, bool Closing, IReadOnlyList<string> Positional, IReadOnlyDictionary<string, string> Named, string Raw, bool Escaped)
{
    /// <summary>Longest tag read, so an unclosed <c>{%</c> cannot make a scan run through a whole page.</summary>
    private const int MaxLength = 2000;

    /// <summary>A named argument, else the positional one at <paramref name="position"/>, else null.</summary>
    public string? Arg(string name, int position = -1) =>
        Named.TryGetValue(name, out var v) ? v : position >= 0 && position < Positional.Count ? Positional[position] : null;

    /// <summary>Every argument value, named and positional.</summary>
    public IEnumerable<string> Values => Positional.Concat(Named.Values);

    /// <summary>True when <paramref name="text"/> has a tag opening at <paramref name="start"/> (<c>{{&lt;</c>, <c>{{%</c> or <c>{%</c>).</summary>
    public static bool StartsAt(ReadOnlySpan<char> text, int start) =>
        start + 1 < text.Length && text[start] == '{'
        && (text[start + 1] == '%' || start + 2 < text.Length && text[start + 1] == '{' && text[start + 2] is '<' or '%');

    /// <summary>
    /// Reads the tag that opens at <paramref name="start"/> of <paramref name="text"/>, ending before
    /// <paramref name="limit"/>; <paramref name="end"/> is the index just past it. Null when no well-formed tag is there.
    /// </summary>
    public static Shortcode? Read(string text, int start, int limit, out int end)
    {
        end = start;
        if (!StartsAt(text.AsSpan(0, limit), start)) return null;
        string open, close;
        if (text[start + 1] == '%') (open, close) = ("{%", "%}");
        else if (text[start + 2] == '<') (open, close) = ("{{<", ">}}");
        else (open, close) = ("{{%", "%}}");
        var max = Math.Min(limit, start + MaxLength);
        var closeAt = text.IndexOf(close, start + open.Length, max - start - open.Length, StringComparison.Ordinal);
        if (closeAt < 0) return null;
        var inner = text[(start + open.Length)..closeAt];
        end = closeAt + close.Length;
        var escaped = false;
        if (open == "{{<" && inner.StartsWith("/*", StringComparison.Ordinal) && inner.EndsWith("*/", StringComparison.Ordinal) && inner.Length >= 4)
        {
            escaped = true;
            inner = inner[2..^2];
        }
        inner = inner.Trim();
        if (open == "{%") inner = inner.Trim('-').Trim();
        var tokens = Tokens(inner);
        if (tokens.Count == 0) return null;
        var name = tokens[0].Value;
        var closing = false;
        if (open != "{%" && name.StartsWith('/'))
        {
            closing = true;
            name = name[1..];
        }
        else if (open == "{%" && name.Length > 3 && name.StartsWith("end", StringComparison.Ordinal))
        {
            closing = true;
            name = name[3..];
        }
        var rest = tokens.Skip(1).ToList();
        if (open == "{%" && name is "include" or "include_relative" && rest.Count > 0 && rest[0].Key is null)
        {
            name = rest[0].Value;
            rest.RemoveAt(0);
        }
        if (name.Length == 0 || !name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/')) return null;
        var positional = rest.Where(t => t.Key is null).Select(t => t.Value).ToList();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var t in rest)
        {
            if (t.Key is not null) named.TryAdd(t.Key.ToLowerInvariant(), t.Value);
        }
        var raw = escaped ? open + " " + inner + " " + close : text[start..end];
        return new Shortcode(name, closing, positional, named, raw, escaped);
    }

    /// <summary>Space-separated tokens; <c>"…"</c>, <c>'…'</c> and <c>`…`</c> quote; <c>key=value</c> is named.</summary>
    private static List<(string? Key, string Value)> Tokens(string s)
    {
        var list = new List<(string?, string)>();
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
            if (i >= s.Length) break;
            string? key = null;
            var start = i;
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not '=' and not '"' and not '\'' and not '`') i++;
            if (i < s.Length && s[i] == '=' && i > start)
            {
                key = s[start..i];
                i++;
                while (i < s.Length && s[i] == ' ') i++;
                start = i;
            }
            else
            {
                i = start;
            }
            string value;
            if (i < s.Length && s[i] is '"' or '\'' or '`')
            {
                var quote = s[i];
                var close = s.IndexOf(quote, i + 1);
                if (close < 0) close = s.Length;
                value = s[(i + 1)..close];
                i = Math.Min(s.Length, close + 1);
            }
            else
            {
                while (i < s.Length && !char.IsWhiteSpace(s[i])) i++;
                value = s[start..i];
            }
            list.Add((key, value));
        }
        return list;
    }
}
