using GuideBuilder.Diagnostics;

namespace GuideBuilder.Model;

/// <summary>
/// Reports diagnostics for one page, applying the page's own rule settings from its front matter.
/// <paramref name="note"/>, when set, is added to every message (where the fix goes, when that is not the reported line).
/// </summary>
public sealed class PageReporter(Guide guide, DiagnosticBag bag, string? note = null)
{
    public Guide Guide { get; } = guide;

    /// <summary>The text added to every message, or null.</summary>
    public string? Note { get; } = note;

    /// <summary>A reporter for the same page that adds <paramref name="text"/> to each message.</summary>
    public PageReporter WithNote(string text) => new(Guide, bag, text);

    public void Report(RuleInfo rule, int line, int column, string message, string? subject = null)
    {
        if (Note is not null) message += Note;
        if (Guide.Meta.Rules.TryGetValue(rule.Name, out var s) && s == Severity.Off) return;
        var location = Guide.Locate(line, column, out var via);
        message += via;
        if (Guide.Meta.Rules.TryGetValue(rule.Name, out var pageSeverity))
        {
            bag.Report(rule with { DefaultSeverity = pageSeverity }, location, message, ignoreSiteOverride: true, subject);
            return;
        }
        bag.Report(rule, location, message, subject: subject);
    }
}
