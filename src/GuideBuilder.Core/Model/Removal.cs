namespace GuideBuilder.Model;

/// <summary>One thing the stripper took out of a page: which rule, which source lines (1-based, inclusive), and a short excerpt.</summary>
/// <remarks>
/// The excerpt and the text are read only by the strip report (and kept in the build cache for it). Where they cost
/// a parse of their own (the words of a marker region, the links of an HTML link farm) they can be given as a
/// function (<see cref="Later"/>, <see cref="WithText(Func{string?})"/>), called when first read: a build without
/// <c>--strip-report</c> drops its removals unread, so it never pays for them. Either way the values are the same.
/// </remarks>
public sealed record Removal(string Rule, int StartLine, int EndLine, string Excerpt)
{
    private string _excerpt = Excerpt;
    private Func<string>? _makeExcerpt;
    private string? _text;
    private Func<string?>? _makeText;

    /// <summary>A one-line excerpt of what went (at most 80 characters).</summary>
    public string Excerpt
    {
        get
        {
            if (Volatile.Read(ref _makeExcerpt) is { } make)
            {
                _excerpt = make();
                Volatile.Write(ref _makeExcerpt, null);
            }
            return _excerpt;
        }
        init => (_excerpt, _makeExcerpt) = (value, null);
    }

    /// <summary>
    /// The reader-visible text that went with the removed element (a removed link's words, an ad unit's
    /// caption), shortened like the excerpt; null when no text went.
    /// </summary>
    public string? Text
    {
        get
        {
            if (Volatile.Read(ref _makeText) is { } make)
            {
                var text = make();
                _text = string.IsNullOrWhiteSpace(text) ? null : Shorten(text);
                Volatile.Write(ref _makeText, null);
            }
            return _text;
        }
        init => (_text, _makeText) = (value, null);
    }

    /// <summary>A removal whose excerpt is made by <paramref name="excerpt"/> when first read.</summary>
    public static Removal Later(string rule, int startLine, int endLine, Func<string> excerpt) =>
        new(rule, startLine, endLine, "") { _makeExcerpt = excerpt };

    /// <summary>This removal with <paramref name="text"/> as the text that went with it; none when it is blank.</summary>
    public Removal WithText(string? text) => string.IsNullOrWhiteSpace(text) ? this : this with { Text = Shorten(text) };

    /// <summary>This removal with the text <paramref name="text"/> makes when first read (as <see cref="WithText(string?)"/> would keep it).</summary>
    public Removal WithText(Func<string?> text) => this with { _makeText = text, _text = null };

    /// <summary>Equal when rule, lines, excerpt and text are (a text or excerpt still to be made is made to compare).</summary>
    public bool Equals(Removal? other) =>
        other is not null && Rule == other.Rule && StartLine == other.StartLine && EndLine == other.EndLine &&
        Excerpt == other.Excerpt && Text == other.Text;

    public override int GetHashCode() => HashCode.Combine(Rule, StartLine, EndLine, Excerpt, Text);

    /// <summary>The excerpt of a removed link farm: its label and how many links went, e.g. <c>Also read: 5 links (Fix a Printer, …)</c>.</summary>
    public static string LinkFarm(string label, IReadOnlyList<string> linkTexts)
    {
        var first = linkTexts.FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        var count = linkTexts.Count == 1 ? "1 link" : $"{linkTexts.Count} links";
        return Shorten($"{label.Trim()} {count}{(first is null ? "" : $" ({first.Trim()}{(linkTexts.Count > 1 ? ", …" : "")})")}");
    }

    /// <summary>A one-line excerpt of at most 80 characters.</summary>
    /// <remarks>
    /// The words of <paramref name="text"/> joined by single spaces, cut to 77 characters and "..." when
    /// longer than 80. Only the first 81 characters of the joined text are ever built.
    /// </remarks>
    public static string Shorten(string text)
    {
        Span<char> flat = stackalloc char[81];
        var n = 0;
        var i = 0;
        while (n < flat.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length) break;
            if (n > 0) flat[n++] = ' ';
            while (n < flat.Length && i < text.Length && !char.IsWhiteSpace(text[i])) flat[n++] = text[i++];
        }
        return n <= 80 ? new string(flat[..n]) : string.Concat(flat[..77], "...");
    }
}
