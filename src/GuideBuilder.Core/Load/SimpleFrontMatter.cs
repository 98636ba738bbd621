namespace GuideBuilder.Load;

/// <summary>
/// Fast path for the front matter nearly every guide has: known keys at the start of a line, each with
/// one plain (unquoted, one-line) value or a block list of plain items. Anything else — quotes, flow
/// collections, comments, blank lines, continuation lines, unknown or repeated keys, a value the YAML
/// path would reject — returns null, and the YamlDotNet path parses the block and reports errors.
/// Accepting only what has one reading in YAML keeps both paths' results the same.
/// </summary>
internal static class SimpleFrontMatter
{
    public static FrontMatter? TryParse(string[] lines, int start, int count, int firstLine)
    {
        if (count <= 0) return null;
        var end = start + count;
        var fm = new FrontMatter();
        var keyLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var i = start;
        while (i < end)
        {
            var line = lines[i];
            var colon = KeyEnd(line);
            if (colon < 0) return null;
            var key = line[..colon];
            if (!keyLines.TryAdd(key, i - start + firstLine)) return null;
            var rest = line.AsSpan(colon + 1);
            string? value = null;
            List<string>? items = null;
            i++;
            if (rest.TrimStart(' ').Length == 0)
            {
                // An empty value, or a block list on the lines below.
                var indent = -1;
                while (i < end && lines[i].Length > 0 && lines[i][0] is ' ' or '-')
                {
                    if (Item(lines[i], ref indent) is not { } item) return null;
                    (items ??= []).Add(item);
                    i++;
                }
            }
            else
            {
                if (rest[0] != ' ') return null;
                value = Plain(rest);
                if (value is null) return null;
            }
            if (FrontMatterParser.ApplySimple(fm, key, value, items) is not { } next) return null;
            fm = next;
        }
        return fm with { KeyLines = keyLines };
    }

    /// <summary>Index of the ':' ending a simple key (<c>[A-Za-z_][A-Za-z0-9_-]*:</c> then a space or the end), or -1.</summary>
    private static int KeyEnd(string line)
    {
        if (line.Length == 0 || !(char.IsAsciiLetter(line[0]) || line[0] == '_')) return -1;
        var k = 1;
        while (k < line.Length && (char.IsAsciiLetterOrDigit(line[k]) || line[k] is '_' or '-')) k++;
        if (k >= line.Length || line[k] != ':') return -1;
        return k + 1 == line.Length || line[k + 1] == ' ' ? k : -1;
    }

    /// <summary>A list item <c>- value</c> at the list's indentation, or null.</summary>
    private static string? Item(string line, ref int indent)
    {
        var n = 0;
        while (n < line.Length && line[n] == ' ') n++;
        if (indent < 0) indent = n;
        if (n != indent || n + 1 >= line.Length || line[n] != '-' || line[n + 1] != ' ') return null;
        return Plain(line.AsSpan(n + 1));
    }

    /// <summary>
    /// The value of a one-line plain scalar after its leading spaces, trailing spaces dropped, or null when
    /// the text could read otherwise in YAML (an indicator first, ": " or " #" inside, a tab, a control,
    /// line-break or non-space white-space character).
    /// </summary>
    private static string? Plain(ReadOnlySpan<char> text)
    {
        text = text.TrimStart(' ').TrimEnd(' ');
        if (text.Length == 0 || "-?:,[]{}#&*!|>'\"%@`".Contains(text[0])) return null;
        for (var k = 0; k < text.Length; k++)
        {
            var c = text[k];
            if (c == ':' && (k + 1 == text.Length || text[k + 1] == ' ')) return null;
            if (c == '#' && text[k - 1] == ' ') return null;
            if (c is >= ' ' and <= '~') continue;
            if (c < '\u00A0' || char.IsWhiteSpace(c) || char.IsSurrogate(c) || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF') return null;
        }
        return text.ToString();
    }
}
