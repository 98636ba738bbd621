using System.Globalization;
using System.Text;

namespace GuideBuilder.Load;

/// <summary>One line of the ledger: a published page with its element ids in page order, or a redirect.</summary>
public sealed record LedgerPage(string Url, int Line, IReadOnlyList<string> Ids, string? RedirectTo = null)
{
    /// <summary>Old ids the page keeps on a reworded heading: old id → the heading's id (written <c>old-&gt;new</c>).</summary>
    public IReadOnlyDictionary<string, string> Kept { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// <c>published.yml</c>: every URL the site has published and every element id on each page, one line a
/// page, sorted by URL, so that a move or a rename is a one-line diff:
/// <code>
/// /windows/open-task-manager/: [open-task-manager, using-the-keyboard, using-the-keyboard-step-1..4]
/// /windows/task-manager/: {redirect: /windows/open-task-manager/}
/// </code>
/// URLs are site-relative with a leading <c>/</c>. Ids keep page order; a run of step ids
/// (<c>x-step-1</c>, <c>x-step-2</c>, …) is written as one range (<c>x-step-1..4</c>); an old id kept on a
/// reworded heading is written <c>old-id-&gt;heading-id</c>. The file is YAML,
/// but read here line by line, so that a hand edit or a merge conflict is named at its line.
/// </summary>
public sealed class PublishedLedger
{
    /// <summary>The file name, beside site.yml.</summary>
    public const string FileName = "published.yml";

    private const string Header = """
        # The URLs and element ids this site has published, written by each successful 'guidebuilder build'.
        # Commit this file. A URL missing from the site is an error (url.removed) until the page that replaces it
        # lists it under 'aliases:', or its line is deleted here to retire it on purpose.

        """;

    private const int MaxRange = 100_000;

    public PublishedLedger(IReadOnlyDictionary<string, LedgerPage> pages) => Pages = pages;

    /// <summary>Lines by URL (site-relative, no leading slash: <c>windows/x/</c>; the home page is <c>""</c>).</summary>
    public IReadOnlyDictionary<string, LedgerPage> Pages { get; }

    /// <summary>The ledger's entry for a page URL, or null.</summary>
    public LedgerPage? Find(string url) => Pages.GetValueOrDefault(url);

    /// <summary>
    /// Reads the ledger beside site.yml: null when there is none. A file that cannot be read, a conflict
    /// marker or a line that is not a ledger line throws <see cref="ConfigException"/> at its line.
    /// </summary>
    public static PublishedLedger? Load(string siteDir)
    {
        var path = Path.Combine(siteDir, FileName);
        if (!File.Exists(path)) return null;
        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            throw Fail(1, 1, "the file is not valid UTF-8 text");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(FileName, 0, 0, $"cannot read: {e.Message}");
        }
        return Parse(text);
    }

    /// <summary>Parses ledger text; see <see cref="Load"/>.</summary>
    public static PublishedLedger Parse(string text)
    {
        var pages = new Dictionary<string, LedgerPage>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("<<<<<<<", StringComparison.Ordinal) || line.StartsWith(">>>>>>>", StringComparison.Ordinal)
                || line.StartsWith("=======", StringComparison.Ordinal) || line.StartsWith("|||||||", StringComparison.Ordinal))
            {
                throw Fail(lineNo, 1, "unresolved merge conflict marker: keep the lines of both sides (one per URL) and remove the markers, then build");
            }
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            var page = ParseLine(line, lineNo);
            if (pages.TryGetValue(page.Url, out var first))
            {
                throw Fail(lineNo, 1, $"'/{page.Url}' is already listed on line {first.Line}; keep one line per URL");
            }
            pages[page.Url] = page;
        }
        return new PublishedLedger(pages);
    }

    private static LedgerPage ParseLine(string line, int lineNo)
    {
        var r = new LineReader(line, lineNo);
        if (line.Length > 0 && char.IsWhiteSpace(line[0])) throw r.Fail("a ledger line starts at the first column: '/url/: [ids]'");
        var key = r.Scalar();
        if (!key.StartsWith('/')) throw r.Fail($"a URL in the ledger starts with '/', not '{key}'", 1);
        var url = key[1..];
        r.Expect(':');
        r.SkipSpaces();
        string? redirect = null;
        var ids = new List<string>();
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        if (r.Peek == '[')
        {
            r.Expect('[');
            r.SkipSpaces();
            if (r.Peek == ']') r.Expect(']');
            else
            {
                while (true)
                {
                    var col = r.Column;
                    var quoted = r.Peek == '"';
                    var token = r.Scalar();
                    var arrow = quoted ? -1 : token.IndexOf("->", StringComparison.Ordinal);
                    if (arrow > 0 && arrow < token.Length - 2)
                    {
                        ids.Add(token[..arrow]);
                        kept[token[..arrow]] = token[(arrow + 2)..];
                    }
                    else Expand(token, ids, r, col);
                    r.SkipSpaces();
                    if (r.Peek == ',') { r.Expect(','); r.SkipSpaces(); continue; }
                    r.Expect(']');
                    break;
                }
            }
        }
        else if (r.Peek == '{')
        {
            r.Expect('{');
            r.SkipSpaces();
            var name = r.Scalar();
            if (name != "redirect") throw r.Fail($"expected 'redirect:' in braces, not '{name}'");
            r.Expect(':');
            r.SkipSpaces();
            var to = r.Scalar();
            if (!to.StartsWith('/')) throw r.Fail($"a redirect goes to a URL that starts with '/', not '{to}'");
            redirect = to[1..];
            r.SkipSpaces();
            r.Expect('}');
        }
        else
        {
            throw r.Fail("expected '[' (the page's ids) or '{redirect: /url/}' after the URL");
        }
        r.SkipSpaces();
        if (!r.AtEnd && r.Peek != '#') throw r.Fail($"unexpected '{r.Peek}' after the end of the line's value");
        return new LedgerPage(url, lineNo, ids, redirect) { Kept = kept };
    }

    /// <summary>Adds an id, or the ids of a step range (<c>x-step-1..4</c>).</summary>
    private static void Expand(string token, List<string> ids, LineReader r, int column)
    {
        var dots = token.LastIndexOf("..", StringComparison.Ordinal);
        if (dots > 0 && token.LastIndexOf("step-", dots, StringComparison.Ordinal) is var s and >= 0 && (s == 0 || token[s - 1] == '-'))
        {
            var prefix = token[..(s + 5)];
            if (int.TryParse(token.AsSpan(s + 5, dots - s - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                && int.TryParse(token.AsSpan(dots + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var to))
            {
                if (to < from || to - from > MaxRange) throw r.Fail($"step range '{token}' runs backwards or is too long", column);
                for (var n = from; n <= to; n++) ids.Add(prefix + n.ToString(CultureInfo.InvariantCulture));
                return;
            }
        }
        ids.Add(token);
    }

    /// <summary>The ledger text for these pages: header, then one line a URL in ordinal order. Same pages, same bytes.</summary>
    public static string Format(IEnumerable<LedgerPage> pages)
    {
        var text = new StringWriter(new StringBuilder(1 << 16), System.Globalization.CultureInfo.InvariantCulture);
        Format(pages, text);
        return text.ToString();
    }

    /// <summary>
    /// <see cref="Format(IEnumerable{LedgerPage})"/> written onto <paramref name="w"/> as it goes: a large site's ledger
    /// (tens of megabytes) is never held whole.
    /// </summary>
    public static void Format(IEnumerable<LedgerPage> pages, TextWriter w)
    {
        w.Write(Header);
        foreach (var p in pages.OrderBy(p => p.Url, StringComparer.Ordinal))
        {
            w.Write(Quote("/" + p.Url));
            w.Write(": ");
            if (p.RedirectTo is { } to)
            {
                w.Write("{redirect: ");
                w.Write(Quote("/" + to));
                w.Write('}');
            }
            else
            {
                w.Write('[');
                for (var i = 0; i < p.Ids.Count; i++)
                {
                    if (i > 0) w.Write(", ");
                    var run = StepRun(p.Ids, i);
                    if (run > 0)
                    {
                        var last = p.Ids[i + run];
                        w.Write(p.Ids[i]);
                        w.Write("..");
                        w.Write(last.AsSpan(last.LastIndexOf('-') + 1));
                        i += run;
                    }
                    else if (p.Kept.TryGetValue(p.Ids[i], out var heading) && IsPlain(p.Ids[i]) && IsPlain(heading))
                    {
                        w.Write(p.Ids[i]);
                        w.Write("->");
                        w.Write(heading);
                    }
                    else
                    {
                        w.Write(Quote(p.Ids[i]));
                    }
                }
                w.Write(']');
            }
            w.Write('\n');
        }
    }

    /// <summary>True for ids that name a step by its position (<c>step-3</c>, <c>x-step-3</c>): recorded, never aliased.</summary>
    public static bool IsStepId(string id) => StepNumberAt(id) >= 0;

    /// <summary>The index where a step id's number starts, or -1.</summary>
    private static int StepNumberAt(string id)
    {
        var s = id.LastIndexOf("step-", StringComparison.Ordinal);
        if (s < 0 || (s > 0 && id[s - 1] != '-') || s + 5 >= id.Length) return -1;
        for (var i = s + 5; i < id.Length; i++)
        {
            if (!char.IsAsciiDigit(id[i])) return -1;
        }
        return id[s + 5] == '0' && id.Length > s + 6 ? -1 : s + 5;
    }

    /// <summary>How many ids after <paramref name="i"/> continue its step numbers by one each (0: none, or no step id).</summary>
    private static int StepRun(IReadOnlyList<string> ids, int i)
    {
        var at = StepNumberAt(ids[i]);
        if (at < 0 || !IsPlain(ids[i])) return 0;
        var prefix = ids[i].AsSpan(0, at);
        var n = int.Parse(ids[i].AsSpan(at), CultureInfo.InvariantCulture);
        var run = 0;
        while (i + run + 1 < ids.Count)
        {
            var next = ids[i + run + 1];
            var expected = prefix.ToString() + (n + run + 1).ToString(CultureInfo.InvariantCulture);
            if (next != expected) break;
            run++;
        }
        return run;
    }

    /// <summary>Text written bare when it is a plain YAML word, else in double quotes.</summary>
    internal static string Quote(string s) => IsPlain(s) ? s : "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private static bool IsPlain(string s)
    {
        if (s.Length == 0 || s.Contains("..", StringComparison.Ordinal) || !(char.IsLetterOrDigit(s[0]) || s[0] is '/' or '_')) return false;
        if (s is "true" or "false" or "null" or "yes" or "no" or "on" or "off" || s[0] == '/' && s.Length > 1 && s[1] == '/') return false;
        foreach (var c in s)
        {
            if (!(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '~' or '%' or '+')) return false;
        }
        return true;
    }

    private static ConfigException Fail(int line, int column, string message) =>
        new(FileName, line, column, message);

    /// <summary>Reads one line's words: bare or double-quoted scalars and the punctuation between them.</summary>
    private sealed class LineReader(string line, int lineNo)
    {
        private int _pos;

        public bool AtEnd => _pos >= line.Length;
        public char Peek => AtEnd ? '\0' : line[_pos];
        public int Column => _pos + 1;

        public void SkipSpaces()
        {
            while (!AtEnd && line[_pos] is ' ' or '\t') _pos++;
        }

        public void Expect(char c)
        {
            if (Peek != c) throw Fail(AtEnd ? $"the line ends where '{c}' is expected" : $"expected '{c}', found '{Peek}'");
            _pos++;
        }

        public string Scalar()
        {
            if (Peek == '"')
            {
                var sb = new StringBuilder();
                _pos++;
                while (true)
                {
                    if (AtEnd) throw Fail("a quoted value is not closed");
                    var c = line[_pos++];
                    if (c == '"') return sb.ToString();
                    if (c == '\\')
                    {
                        if (AtEnd || line[_pos] is not ('"' or '\\')) throw Fail("only \\\" and \\\\ may be escaped in a quoted value");
                        c = line[_pos++];
                    }
                    sb.Append(c);
                }
            }
            var start = _pos;
            while (!AtEnd && line[_pos] is not (',' or ']' or '}' or '[' or '{' or '"') && !(line[_pos] == ':' && (_pos + 1 >= line.Length || line[_pos + 1] is ' ' or '\t')))
            {
                if (line[_pos] == '#' && _pos > start && line[_pos - 1] is ' ' or '\t') break;
                _pos++;
            }
            var word = line[start.._pos].TrimEnd(' ', '\t');
            if (word.Length == 0) throw Fail(AtEnd ? "the line ends where a value is expected" : $"expected a value, found '{Peek}'");
            return word;
        }

        public ConfigException Fail(string message, int? column = null) => PublishedLedger.Fail(lineNo, column ?? Column, message);
    }
}
