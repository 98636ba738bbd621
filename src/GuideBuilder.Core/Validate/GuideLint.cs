using GuideBuilder.Diagnostics;
using GuideBuilder.Render;
using GuideBuilder.Strip;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using GuideBuilder.Model;

namespace GuideBuilder.Validate;

/// <summary>Guide-level lint: things that make a how-to harder to follow. All warnings by default.</summary>
public static class GuideLint
{
    private static readonly HashSet<string> VagueTexts = new(StringComparer.OrdinalIgnoreCase)
    {
        "click here", "here", "this link", "link", "this", "read more", "more", "this page", "go here", "click",
    };

    public static void Check(PageReporter report)
    {
        var guide = report.Guide;
        var meta = guide.Meta;
        if (string.IsNullOrWhiteSpace(meta.Description))
        {
            report.Report(Rules.LintMissingDescription, Line("description", 1), 1, "the guide has no description (used for search results and link previews)");
        }
        else if (meta.Description.Trim() == Placeholders.Description)
        {
            report.Report(Rules.LintPlaceholder, Line("description", 1), 1, "the description is still the sentence 'guidebuilder new' wrote: say what the reader can do after this guide");
        }
        if (meta.Date is { } date && meta.Updated is { } updated && updated < date)
        {
            report.Report(Rules.LintUpdatedBeforeDate, Line("updated", 1), 1, $"updated ({updated:yyyy-MM-dd}) is before date ({date:yyyy-MM-dd})");
        }
        foreach (var link in guide.Links)
        {
            if (link.IsImage && link.Node is { } img && AstStripper.PlainTextOf(img).Trim().Length == 0)
            {
                report.Report(Rules.LintImageAlt, link.Line, link.Column, $"image '{link.Url}' has no alt text");
            }
            else if (!link.IsImage && !link.FromHtml && VagueTexts.Contains(link.Text.Trim().TrimEnd('.', '!')))
            {
                report.Report(Rules.LintVagueLink, link.Line, link.Column, $"link text '{link.Text.Trim()}' does not say where it goes");
            }
        }
        var doc = guide.Document!;
        var paragraphs = new Dictionary<string, int>(StringComparer.Ordinal);
        Blocks(doc);

        UnusedReferences.Check(report);

        int Line(string key, int fallback) => meta.KeyLines.TryGetValue(key, out var l) ? l : fallback;

        // The blocks in document order (as Descendants() yields them), without visiting every inline.
        void Blocks(ContainerBlock container)
        {
            for (var i = 0; i < container.Count; i++)
            {
                var block = container[i];
                Block(block);
                if (block is ContainerBlock inner) Blocks(inner);
            }
        }

        void Block(Block block)
        {
            switch (block)
            {
                case ParagraphBlock p:
                    var text = ReaderText.CollapsedRaw(p);
                    foreach (var sentence in Placeholders.Body)
                    {
                        if (text.Contains(sentence, StringComparison.Ordinal))
                        {
                            report.Report(Rules.LintPlaceholder, guide.Lines.ToSource(p.Line), p.Column + 1, $"'{sentence}' is a sentence of the skeleton 'guidebuilder new' wrote: replace it with the guide's own words");
                        }
                    }
                    // Table cells ("Yes", "--", "Preview") repeat by design; a step repeats words of other steps.
                    if (p.Parent is ListItemBlock or Markdig.Extensions.Tables.TableCell || text.AsSpan().Count(' ') < 7) break;
                    if (paragraphs.TryGetValue(text, out var firstLine))
                    {
                        report.Report(Rules.LintDuplicateParagraph, guide.Lines.ToSource(p.Line), p.Column + 1, $"this paragraph repeats the one at line {firstLine}");
                    }
                    else
                    {
                        paragraphs[text] = guide.Lines.ToSource(p.Line);
                    }
                    break;
                case ListBlock { IsOrdered: true } list:
                    CheckSteps(list, report);
                    break;
            }
        }
    }

    private static void CheckSteps(ListBlock list, PageReporter report)
    {
        var guide = report.Guide;
        int? expected = null;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not ListItemBlock item) continue;
            var line = guide.Lines.ToSource(item.Line);
            if (item.Count == 0 || !ReaderText.HasRawText(item) && !item.Descendants<FigureBlock>().Any())
            {
                report.Report(Rules.LintEmptyStep, line, item.Column + 1, "this step has no text");
            }
            var number = SourceNumber(guide, item);
            if (number is { } n)
            {
                if (expected is { } e && n != e && n != 1)
                {
                    report.Report(Rules.LintStepGap, line, item.Column + 1, $"step numbered {n} where {e} was expected");
                }
                expected = n + 1;
            }
        }
    }

    /// <summary>The number the author typed before the step (Markdig renumbers; the source line keeps it).</summary>
    private static int? SourceNumber(Guide guide, ListItemBlock item)
    {
        var lines = guide.Lines.Lines;
        if (item.Line < 0 || item.Line >= lines.Count) return null;
        var text = lines[item.Line].TrimStart();
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        return digits > 0 && digits < 10 ? int.Parse(text[..digits]) : null;
    }
}
