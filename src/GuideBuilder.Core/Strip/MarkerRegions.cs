using System.Text;
using System.Text.RegularExpressions;
using GuideBuilder.Load;
using GuideBuilder.Model;

namespace GuideBuilder.Strip;

/// <summary>
/// First strip pass, on text lines: cuts the regions between ad marker comments, re-joins lists the
/// region split, and keeps a heading that followed raw HTML with no blank line from being swallowed by
/// the HTML block. A marker is an HTML comment that Markdig parsed as raw HTML (an HTML block or inline
/// HTML), never text in code blocks, code spans or escapes (<see cref="MarkdownShape"/>). A region that
/// begins and ends on one line takes only its own span of that line, so a list item or table row keeps
/// the rest; every marker on a line is handled, text after an end marker included.
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

    /// <summary>Result of the pass: the new lines and what was removed or kept with a warning.</summary>
    /// <remarks><see cref="Lines"/> is the input itself when the pass changed nothing.</remarks>
    public sealed record Result(SourceLines Lines, IReadOnlyList<Removal> Removals, IReadOnlyList<(int Line, string Message)> Suspicious);

    /// <summary>One marker comment: its line, its columns [Start, End), +1 for a begin and -1 for an end marker.</summary>
    private readonly record struct Mark(int Line, int Start, int End, int Kind);

    /// <summary>
    /// The words a reader would have seen in a removed region: its Markdown rendered, then read by the HTML parser.
    /// Made only when the removal's text is read (the strip report), see <see cref="Removal.WithText(Func{string?})"/>.
    /// </summary>
    private static string? VisibleText(string markdown) =>
        markdown.AsSpan().IsWhiteSpace() ? null : HtmlAdCleaner.VisibleText(HtmlFragment.Parse(Markdig.Markdown.ToHtml(markdown)).Root);

    /// <summary>Cuts the marker regions of <paramref name="input"/>, whose text Markdig parsed into <paramref name="shape"/>.</summary>
    public static Result Apply(SourceLines input, StripRules rules, MarkdownShape shape)
    {
        var lines = input.Lines;
        var marks = rules.Enabled && rules.Markers.Count > 0 ? FindMarks(lines, rules, shape) : [];
        if (marks.Count == 0 && !NeedsHeadingFix(lines, shape)) return new Result(input, [], []);
        var removals = new List<Removal>();
        var suspicious = new List<(int, string)>();
        var outLines = new List<string>(input.Lines.Count);
        var outMap = new List<int>(input.Lines.Count);
        var outFrom = new List<int>(input.Lines.Count);   // the input line each output line comes from, -1 for added ones
        var pageWords = -1;
        var k = 0;          // the next mark to look at
        var i = 0;
        while (i < lines.Count)
        {
            while (k < marks.Count && marks[k].Line < i) k++;
            if (k < marks.Count && marks[k].Line == i) i = Line(i, 0, "", fragment: false, join: i + 1);
            else
            {
                Keep(lines[i], i);
                i++;
            }
        }
        FixHeadingsAfterHtml(outLines, outMap, outFrom, shape);
        return new Result(new SourceLines(outLines, outMap), removals, suspicious);

        int PageWords()
        {
            if (pageWords < 0) pageWords = lines.Sum(l => ProseWords(l));
            return pageWords;
        }

        void Keep(string text, int index) => Add(text, index, index);

        void Add(string text, int index, int from)
        {
            outLines.Add(text);
            outMap.Add(input.SourceLine[index]);
            outFrom.Add(from);
        }

        // Line `i` from column `from` on, behind `prefix` (text kept before `from`); returns the index of
        // the next input line to read. A fragment is the text after a region's end marker: it starts a new
        // block, trimmed. `join` is the line to go on with when this line needs nothing else.
        int Line(int i, int from, string prefix, bool fragment, int join)
        {
            var line = lines[i];
            var kept = new StringBuilder(prefix);
            var pos = from;
            var cut = false;        // a region (not just a stray end marker) went from this line
            for (; k < marks.Count && marks[k].Line == i; )
            {
                var m = marks[k];
                if (m.Kind < 0)
                {
                    // An end marker with no begin: drop the comment alone.
                    removals.Add(new Removal("marker", input.SourceLine[i], input.SourceLine[i], "stray end marker"));
                    kept.Append(line, pos, m.Start - pos);
                    pos = m.End;
                    k++;
                    continue;
                }
                var endAt = EndOf(k);
                if (endAt < 0)
                {
                    suspicious.Add((input.SourceLine[i], "an ad region begins here but never ends; its content was kept"));
                    while (k < marks.Count && marks[k].Line == i) k++;
                    break;
                }
                var e = marks[endAt];
                if (e.Line == i)
                {
                    // A region inside one line: only its span goes, the line stays one line of its block.
                    var inner = line[m.End..e.Start];
                    kept.Append(line, pos, m.Start - pos);
                    if (GuardContent([inner], PageWords) is { } held)
                    {
                        suspicious.Add((input.SourceLine[i], $"the ad region holds {held}; it was kept (check the markers)"));
                        kept.Append(WithoutMarks(i, m.End, e.Start, k + 1, endAt));
                    }
                    else
                    {
                        var removed = StripComments(line[m.Start..e.End]);
                        removals.Add(new Removal(removed.AsSpan().IsWhiteSpace() ? "marker.empty" : "marker", input.SourceLine[i], input.SourceLine[i], Removal.Shorten(removed))
                            .WithText(() => VisibleText(removed)));
                        cut = true;
                    }
                    pos = e.End;
                    k = endAt + 1;
                    continue;
                }
                return Region(i, pos, kept.Append(line, pos, m.Start - pos).ToString(), k, endAt, fragment);
            }
            kept.Append(line, pos, line.Length - pos);
            var text = fragment ? kept.ToString().TrimStart() : kept.ToString();
            if (!text.AsSpan().IsWhiteSpace()) Add(text, i, fragment ? -1 : i);
            else if (cut && !fragment) return JoinAround(i + 1);
            return join;
        }

        // A region from marks[begin] on line `start` to marks[end] on a later line; `before` is the text
        // kept in front of it on the start line.
        int Region(int start, int from, string before, int begin, int end, bool fragment)
        {
            var b = marks[begin];
            var e = marks[end];
            var regionLines = new List<string>(e.Line - start + 1) { lines[start][b.End..] };
            for (var j = start + 1; j < e.Line; j++) regionLines.Add(lines[j]);
            regionLines.Add(lines[e.Line][..e.Start]);
            if (GuardContent(regionLines, PageWords) is { } held)
            {
                suspicious.Add((input.SourceLine[start], $"the ad region holds {held}; it was kept (check the markers)"));
                // Keep everything but the marker comments themselves.
                var first = before + WithoutMarks(start, b.End, lines[start].Length, begin + 1, end);
                if (!first.AsSpan().IsWhiteSpace()) Add(fragment ? first.TrimStart() : first, start, fragment ? -1 : start);
                for (var j = start + 1; j < e.Line; j++)
                {
                    var cleaned = WithoutMarks(j, 0, lines[j].Length, begin + 1, end);
                    if (!cleaned.AsSpan().IsWhiteSpace() || lines[j].AsSpan().IsWhiteSpace()) Keep(cleaned, j);
                }
                k = end + 1;
                return Line(e.Line, e.End, WithoutMarks(e.Line, 0, e.Start, begin + 1, end), fragment: false, join: e.Line + 1);
            }
            var inner = StripComments(string.Join('\n', lines.Skip(start).Take(e.Line - start + 1)));
            removals.Add(new Removal(inner.AsSpan().IsWhiteSpace() ? "marker.empty" : "marker", input.SourceLine[start], input.SourceLine[e.Line], Removal.Shorten(inner))
                .WithText(() => VisibleText(inner)));
            if (!before.AsSpan().IsWhiteSpace()) Add(fragment ? before.TrimStart() : before, start, fragment ? -1 : start);
            k = end + 1;
            var next = JoinAround(e.Line + 1);
            if (lines[e.Line].AsSpan(e.End).IsWhiteSpace()) return next;
            // Text after the end marker on the same line starts a new block, and may hold more markers.
            if (outLines.Count > 0 && !outLines[^1].AsSpan().IsWhiteSpace()) Add("", e.Line, -1);
            return Line(e.Line, e.End, "", fragment: true, join: next);
        }

        // The index of the end mark that closes the begin mark at `begin` (nested pairs counted), or -1.
        int EndOf(int begin)
        {
            var depth = 0;
            for (var j = begin; j < marks.Count; j++)
            {
                depth += marks[j].Kind;
                if (depth == 0) return j;
            }
            return -1;
        }

        // Line `i` from `from` to `to` without the marks[first..last] that lie on it.
        string WithoutMarks(int i, int from, int to, int first, int last)
        {
            var sb = new StringBuilder();
            var pos = from;
            for (var j = first; j <= last; j++)
            {
                var m = marks[j];
                if (m.Line != i || m.Start < from || m.End > to) continue;
                sb.Append(lines[i], pos, m.Start - pos);
                pos = m.End;
            }
            return sb.Append(lines[i], pos, to - pos).ToString();
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
            if (IsOrderedItem(nextText) && prevInList && !(outFrom[prevIdx] >= 0 && shape.IsCode(outFrom[prevIdx])))
            {
                while (outLines.Count - 1 > prevIdx) { outLines.RemoveAt(outLines.Count - 1); outMap.RemoveAt(outMap.Count - 1); outFrom.RemoveAt(outFrom.Count - 1); }
                return nextIdx;
            }
            if (outLines.Count > 0 && !outLines[^1].AsSpan().IsWhiteSpace() && nextInput < lines.Count && !lines[nextInput].AsSpan().IsWhiteSpace())
            {
                Add("", Math.Min(nextInput, lines.Count - 1), -1);
            }
            return nextInput;
        }
    }

    /// <summary>The marker comments of <paramref name="lines"/> that are raw HTML, in order.</summary>
    private static List<Mark> FindMarks(IReadOnlyList<string> lines, StripRules rules, MarkdownShape shape)
    {
        var marks = new List<Mark>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!line.Contains("<!--", StringComparison.Ordinal)) continue;
            foreach (var m in Comment().EnumerateMatches(line))
            {
                var kind = Classify(line.AsSpan(m.Index + 4, m.Length - 7), rules);
                if (kind != 0 && shape.IsHtml(i, m.Index)) marks.Add(new Mark(i, m.Index, m.Index + m.Length, kind));
            }
        }
        return marks;
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


    /// <summary>True when some line of <paramref name="lines"/> is an ATX heading, outside code, right under a raw-HTML line.</summary>
    private static bool NeedsHeadingFix(IReadOnlyList<string> lines, MarkdownShape shape)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (IsAtxHeading(lines[i]) && IsHtmlLine(lines[i - 1]) && !shape.IsCode(i)) return true;
        }
        return false;
    }

    /// <summary>Puts a blank line between a raw-HTML line and an ATX heading right under it (not in code).</summary>
    private static void FixHeadingsAfterHtml(List<string> lines, List<int> map, List<int> from, MarkdownShape shape)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            if (!IsAtxHeading(lines[i]) || !IsHtmlLine(lines[i - 1])) continue;
            if (from[i] >= 0 && shape.IsCode(from[i])) continue;
            lines.Insert(i, "");
            map.Insert(i, map[i]);
            from.Insert(i, -1);
            i++;
        }
    }

    private static bool IsHtmlLine(string line)
    {
        var t = line.AsSpan().Trim();
        return t.Length > 1 && t[0] == '<' && t[^1] == '>';
    }
}
