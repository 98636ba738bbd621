using GuideBuilder.Load;
using GuideBuilder.Model;
using Markdig;
using Markdig.Syntax;

namespace GuideBuilder.Model.Includes;

/// <summary>
/// The files a source's include directives name, read when the source is loaded (before any page gets a URL,
/// since an included file is not a page). Only text that mentions the keyword is parsed, with CommonMark and
/// the include syntax alone: a directive shown in code is not one.
/// </summary>
public static class IncludeScan
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().Use<IncludeExtension>().Build();

    /// <summary>Content-relative paths of the files <paramref name="source"/> includes, in order, without repeats.</summary>
    public static IReadOnlyList<string> Targets(GuideSource source)
    {
        var lines = source.Body.Lines;
        var any = false;
        for (var i = 0; i < lines.Count && !any; i++) any = IncludeSyntax.MightHave(lines[i]);
        if (!any) return [];
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(DepthGuard.Limit(source.Body.Text, (_, _) => { }), Pipeline);
        }
        catch (ArgumentException)
        {
            return [];
        }
        var dir = UrlPaths.DirectoryOf(source.ContentRelativePath);
        var targets = new List<string>();
        foreach (var node in document.Descendants())
        {
            if (node is not IIncludeDirective directive) continue;
            var web = WebUrl.Read(directive.Path);
            if (!web.IsRelative || web.Text.StartsWith('/')) continue;
            if (UrlPaths.Combine(dir, UrlPaths.Decode(UrlPaths.Split(web.Text).Path).Replace('\\', '/')) is { } target && !targets.Contains(target)) targets.Add(target);
        }
        return targets;
    }
}
