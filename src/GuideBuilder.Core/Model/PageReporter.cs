using GuideBuilder.Diagnostics;

namespace GuideBuilder.Model;

/// <summary>Reports diagnostics for one page, applying the page's own rule settings from its front matter.</summary>
public sealed class PageReporter(Guide guide, DiagnosticBag bag)
{
    public Guide Guide { get; } = guide;

    public void Report(RuleInfo rule, int line, int column, string message, string? subject = null)
    {
        if (Guide.Meta.Rules.TryGetValue(rule.Name, out var s) && s == Severity.Off) return;
        var location = new SourceLocation(Guide.Source.SiteRelativePath, line, column);
        if (Guide.Meta.Rules.TryGetValue(rule.Name, out var pageSeverity))
        {
            bag.Report(rule with { DefaultSeverity = pageSeverity }, location, message, ignoreSiteOverride: true, subject);
            return;
        }
        bag.Report(rule, location, message, subject: subject);
    }
}
