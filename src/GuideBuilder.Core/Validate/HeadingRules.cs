using GuideBuilder.Diagnostics;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>Heading checks on the page as written: skipped levels, empty headings, duplicate siblings, trailing punctuation.</summary>
public static class HeadingRules
{
    public static void Check(PageReporter report)
    {
        var headings = report.Guide.Headings;
        var previousLevel = 1;
        // Texts seen under each open parent heading, to find duplicate siblings.
        var siblings = new Dictionary<int, HashSet<string>>();
        foreach (var h in headings)
        {
            if (h.Text.Trim().Length == 0)
            {
                report.Report(Rules.HeadingEmpty, h.Line, h.Column, $"h{h.Level} heading has no text");
            }
            else
            {
                var last = h.Text.TrimEnd()[^1];
                if (last is '.' or ',' or ';' or ':' or '!')
                {
                    report.Report(Rules.HeadingPunctuation, h.Line, h.Column, $"heading '{h.Text}' ends with '{last}'");
                }
            }
            if (h.Level > previousLevel + 1)
            {
                report.Report(Rules.HeadingSkipLevel, h.Line, h.Column, $"h{h.Level} follows h{previousLevel}: a level is skipped (use h{previousLevel + 1})");
            }
            foreach (var deeper in siblings.Keys.Where(k => k > h.Level).ToList()) siblings.Remove(deeper);
            if (!siblings.TryGetValue(h.Level, out var seen)) siblings[h.Level] = seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (h.Text.Trim().Length > 0 && !seen.Add(h.Text.Trim()))
            {
                report.Report(Rules.HeadingDuplicate, h.Line, h.Column, $"another h{h.Level} under the same parent is also called '{h.Text.Trim()}'");
            }
            previousLevel = h.Level;
        }
    }
}
