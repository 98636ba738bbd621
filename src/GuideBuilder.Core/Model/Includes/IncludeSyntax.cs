namespace GuideBuilder.Model.Includes;

/// <summary>
/// Reads DocFX's include directive, <c>[!INCLUDE [title](path)]</c>: the keyword in any letter case, a
/// title in brackets (nested brackets and backslash escapes allowed) and a path in parentheses, bare or
/// in angle brackets (<c>(&lt;my file.md&gt;)</c>).
/// </summary>
public static class IncludeSyntax
{
    private const string Keyword = "[!include";

    /// <summary>
    /// Reads a directive that starts at <paramref name="start"/> in <paramref name="text"/>, not past <paramref name="end"/>
    /// (exclusive). On success <paramref name="after"/> is the index after its closing <c>]</c> and <paramref name="pathAt"/> where the path starts.
    /// </summary>
    public static bool TryRead(string text, int start, int end, out string title, out string path, out int pathAt, out int after)
    {
        title = path = "";
        pathAt = after = start;
        if (end - start < Keyword.Length + 5 || string.Compare(text, start, Keyword, 0, Keyword.Length, StringComparison.OrdinalIgnoreCase) != 0) return false;
        var i = SkipSpaces(text, start + Keyword.Length, end);
        if (i >= end || text[i] != '[') return false;
        var titleStart = ++i;
        for (var depth = 1; ; i++)
        {
            if (i >= end || text[i] == '\n') return false;
            if (text[i] == '\\' && i + 1 < end) i++;
            else if (text[i] == '[') depth++;
            else if (text[i] == ']' && --depth == 0) break;
        }
        title = text[titleStart..i];
        if (++i >= end || text[i] != '(') return false;
        i = SkipSpaces(text, i + 1, end);
        if (i < end && text[i] == '<')
        {
            pathAt = i + 1;
            var close = text.IndexOf('>', pathAt);
            if (close < 0 || close >= end || text.AsSpan(pathAt, close - pathAt).Contains('\n')) return false;
            path = text[pathAt..close];
            i = close + 1;
        }
        else
        {
            pathAt = i;
            for (var parens = 0; i < end && !char.IsWhiteSpace(text[i]); i++)
            {
                if (text[i] == '(') parens++;
                else if (text[i] == ')' && parens-- == 0) break;
            }
            path = text[pathAt..i];
        }
        i = SkipSpaces(text, i, end);
        if (i >= end || text[i] != ')') return false;
        i = SkipSpaces(text, i + 1, end);
        if (i >= end || text[i] != ']' || path.Length == 0) return false;
        after = i + 1;
        return true;
    }

    /// <summary>True when <paramref name="text"/> may hold a directive (a cheap test before parsing).</summary>
    public static bool MightHave(string text) => text.Contains(Keyword, StringComparison.OrdinalIgnoreCase);

    private static int SkipSpaces(string text, int i, int end)
    {
        while (i < end && text[i] is ' ' or '\t') i++;
        return i;
    }
}
