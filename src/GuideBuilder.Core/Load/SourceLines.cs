namespace GuideBuilder.Load;

/// <summary>
/// Markdown text together with, for each of its lines, the 1-based line of the source file it came from.
/// Stages that remove or insert lines keep the map, so every diagnostic points into the real file.
/// </summary>
public sealed class SourceLines
{
    public SourceLines(IReadOnlyList<string> lines, IReadOnlyList<int> sourceLine)
    {
        Lines = lines;
        SourceLine = sourceLine;
    }

    public IReadOnlyList<string> Lines { get; }

    /// <summary>For line index i (0-based) of <see cref="Lines"/>, the 1-based line in the .md file.</summary>
    public IReadOnlyList<int> SourceLine { get; }

    /// <summary>
    /// 1-based source line for a 0-based line index of the text, clamped to the text. A line of included
    /// text (see <see cref="IncludeLines"/>) is already a source line and is returned as it is.
    /// </summary>
    public int ToSource(int lineIndex)
    {
        if (IncludeLines.IsIncluded(lineIndex)) return lineIndex;
        if (SourceLine.Count == 0) return 1;
        return SourceLine[Math.Clamp(lineIndex, 0, SourceLine.Count - 1)];
    }

    public string Text => string.Join('\n', Lines);
}
