namespace GuideBuilder.Model;

/// <summary>One thing the stripper took out of a page: which rule, which source lines (1-based, inclusive), and a short excerpt.</summary>
public sealed record Removal(string Rule, int StartLine, int EndLine, string Excerpt)
{
    /// <summary>
    /// The reader-visible text that went with the removed element (a removed link's words, an ad unit's
    /// caption), shortened like the excerpt; null when no text went.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>This removal with <paramref name="text"/> as the text that went with it; none when it is blank.</summary>
    public Removal WithText(string? text) => string.IsNullOrWhiteSpace(text) ? this : this with { Text = Shorten(text) };

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
