using System.Text;
using Xunit.Abstractions;

namespace GuideBuilder.Tests.Strip;

/// <summary>
/// Random nestings of block quotes, bullet and ordered lists, fences of both kinds and lengths, indented
/// code, HTML blocks, code spans and inline HTML around ad marker pairs. The reference is Markdig itself:
/// a marker that Markdig renders as raw HTML must cut its region; one it renders as text (code, code
/// span) must stay with the text between it and its partner; every word outside a cut region survives.
/// Fixed seed and a bounded count in the suite; run it longer with
/// GUIDEBUILDER_MARKER_FUZZ_COUNT=20000 GUIDEBUILDER_MARKER_FUZZ_SEED=7 dotnet test --filter FullyQualifiedName~MarkerFuzzTests
/// </summary>
public sealed class MarkerFuzzTests(ITestOutputHelper output)
{
    private enum Token { Word, Begin, End, Payload }

    /// <summary>A piece of the page in document order: a word that must survive unless cut, a marker, or a region's payload.</summary>
    private sealed record Piece(Token Kind, string Text, int Slot);

    [Fact]
    public void Markers_follow_what_Markdig_calls_html_and_code()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_MARKER_FUZZ_COUNT"), out var c) && c > 0 ? c : 400;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_MARKER_FUZZ_SEED"), out var s) ? s : 20261129;
        var rng = new Random(seed);
        var html = 0;
        var text = 0;
        for (var n = 0; n < count; n++)
        {
            var pieces = new List<Piece>();
            var body = Page(rng, pieces);
            var (h, t) = Check(body, pieces, $"input {n} of seed {seed}");
            html += h;
            text += t;
        }
        output.WriteLine($"{count} pages (seed {seed}): {html} marker pairs Markdig reads as HTML, {text} as text");
        // The generator must reach both sides, or the test proves nothing.
        Assert.True(html > count / 4 && text > count / 4, $"{html} HTML pairs, {text} text pairs");
    }

    private static (int Html, int Text) Check(string body, List<Piece> pieces, string where)
    {
        var reference = MarkerPage.Unstripped(body);
        bool IsHtml(Piece p) => reference.Contains(p.Text, StringComparison.Ordinal)
            ? true
            : reference.Contains(Escape(p.Text), StringComparison.Ordinal) ? false
            : throw new Xunit.Sdk.XunitException($"{where}: Markdig lost marker {p.Text}\n{body}");

        // Regions as the marker pass should find them: HTML markers only, nested pairs counted.
        var cut = new bool[pieces.Count];
        var removedMarkers = new HashSet<int>();
        var cleanSlots = new HashSet<int>();
        var html = pieces.Select((p, i) => (p, i)).Where(x => x.p.Kind is Token.Begin or Token.End && IsHtml(x.p)).ToList();
        for (var k = 0; k < html.Count; k++)
        {
            var (p, i) = html[k];
            if (p.Kind == Token.End) { removedMarkers.Add(i); continue; }
            var depth = 0;
            var end = -1;
            for (var j = k; j < html.Count && end < 0; j++)
            {
                depth += html[j].p.Kind == Token.Begin ? 1 : -1;
                if (depth == 0) end = j;
            }
            if (end < 0) break;   // never ends: kept, with a warning
            for (var x = html[k].i; x <= html[end].i; x++) cut[x] = true;
            removedMarkers.Add(html[k].i);
            removedMarkers.Add(html[end].i);
            if (html[end].p.Slot == p.Slot && end == k + 1) cleanSlots.Add(p.Slot);
            k = end;
        }

        var page = MarkerPage.Of(body);
        var result = page.Html;
        string Fail(string what) => $"{where}: {what}\n--- input ---\n{body}\n--- Markdig ---\n{reference}\n--- stripped ---\n{result}";
        var textPairs = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var p = pieces[i];
            switch (p.Kind)
            {
                case Token.Word when !cut[i]:
                    Assert.True(result.Contains(p.Text, StringComparison.Ordinal), Fail($"word {p.Text} outside any region was lost"));
                    break;
                case Token.Payload when cleanSlots.Contains(p.Slot):
                    Assert.False(result.Contains(p.Text, StringComparison.Ordinal), Fail($"{p.Text} between two HTML markers was kept"));
                    break;
                case Token.Payload when !cut[i]:
                    Assert.True(result.Contains(p.Text, StringComparison.Ordinal), Fail($"{p.Text} outside any region was lost"));
                    break;
                case Token.Begin or Token.End when removedMarkers.Contains(i):
                    Assert.False(result.Contains(p.Text, StringComparison.Ordinal), Fail($"marker {p.Text} was left in the page"));
                    break;
                case Token.Begin when !IsHtml(p) && !cut[i]:
                    Assert.True(result.Contains(Escape(p.Text), StringComparison.Ordinal), Fail($"marker text {p.Text} in code was lost"));
                    textPairs++;
                    break;
            }
        }
        return (cleanSlots.Count, textPairs);
    }

    private static string Escape(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Page(Random rng, List<Piece> pieces)
    {
        var sb = new StringBuilder();
        var words = 0;
        string Word()
        {
            var w = $"cw{words++}x";
            pieces.Add(new Piece(Token.Word, w, -1));
            return w;
        }
        var slots = rng.Next(1, 6);
        for (var slot = 0; slot < slots; slot++)
        {
            Slot(rng, slot, sb, pieces, Word);
            sb.Append('\n');
            if (rng.Next(3) > 0) sb.Append(Word()).Append(' ').Append(Word()).Append("\n\n");
        }
        return sb.ToString();
    }

    private static void Slot(Random rng, int slot, StringBuilder sb, List<Piece> pieces, Func<string> word)
    {
        // Each slot's markers differ in their spacing, so Markdig's output shows which became what.
        var gap = new string(' ', slot + 1);
        var begin = $"<!-- affiliate ads{gap}begin -->";
        var end = $"<!-- affiliate{gap}ads end -->";
        var payload = $"pz{slot}q";

        var open = new StringBuilder();
        var cont = new StringBuilder();
        var depth = rng.Next(0, 4);
        for (var d = 0; d < depth; d++)
        {
            switch (rng.Next(5))
            {
                case 0: open.Append("> "); cont.Append("> "); break;
                case 1: open.Append('>'); cont.Append('>'); break;
                case 2:
                    var pad = new string(' ', rng.Next(1, 4));
                    open.Append("-*+"[rng.Next(3)]).Append(pad);
                    cont.Append(' ', 1 + pad.Length);
                    break;
                case 3: open.Append(rng.Next(2) == 0 ? "1. " : "7) "); cont.Append("   "); break;
                default: open.Append("10. "); cont.Append("    "); break;
            }
        }
        var prefix = cont.ToString();
        var blank = prefix.TrimEnd();
        if (depth > 0) sb.Append(open).Append(word()).Append('\n');
        else if (rng.Next(2) == 0) sb.Append(word()).Append('\n');
        if (rng.Next(2) == 0) sb.Append(blank).Append('\n');

        void Line(string indent, string text) => sb.Append(prefix).Append(indent).Append(text).Append('\n');
        void Three(string indent, string payloadLine)
        {
            pieces.Add(new Piece(Token.Begin, begin, slot));
            Line(indent, begin);
            pieces.Add(new Piece(Token.Payload, payload, slot));
            Line(indent, payloadLine);
            pieces.Add(new Piece(Token.End, end, slot));
            Line(indent, end);
        }
        void OneLine(Func<string, string, string, string> middle)
        {
            var left = word();
            pieces.Add(new Piece(Token.Begin, begin, slot));
            pieces.Add(new Piece(Token.Payload, payload, slot));
            pieces.Add(new Piece(Token.End, end, slot));
            Line("", $"{left} {middle(begin, payload, end)} {word()}");
        }
        switch (rng.Next(8))
        {
            case 0:
                Three(new string(' ', rng.Next(0, 4)), payload);
                break;
            case 1:
            case 2:
                var fence = new string(rng.Next(2) == 0 ? '`' : '~', rng.Next(3, 6));
                var indent = new string(' ', rng.Next(0, 4));
                Line(indent, fence + (rng.Next(3) == 0 ? "html" : ""));
                Three(indent, payload);
                if (rng.Next(10) > 0) Line(indent, fence + new string(fence[0], rng.Next(0, 2)));
                break;
            case 3:
                Three(rng.Next(3) == 0 ? "\t" : new string(' ', rng.Next(4, 7)), payload);
                break;
            case 4:
                Line("", "<div class=\"box\">");
                Three(new string(' ', rng.Next(0, 7)), $"<span>{payload}</span>");
                Line("", "</div>");
                break;
            case 5:
                OneLine((b, p, e) => $"`{b}` {p} `{e}`");
                break;
            default:
                OneLine((b, p, e) => $"{b}<b>{p}</b>{e}");
                break;
        }
    }
}
