using System.Text;

namespace GuideBuilder.Load;

/// <summary>
/// Bounds how deeply blocks can nest, so hostile input (thousands of '>' or list markers) cannot
/// exhaust the stack in the parser, the renderer or our own tree walks. Markers past the limit are
/// kept as text.
/// </summary>
public static class DepthGuard
{
    public const int MaxDepth = 48;

    public static string Limit(string text)
    {
        if (!NeedsWork(text)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n'))
        {
            sb.Append(LimitLine(line)).Append('\n');
        }
        if (sb.Length > 0) sb.Length--;
        return sb.ToString();
    }

    private static bool NeedsWork(string text)
    {
        // Quick scan: only a line with many leading container markers needs rewriting.
        var depth = 0;
        var atStart = true;
        foreach (var c in text)
        {
            if (c == '\n') { depth = 0; atStart = true; continue; }
            if (!atStart) continue;
            if (c is '>' or '-' or '*' or '+') { if (++depth > MaxDepth) return true; }
            else if (c is not ' ' and not '\t' and not '.' and not ')' && !char.IsAsciiDigit(c)) atStart = false;
        }
        return false;
    }

    private static string LimitLine(string line)
    {
        var depth = 0;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c is ' ' or '\t') { i++; continue; }
            if (c is '>' or '-' or '*' or '+' || char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < line.Length && char.IsAsciiDigit(line[j])) j++;
                if (j > i && j < line.Length && line[j] is '.' or ')') j++;
                else if (j == i) j++;
                else break;
                if (++depth > MaxDepth)
                {
                    // Escape the marker that would open one level too many: the rest is plain text.
                    return line[..i] + "\\" + line[i..];
                }
                i = j;
                continue;
            }
            break;
        }
        return line;
    }
}
