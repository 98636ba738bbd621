using System.Text;
using System.Text.RegularExpressions;
using GuideBuilder.Load;
using GuideBuilder.Model;

namespace GuideBuilder.Strip;

/// <summary>
/// First strip pass, on text lines before Markdown parsing: cuts the regions between ad marker
/// comments (outside fenced code), re-joins lists the region split, and keeps a heading that
/// followed raw HTML with no blank line from being swallowed by the HTML block.
/// Works line by line so every remaining line keeps its source line number.
/// </summary>
public static partial class MarkerRegions
{
    [GeneratedRegex(@"<!--(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^ {0,3}(#{1,6})(\s|$)")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}\d{1,9}[.)](\s|$)")]
    private static partial Regex OrderedItem();

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})")]
    private static partial Regex Fence();

    /// <summary>Result of the pass: the new lines and what was removed or kept with a warning.</summary>
    public sealed record Result(SourceLines Lines, IReadOnlyList<Removal> Removals, IReadOnlyList<(int Line, string Message)> Suspicious);

    public static Result Apply(SourceLines input, StripRules rules)
    {
        var removals = new List<Removal>();
        var suspicious = new List<(int, string)>();
        var outLines = new List<string>(input.Lines.Count);
        var outMap = new List<int>(input.Lines.Count);
        var lines = input.Lines;
        string? fence = null;
        var pageWords = -1;
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (fence is not null)
            {
                if (IsFenceClose(line, fence)) fence = null;
                Keep(line, i);
                i++;
                continue;
            }
            if (MaybeFence(line) && Fence().Match(line) is { Success: true } f)
            {
                fence = f.Groups[1].Value;
                Keep(line, i);
                i++;
                continue;
            }
            if (rules.Enabled && rules.Markers.Count > 0 && line.Contains("<!--", StringComparison.Ordinal) && TryRegion(i, out var next))
            {
                i = next;
                continue;
            }
            Keep(line, i);
            i++;
        }
        FixHeadingsAfterHtml(outLines, outMap);
        return new Result(new SourceLines(outLines, outMap), removals, suspicious);

        int PageWords()
        {
            if (pageWords < 0) pageWords = lines.Sum(l => ProseWords(l));
            return pageWords;
        }

        void Keep(string text, int index)
        {
            outLines.Add(text);
            outMap.Add(input.SourceLine[index]);
        }

        // A region starts on line `start`; returns the index of the first line after it.
        bool TryRegion(int start, out int nextLine)
        {
            nextLine = start;
            var depth = 0;
            var before = "";        // text on the start line before the region
            var after = "";         // text on the end line after the region
            var beginSeen = false;
            var endLine = -1;
            var strayEnd = false;
            for (var j = start; j < lines.Count && endLine < 0; j++)
            {
                foreach (var m in Comment().EnumerateMatches(lines[j]))
                {
                    var kind = Classify(lines[j].AsSpan(m.Index + 4, m.Length - 7), rules);
                    if (kind == 0) continue;
                    if (kind > 0)
                    {
                        if (depth == 0 && !beginSeen)
                        {
                            before = lines[j][..m.Index];
                            beginSeen = true;
                        }
                        depth++;
                    }
                    else if (depth > 0)
                    {
                        depth--;
                        if (depth == 0)
                        {
                            after = lines[j][(m.Index + m.Length)..];
                            endLine = j;
                            break;
                        }
                    }
                    else if (!beginSeen && j == start)
                    {
                        // An end marker with no begin: drop the comment alone.
                        strayEnd = true;
                        before = lines[j][..m.Index];
                        after = lines[j][(m.Index + m.Length)..];
                        endLine = j;
                        break;
                    }
                }
                if (!beginSeen && !strayEnd) return false;   // first line had no marker
            }
            if (strayEnd)
            {
                removals.Add(new Removal("marker", input.SourceLine[start], input.SourceLine[start], "stray end marker"));
                EmitRemainder(before + after, start);
                nextLine = start + 1;
                return true;
            }
            if (endLine < 0)
            {
                suspicious.Add((input.SourceLine[start], "an ad region begins here but never ends; its content was kept"));
                return false;
            }
            var regionLines = new List<string>();
            for (var j = start; j <= endLine; j++) regionLines.Add(lines[j]);
            var inner = string.Join('\n', regionLines);
            var guard = GuardContent(regionLines, PageWords);
            if (guard is not null)
            {
                suspicious.Add((input.SourceLine[start], $"the ad region holds {guard}; it was kept (check the markers)"));
                // Keep everything but the marker comments themselves.
                for (var j = start; j <= endLine; j++)
                {
                    var cleaned = Comment().Replace(lines[j], m => Classify(m.Groups[1].Value, rules) == 0 ? m.Value : "");
                    if (!cleaned.AsSpan().IsWhiteSpace() || lines[j].AsSpan().IsWhiteSpace()) Keep(cleaned, j);
                }
                nextLine = endLine + 1;
                return true;
            }
            var innerText = StripComments(inner);
            removals.Add(new Removal(innerText.AsSpan().IsWhiteSpace() ? "marker.empty" : "marker", input.SourceLine[start], input.SourceLine[endLine], Removal.Shorten(innerText)));
            if (!before.AsSpan().IsWhiteSpace()) Keep(before, start);
            nextLine = JoinAround(endLine + 1);
            if (!after.AsSpan().IsWhiteSpace())
            {
                // Text after the end marker on the same line starts a new block.
                if (outLines.Count > 0 && !outLines[^1].AsSpan().IsWhiteSpace()) { outLines.Add(""); outMap.Add(input.SourceLine[endLine]); }
                outLines.Add(after.TrimStart());
                outMap.Add(input.SourceLine[endLine]);
            }
            return true;
        }

        void EmitRemainder(string text, int index)
        {
            if (!text.AsSpan().IsWhiteSpace()) Keep(text, index);
        }

        // After a region is cut: if it sat between two steps of one list, drop the blank lines
        // around it so the list stays one tight <ol>; if it sat between two other blocks with no
        // blank line, put one blank line back so they stay apart.
        int JoinAround(int nextInput)
        {
            var nextIdx = nextInput;
            while (nextIdx < lines.Count && lines[nextIdx].AsSpan().IsWhiteSpace()) nextIdx++;
            var prevIdx = outLines.Count - 1;
            while (prevIdx >= 0 && outLines[prevIdx].AsSpan().IsWhiteSpace()) prevIdx--;
            if (nextIdx >= lines.Count || prevIdx < 0) return nextInput;
            var nextText = lines[nextIdx];
            var prevText = outLines[prevIdx];
            var prevInList = IsOrderedItem(prevText) || (prevText.StartsWith("  ", StringComparison.Ordinal) && !prevText.AsSpan().TrimStart().StartsWith('<'));
            if (IsOrderedItem(nextText) && prevInList && !(MaybeFence(prevText) && Fence().IsMatch(prevText)))
            {
                while (outLines.Count - 1 > prevIdx) { outLines.RemoveAt(outLines.Count - 1); outMap.RemoveAt(outMap.Count - 1); }
                return nextIdx;
            }
            if (outLines.Count > 0 && !outLines[^1].AsSpan().IsWhiteSpace() && nextInput < lines.Count && !lines[nextInput].AsSpan().IsWhiteSpace())
            {
                outLines.Add("");
                outMap.Add(input.SourceLine[Math.Min(nextInput, lines.Count - 1)]);
            }
            return nextInput;
        }
    }

    private static bool IsFenceClose(string line, string fence)
    {
        var t = line.AsSpan().TrimStart(' ');
        if (line.Length - t.Length > 3) return false;
        var run = 0;
        while (run < t.Length && t[run] == fence[0]) run++;
        return run >= fence.Length && t[run..].IsWhiteSpace();
    }

    /// <summary>+1 for a begin marker, -1 for an end marker, 0 for any other comment.</summary>
    private static int Classify(ReadOnlySpan<char> commentBody, StripRules rules)
    {
        if (Ascii.IsValid(commentBody))
        {
            // Compare word by word, lower-cased, as Normalize would: no strings for the many comments that are no marker.
            foreach (var m in rules.Markers)
            {
                if (NormalizedEquals(commentBody, m.Begin)) return 1;
                if (NormalizedEquals(commentBody, m.End)) return -1;
            }
            return 0;
        }
        return Classify(commentBody.ToString(), rules);
    }

    private static int Classify(string commentBody, StripRules rules)
    {
        var n = StripRules.Normalize(commentBody);
        foreach (var m in rules.Markers)
        {
            if (n == m.Begin) return 1;
            if (n == m.End) return -1;
        }
        return 0;
    }

    /// <summary>True when <c>StripRules.Normalize(text) == normalized</c>, for ASCII <paramref name="text"/>.</summary>
    private static bool NormalizedEquals(ReadOnlySpan<char> text, string normalized)
    {
        var k = 0;
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length) return k == normalized.Length;
            if (k > 0)
            {
                // words after the first are separated by one space
                if (k >= normalized.Length || normalized[k] != ' ') return false;
                k++;
            }
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                if (k >= normalized.Length || char.ToLowerInvariant(text[i]) != normalized[k]) return false;
                i++;
                k++;
            }
        }
    }

    private static string StripComments(string text) => Comment().Replace(text, "");

    /// <summary>Describes Markdown structure in a region (a heading or a step) that an ad region should never hold.</summary>
    private static string? GuardContent(List<string> regionLines, Func<int> pageWords)
    {
        var words = 0;
        foreach (var l in regionLines)
        {
            if (l.AsSpan().TrimStart().StartsWith('<')) continue;
            if (IsAtxHeading(l)) return "a heading";
            if (IsOrderedItem(l)) return "a numbered step";
            words += ProseWords(l);
        }
        // The page's words are counted only when the region holds enough prose to matter.
        return words >= GuardWords && words >= pageWords() * GuardShare ? $"{words} words of prose" : null;
    }

    /// <summary>An ad region holding this many words of Markdown prose, and this share of the page's, is real content.</summary>
    private const int GuardWords = 40;
    private const double GuardShare = 0.2;

    /// <summary>Words on a line outside HTML tags (a line of raw HTML counts only its text).</summary>
    /// <remarks>
    /// Counts as <c>Regex.Replace(line, "&lt;!--.*?--&gt;|&lt;[^&gt;]*&gt;", " ").Split(null, RemoveEmptyEntries).Length</c> would,
    /// without the strings: a comment or tag is a gap, like white space.
    /// </remarks>
    private static int ProseWords(string line)
    {
        var span = line.AsSpan();
        if (span.TrimStart().StartsWith('<')) return 0;
        var count = 0;
        var inWord = false;
        var i = 0;
        while (i < span.Length)
        {
            var c = span[i];
            if (c == '<' && TagEnd(span, i) is var end and > 0)
            {
                inWord = false;
                i = end;
                continue;
            }
            var w = !char.IsWhiteSpace(c);
            if (w && !inWord) count++;
            inWord = w;
            i++;
        }
        return count;
    }

    /// <summary>Index just past the comment (<c>&lt;!--.*?--&gt;</c>) or tag (<c>&lt;[^&gt;]*&gt;</c>) at <paramref name="i"/>, or -1.</summary>
    private static int TagEnd(ReadOnlySpan<char> s, int i)
    {
        if (s[i..].StartsWith("<!--", StringComparison.Ordinal))
        {
            var close = s[(i + 4)..].IndexOf("-->", StringComparison.Ordinal);
            if (close >= 0) return i + 4 + close + 3;
        }
        var gt = s[(i + 1)..].IndexOf('>');
        return gt < 0 ? -1 : i + 1 + gt + 1;
    }

    /// <summary>Cheap test before <see cref="Fence"/>: the first non-space character, within three spaces, is a backtick or tilde.</summary>
    private static bool MaybeFence(string line)
    {
        var i = 0;
        while (i < line.Length && i < 3 && line[i] == ' ') i++;
        return i < line.Length && line[i] is '`' or '~';
    }

    private static bool IsAtxHeading(string line)
    {
        var i = 0;
        while (i < line.Length && i < 3 && line[i] == ' ') i++;
        return i < line.Length && line[i] == '#' && AtxHeading().IsMatch(line);
    }

    private static bool IsOrderedItem(string line)
    {
        var i = 0;
        while (i < line.Length && i < 3 && line[i] == ' ') i++;
        return i < line.Length && char.IsDigit(line[i]) && OrderedItem().IsMatch(line);
    }


    /// <summary>Puts a blank line between a raw-HTML line and an ATX heading right under it.</summary>
    private static void FixHeadingsAfterHtml(List<string> lines, List<int> map)
    {
        string? fence = null;
        for (var i = 1; i < lines.Count; i++)
        {
            var l = lines[i];
            if (fence is not null)
            {
                if (IsFenceClose(l, fence)) fence = null;
                continue;
            }
            if (MaybeFence(l) && Fence().Match(l) is { Success: true } f) { fence = f.Groups[1].Value; continue; }
            if (!IsAtxHeading(l)) continue;
            var prev = lines[i - 1].Trim();
            if (prev.Length > 1 && prev[0] == '<' && prev[^1] == '>')
            {
                lines.Insert(i, "");
                map.Insert(i, map[i]);
                i++;
            }
        }
    }
}
