using GuideBuilder.Load;
using Markdig.Syntax;

namespace GuideBuilder.Render;

/// <summary>
/// Parses a guide with the shared pipeline behind the <see cref="DepthGuard"/> passes, so no input
/// can overflow the stack or make Markdig throw. Depth cuts are reported per line.
/// </summary>
public static class SafeMarkdown
{
    /// <summary>
    /// The syntax tree of <paramref name="text"/>. <paramref name="tooDeep"/> gets the 0-based line of
    /// each depth cut; <paramref name="failed"/> is told when Markdig still refuses the text, and an
    /// empty document is returned. <paramref name="context"/> carries per-parse settings for the pipeline's
    /// parsers (which shortcodes have a code body), or null for the defaults.
    /// </summary>
    public static MarkdownDocument Parse(string text, Action<int, string> tooDeep, Action<string> failed, Markdig.MarkdownParserContext? context = null)
    {
        var blockCuts = new List<int>();
        var limited = DepthGuard.Limit(text, blockCuts.Add);
        Report(blockCuts, $"quotes or lists nested more than {DepthGuard.MaxDepth} levels deep; the deeper markers are kept as text", tooDeep);
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(limited, Markdown.Pipeline, context);
        }
        catch (ArgumentException e)
        {
            failed($"the Markdown cannot be parsed ({e.Message.TrimEnd('.')})");
            return new MarkdownDocument();
        }
        var inlineCuts = new List<int>();
        DepthGuard.Flatten(document, limited, inlineCuts.Add);
        Report(inlineCuts, $"inline markup (emphasis, links or brackets) nested more than {DepthGuard.MaxInlineDepth} levels deep; the excess is kept as plain text", tooDeep);
        return document;
    }

    /// <summary>One diagnostic per kind of cut, at its first line: a hostile file must not flood the report.</summary>
    private static void Report(List<int> lines, string message, Action<int, string> tooDeep)
    {
        if (lines.Count == 0) return;
        var distinct = lines.Distinct().Order().ToList();
        var more = distinct.Count > 1 ? $" (here and on {distinct.Count - 1} more line{(distinct.Count > 2 ? "s" : "")})" : "";
        tooDeep(distinct[0], message + more);
    }
}
