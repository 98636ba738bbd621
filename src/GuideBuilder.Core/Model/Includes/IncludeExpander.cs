using GuideBuilder.Load;
using GuideBuilder.Diagnostics;
using GuideBuilder.Model;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GuideBuilder.Model.Includes;

/// <summary>
/// Replaces a page's include directives by the content of the files they name, parsed as the page is (ad
/// marker regions stripped first), nested includes expanded in turn. A block directive's blocks take its
/// place in its container, so a directive inside a step adds to the step and a numbered list brought in
/// between the page's own lists continues the procedure. An inline directive takes the text of its file's
/// one paragraph. Paths are relative to the file that holds the directive; so are the links of an included
/// file (its nodes carry <see cref="IncludeLines"/> numbers, which say which file they came from).
/// </summary>
public static class IncludeExpander
{
    /// <summary>How deep includes may nest: a page's include is depth 1.</summary>
    public const int MaxDepth = 8;

    /// <summary>The parse step for one included file: its syntax tree, its lines, and whether it may hold shortcodes.</summary>
    public delegate (MarkdownDocument Document, bool Shortcodes) ParseFile(SourceLines body);

    /// <summary>Expands every directive of <paramref name="guide"/>'s document; true when an included file may hold shortcodes.</summary>
    public static bool Expand(Guide guide, IncludeFiles files, ParseFile parse, PageReporter report)
    {
        guide.Includes.Clear();
        guide.IncludeTargets.Clear();
        var state = new State(guide, files, parse, report);
        state.Container(guide.Document!, new Frame(UrlPaths.DirectoryOf(guide.Source.ContentRelativePath), [guide.Source.ContentRelativePath]));
        if (guide.Includes.Count > 0) UniqueHeadingIds(guide.Document!);
        return state.Shortcodes;
    }

    private sealed record Frame(string Directory, List<string> Chain);

    private sealed class State(Guide guide, IncludeFiles files, ParseFile parse, PageReporter report)
    {
        public bool Shortcodes;

        public void Container(ContainerBlock container, Frame frame)
        {
            for (var i = 0; i < container.Count; i++)
            {
                switch (container[i])
                {
                    case IncludeBlock directive:
                        container.RemoveAt(i);
                        var blocks = Load(directive, frame, inline: false);
                        // In a tight list a paragraph renders without <p>: one brought into a step beside the step's own text needs it.
                        if (blocks.Count > 0 && container is ListItemBlock { Parent: ListBlock list } && container.Count + blocks.Count > 1) list.IsLoose = true;
                        var first = i;
                        foreach (var b in blocks) container.Insert(i++, b);
                        // Numbered lists that meet at either edge and number on are one list, as if written in one file.
                        if (i < container.Count && JoinLists(container, i - 1)) i--;
                        if (first > 0 && blocks.Count > 0 && JoinLists(container, first - 1)) i--;
                        i--;
                        break;
                    case ContainerBlock c:
                        Container(c, frame);
                        break;
                    case LeafBlock { Inline: { } inline }:
                        Inlines(inline, frame);
                        break;
                }
            }
        }

        private void Inlines(ContainerInline container, Frame frame)
        {
            List<IncludeInline>? found = null;
            foreach (var inline in new InlineWalk(container))
            {
                if (inline is IncludeInline d) (found ??= []).Add(d);
            }
            if (found is null) return;
            foreach (var directive in found)
            {
                var blocks = Load(directive, frame, inline: true);
                if (blocks.Count == 1 && blocks[0] is ParagraphBlock { Inline: { } text })
                {
                    for (var child = text.FirstChild; child is not null;)
                    {
                        var next = child.NextSibling;
                        child.Remove();
                        directive.InsertBefore(child);
                        child = next;
                    }
                }
                else if (blocks.Count > 0)
                {
                    Report(directive, $"'{directive.Path}' holds {blocks.Count} blocks, but an include inside running text takes one paragraph: put the include on a line of its own");
                }
                directive.Remove();
            }
        }

        /// <summary>The blocks that replace one directive, nested includes expanded; none when it cannot be read (reported).</summary>
        private List<Block> Load(IIncludeDirective directive, Frame frame, bool inline)
        {
            var node = (MarkdownObject)directive;
            var web = WebUrl.Read(directive.Path);
            if (!web.IsRelative || web.Text.StartsWith('/'))
            {
                Report(directive, $"'{directive.Path}' is not a relative path: an include names a Markdown file of this site relative to the file it is in");
                return [];
            }
            var (path, _, _) = UrlPaths.Split(web.Text);
            var target = UrlPaths.Combine(frame.Directory, UrlPaths.Decode(path).Replace('\\', '/'));
            if (target is null)
            {
                Report(directive, $"'{directive.Path}' leads outside the site's content folder");
                return [];
            }
            guide.IncludeTargets.Add(target);
            if (!files.Sources.TryGetValue(target, out var source))
            {
                var markdown = target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);
                Report(directive, markdown ? $"no file '{directive.Path}' to include{Hint(target)}" : $"'{directive.Path}' is not a Markdown file: only .md files can be included");
                return [];
            }
            if (source is null)
            {
                Report(directive, $"'{directive.Path}' cannot be included: it did not load (see its own diagnostic)");
                return [];
            }
            if (frame.Chain.Contains(target, StringComparer.Ordinal))
            {
                Report(directive, $"include cycle: {string.Join(" includes ", frame.Chain.SkipWhile(c => c != target).Append(target))}; this include is left out");
                return [];
            }
            if (frame.Chain.Count > MaxDepth)
            {
                Report(directive, $"includes nested more than {MaxDepth} deep ({string.Join(" includes ", frame.Chain.Append(target))}); this include is left out");
                return [];
            }
            if (guide.Includes.Count >= IncludeLines.MaxUses)
            {
                Report(directive, $"more than {IncludeLines.MaxUses} includes on one page; this one is left out");
                return [];
            }
            guide.Includes.Add(new IncludeUse(source.SiteRelativePath, target, guide.Lines.ToSource(node.Line), directive.PathColumn + 1));
            var use = guide.Includes.Count;
            var body = source.Body;
            var map = new int[body.SourceLine.Count];
            for (var k = 0; k < map.Length; k++) map[k] = IncludeLines.Encode(use, body.SourceLine[k]);
            var lines = new SourceLines(body.Lines, map);
            var (document, shortcodes) = parse(lines);
            Shortcodes |= shortcodes;
            foreach (var d in document.Descendants()) d.Line = lines.ToSource(d.Line);
            Container(document, new Frame(UrlPaths.DirectoryOf(target), [.. frame.Chain, target]));
            var blocks = new List<Block>(document.Count);
            while (document.Count > 0)
            {
                var b = document[0];
                document.RemoveAt(0);
                if (b is not LinkReferenceDefinitionGroup) blocks.Add(b);
            }
            return blocks;
        }

        private string Hint(string target)
        {
            var dir = UrlPaths.DirectoryOf(target);
            var near = files.Sources.Keys.Where(k => UrlPaths.DirectoryOf(k) == dir).Select(k => k[(dir.Length == 0 ? 0 : dir.Length + 1)..]).ToList();
            return Suggest.Closest(target[(dir.Length == 0 ? 0 : dir.Length + 1)..], near) is { } s ? $" (did you mean '{s}'?)" : "";
        }

        private void Report(IIncludeDirective directive, string message) =>
            report.Report(Rules.IncludeInvalid, guide.Lines.ToSource(((MarkdownObject)directive).Line), directive.PathColumn + 1, message);
    }

    /// <summary>
    /// Joins the ordered list at <paramref name="at"/> + 1 onto the one at <paramref name="at"/> when it numbers on
    /// from it with the same delimiter (<c>1.</c> then <c>2.</c>); true when it did.
    /// </summary>
    private static bool JoinLists(ContainerBlock container, int at)
    {
        if (at < 0 || at + 1 >= container.Count) return false;
        if (container[at] is not ListBlock { IsOrdered: true } first || container[at + 1] is not ListBlock { IsOrdered: true } next) return false;
        if (first.OrderedDelimiter != next.OrderedDelimiter || !int.TryParse(first.OrderedStart ?? "1", out var start)
            || !int.TryParse(next.OrderedStart ?? "1", out var nextStart) || nextStart != start + first.Count) return false;
        container.RemoveAt(at + 1);
        first.IsLoose |= next.IsLoose;
        while (next.Count > 0)
        {
            var item = next[0];
            next.RemoveAt(0);
            first.Add(item);
        }
        return true;
    }

    /// <summary>Headings brought in from several files may share an id: later ones get <c>-1</c>, <c>-2</c>, … as Markdig numbers repeats in one file.</summary>
    private static void UniqueHeadingIds(MarkdownDocument document)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.TryGetAttributes() is not { Id: { Length: > 0 } id } attributes) continue;
            var unique = id;
            for (var n = 1; !seen.Add(unique); n++) unique = $"{id}-{n}";
            attributes.Id = unique;
        }
    }
}
