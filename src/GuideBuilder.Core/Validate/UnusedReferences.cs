using GuideBuilder.Diagnostics;
using Markdig.Syntax;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>
/// <c>lint.unused-reference</c>: a link reference definition (<c>[label]: url</c>) that no link on the
/// page uses. Links the published page no longer has (in the title heading, in a stripped ad region,
/// an unwrapped affiliate link) still count: a definition is reported only when its label appears in
/// no source line but its own definition.
/// </summary>
public static class UnusedReferences
{
    public static void Check(PageReporter report)
    {
        var guide = report.Guide;
        var used = new HashSet<LinkReferenceDefinition>(ReferenceEqualityComparer.Instance);
        foreach (var link in guide.Links)
        {
            if (link.Node?.Reference is { } r) used.Add(r);
        }
        var seen = new HashSet<LinkReferenceDefinition>(ReferenceEqualityComparer.Instance);
        foreach (var def in guide.Document!.Descendants<LinkReferenceDefinition>())
        {
            // Footnotes and heading shortcuts are subclasses that Markdig makes for itself.
            if (def.GetType() != typeof(LinkReferenceDefinition) || def.Label is not { Length: > 0 } label) continue;
            if (!seen.Add(def) || used.Contains(def) || MentionedInSource(guide, label)) continue;
            report.Report(Rules.LintUnusedReference, guide.Lines.ToSource(def.Line), Column(guide, def, label),
                $"no link uses the reference definition [{label}]; remove it or link to it");
        }
    }

    /// <summary>1-based column of the definition's <c>[</c> (Markdig gives a quoted definition the quote's column).</summary>
    private static int Column(Guide guide, LinkReferenceDefinition def, string label)
    {
        var lines = guide.Lines.Lines;
        var at = def.Line >= 0 && def.Line < lines.Count ? lines[def.Line].IndexOf("[" + label + "]", StringComparison.OrdinalIgnoreCase) : -1;
        return at >= 0 ? at + 1 : def.Column + 1;
    }

    /// <summary>True when <c>[label]</c> appears in the page source (before stripping) on a line that is not a definition of it.</summary>
    private static bool MentionedInSource(Guide guide, string label)
    {
        var needle = "[" + label + "]";
        foreach (var line in guide.Source.Body.Lines)
        {
            var at = line.IndexOf(needle, StringComparison.OrdinalIgnoreCase);
            while (at >= 0)
            {
                var definition = line.AsSpan(0, at).TrimStart(" >").IsEmpty && line.AsSpan(at + needle.Length).StartsWith(":");
                if (!definition) return true;
                at = line.IndexOf(needle, at + needle.Length, StringComparison.OrdinalIgnoreCase);
            }
        }
        return false;
    }
}
