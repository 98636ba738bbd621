namespace GuideBuilder.Load;

/// <summary>
/// Plain-language hints for the YAML mistakes authors make most in front matter and site.yml, added
/// to the parser's own message: a value that goes on after its closing quote, a ': ' inside an
/// unquoted value, a tab used for indenting.
/// </summary>
internal static class YamlHint
{
    /// <summary>" (hint)" for line <paramref name="line"/> (1-based) of <paramref name="yaml"/>, or "" when no hint fits.</summary>
    public static string For(string? yaml, int line)
    {
        if (yaml is null || line < 1) return "";
        var lines = yaml.Split('\n');
        // The parser often stops on the line after the mistake (a key it did not expect): look at both.
        for (var k = Math.Min(line, lines.Length) - 1; k >= Math.Max(0, line - 2); k--)
        {
            if (ForLine(lines[k].TrimEnd('\r')) is { } hint) return $" ({hint})";
        }
        return "";
    }

    /// <summary>
    /// Where to report <paramref name="e"/> (1-based line and column in <paramref name="yaml"/>). The parser
    /// reports a tab used for indenting at the start of the mapping it was scanning, often lines above the
    /// tab; the tab itself is where the fix goes.
    /// </summary>
    public static (int Line, int Column) Position(string? yaml, YamlDotNet.Core.YamlException e)
    {
        var (line, column) = ((int)e.Start.Line, (int)e.Start.Column);
        var message = e.InnerException?.Message ?? e.Message;
        if (yaml is null || !message.Contains("tab", StringComparison.OrdinalIgnoreCase)) return (line, column);
        var lines = yaml.Split('\n');
        for (var k = Math.Max(0, line - 1); k < lines.Length; k++)
        {
            var text = lines[k];
            var indent = text.Length - text.TrimStart(' ', '\t').Length;
            var tab = text.IndexOf('\t', 0, indent);
            if (tab >= 0) return (k + 1, tab + 1);
        }
        return (line, column);
    }

    private static string? ForLine(string text)
    {
        if (text.StartsWith('\t') || text.TrimStart(' ').StartsWith('\t')) return "YAML does not allow tabs for indenting: use spaces";
        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0 || text[..colon].Trim().Length == 0 || text.TrimStart().StartsWith('#')) return null;
        var key = text[..colon].Trim().TrimStart('-', ' ');
        var value = text[(colon + 2)..].Trim();
        if (value.Length == 0) return null;
        if (value[0] is '\'' or '"')
        {
            var close = value.IndexOf(value[0], 1);
            while (close > 0 && value[0] == '\'' && close + 1 < value.Length && value[close + 1] == '\'') close = value.IndexOf('\'', close + 2);
            if (close > 0 && close + 1 < value.Length && value[(close + 1)..].Trim().Length > 0 && !value[(close + 1)..].TrimStart().StartsWith('#'))
            {
                return $"the value of '{key}' goes on after its closing quote: put the whole value in quotes, e.g. {key}: \"{Escape(value)}\"";
            }
            return close < 0 ? $"the quote that opens the value of '{key}' is never closed on its line" : null;
        }
        if (value[0] is not ('[' or '{' or '|' or '>') && value.Contains(": ", StringComparison.Ordinal))
        {
            return $"a value with ': ' in it must be quoted, e.g. {key}: \"{Escape(value)}\"";
        }
        return null;
    }

    private static string Escape(string value)
    {
        var shown = value.Length > 60 ? value[..57] + "…" : value;
        return shown.Replace("\\", "\\\\").Replace("\"", "\\\"");
    }
}
