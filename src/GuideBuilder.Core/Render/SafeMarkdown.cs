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
    public static MarkdownDocument Parse(string text, Action<int, string> tooDeep, Action<string> failed, Markdig.MarkdownParserContext? context = null) =>
        Parse(text, tooDeep, failed, out _, context);

    /// <summary>As <see cref="Parse(string, Action{int, string}, Action{string}, Markdig.MarkdownParserContext?)"/>, and what is code and raw HTML in <paramref name="text"/>.</summary>
    public static MarkdownDocument Parse(string text, Action<int, string> tooDeep, Action<string> failed, out MarkdownShape shape, Markdig.MarkdownParserContext? context = null)
    {
        var escapes = new List<(int Line, int At)>();
        var limited = DepthGuard.Limit(text, (line, at) => escapes.Add((line, at)));
        var tooDeepMessage = $"quotes or lists nested more than {DepthGuard.MaxDepth} levels deep; the deeper markers are kept as text";
        if (!TryParse(limited, context, failed, out var document))
        {
            Report([.. escapes.Select(e => e.Line)], tooDeepMessage, tooDeep);
            shape = MarkdownShape.Unknown;
            return document;
        }
        var first = new MarkdownShape(document, limited, escapes);
        shape = first;
        var code = escapes.Where(e => first.IsCode(e.Line)).Select(e => e.Line).ToHashSet();
        if (code.Count > 0)
        {
            // Code is content: the escapes that landed in code go, and the text is parsed again. Code lines
            // open no containers, so the second parse has the same blocks and code lines as the first.
            escapes.RemoveAll(e => code.Contains(e.Line));
            limited = DepthGuard.Limit(text, leave: code.Contains);
            if (!TryParse(limited, context, failed, out document))
            {
                Report([.. escapes.Select(e => e.Line)], tooDeepMessage, tooDeep);
                shape = MarkdownShape.Unknown;
                return document;
            }
            shape = new MarkdownShape(document, limited, escapes);
        }
        Report([.. escapes.Select(e => e.Line)], tooDeepMessage, tooDeep);
        var inlineCuts = new List<int>();
        DepthGuard.Flatten(document, limited, inlineCuts.Add);
        Report(inlineCuts, $"inline markup (emphasis, links or brackets) nested more than {DepthGuard.MaxInlineDepth} levels deep; the excess is kept as plain text", tooDeep);
        return document;
    }

    private static bool TryParse(string text, Markdig.MarkdownParserContext? context, Action<string> failed, out MarkdownDocument document)
    {
        try
        {
            document = Markdig.Markdown.Parse(text, Markdown.Pipeline, context);
            return true;
        }
        catch (ArgumentException e)
        {
            failed($"the Markdown cannot be parsed ({e.Message.TrimEnd('.')})");
            document = new MarkdownDocument();
            return false;
        }
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
