namespace GuideBuilder.Strip;

/// <summary>One thing the stripper took out of a page: which rule, which source lines (1-based, inclusive), and a short excerpt.</summary>
public sealed record Removal(string Rule, int StartLine, int EndLine, string Excerpt)
{
    /// <summary>A one-line excerpt of at most 80 characters.</summary>
    public static string Shorten(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 80 ? flat : flat[..77] + "...";
    }
}
