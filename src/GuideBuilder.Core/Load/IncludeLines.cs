namespace GuideBuilder.Load;

/// <summary>
/// Line numbers of included text. A page's syntax tree holds blocks from several files; a node that came
/// from the n-th include of the page carries <c>n × Stride + line</c>, its line in the included file. Every
/// stage passes line numbers along as it does for the page's own lines, and the page reporter
/// turns such a number back into the included file, its line, and the chain of directives that brought it in.
/// </summary>
public static class IncludeLines
{
    /// <summary>Lines per included file (a file longer than this is cut at the include).</summary>
    public const int Stride = 1 << 21;

    /// <summary>Includes on one page, nested ones counted.</summary>
    public const int MaxUses = int.MaxValue / Stride - 1;

    public static bool IsIncluded(int line) => line >= Stride;

    public static int Encode(int use, int line) => use * Stride + Math.Min(line, Stride - 1);

    /// <summary>The 1-based use (index into the guide's includes, plus one) and the line in its file.</summary>
    public static (int Use, int Line) Decode(int line) => (line / Stride, line % Stride);
}

/// <summary>One include spliced into a page: the file it brought in, and where its directive stands (a line of the page, or an encoded line of another include).</summary>
public sealed record IncludeUse(string SiteRelativePath, string ContentRelativePath, int Line, int Column);
