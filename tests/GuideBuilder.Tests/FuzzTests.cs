using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;
using Xunit.Abstractions;

namespace GuideBuilder.Tests;

/// <summary>
/// Mutates guides shaped like the ones copied from ad-laden sites (bytes, lines, YAML, hostile HTML)
/// and builds them: no exception may escape, and no page may carry a script, an event handler or a
/// script URL that the theme did not put there. Fixed seed; bounded time.
/// Run it longer with: GUIDEBUILDER_FUZZ_SECONDS=600 GUIDEBUILDER_FUZZ_SEED=7 dotnet test --filter FullyQualifiedName~FuzzTests
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int GuidesPerBuild = 8;

    private static readonly string[] Seeds =
    [
        """
        ---
        title: Turn On Night Light in Windows
        date: 2024-05-02T10:00:00Z
        tags: [windows, display]
        categories: [windows]
        description: Warmer colours in the evening
        ---

        # Turn On Night Light in Windows

        <!-- ads begin -->
        <div class="ad-slot"><ins class="adsbygoogle" data-ad-client="ca-pub-1"></ins><script>(adsbygoogle=window.adsbygoogle||[]).push({});</script></div>
        <!-- ads end -->

        Night light shifts the screen to warmer colours. See [the display guide](other.md#step-2).

        1. Press **Win** \+ **I** to open Settings.
        2. Go to **System** > **Display**.

           ![Display settings](shot.png)
        3. Switch on **Night light**.

        > Disclosure: this post contains affiliate links; we may earn a commission.

        Also read:

        - [Best monitors](https://www.amazon.com/dp/B000?tag=aff-20)
        - [Cheap laptops](https://shareasale.com/r.cfm?b=1)
        """,
        """
        ---
        title: "Reset a Router: Step by Step"
        updated: 2024-06-01
        keywords: router, reset
        slug: reset-router
        ---

        ## Before you start

        | Model | Button |
        |:------|-------:|
        | A100  | back   |

        <img src="https://pixel.example-tracker.com/p.gif" width="1" height="1" style="display:none">

        1. Unplug the router.
        2. Hold the *reset* button for `30` seconds.
        3. Plug it back in and wait.

        ```powershell
        Restart-Computer -Force
        ```

        <details><summary>It still fails</summary>

        Call your provider. <a href="https://www.amazon.com/dp/B01?tag=x-20" rel="nofollow">buy a new one</a>

        </details>
        """,
        """
        ---
        title: Open Task Manager
        description: Four ways
        draft: false
        ---

        Press <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Esc</kbd>.

        <figure><img src="shot.png" alt="Task Manager"><figcaption>Task Manager</figcaption></figure>

        <iframe src="https://www.youtube.com/embed/x" width="560" height="315"></iframe>

        <p style="visibility:hidden">hidden keywords keywords keywords</p>

        - [ ] check the **Processes** tab
        - [x] sort by CPU

        [^1]: A footnote.

        <video src="https://cdn.example.com/ad.mp4" autoplay muted></video>
        """,
    ];

    private static readonly string[] HostileSnippets =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JAVASCRIPT:alert(1)\">x</a>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "<javascript:alert(1)>",
        "[x](JaVaScRiPt&colon;alert(1))",
        "![x](javascript:alert(1))",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form><button formaction=\"javascript:alert(1)\">x</button></form>",
        "<details open ontoggle=alert(1)>",
        "<body onload=alert(1)>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<link rel=import href=\"data:text/html,<script>alert(1)</script>\">",
        "<img src=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<style>body{display:none}</style>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<textarea></textarea><script>alert(1)</script>",
        "<!--><script>alert(1)</script>-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<img src=x onerror=alert(1)//",
        "<p {onclick=alert(1)}>",
        "text {onclick=\"alert(1)\"}",
        "## Heading {onmouseover=alert(1)}",
        "[x](https://ok.example.org){onclick=alert(1)}",
        "</script><script>alert(1)</script>",
        "<scr<script>ipt>alert(1)</script>",
        "<a href=\" &#14; javascript:alert(1)\">x</a>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<input onfocus=alert(1) autofocus>",
        "<select onchange=alert(1)><option>1</option></select>",
    ];

    private static readonly string[] YamlBreakers =
    [
        "title: [unclosed", "title: {a: b", "tags: &a [*a]", "title: !!binary AAAA", "date: 2024-13-45", "draft: maybe",
        "  bad indent: x", "\tt: tab", "title: \"</script><script>alert(1)</script>\"", "description: <img src=x onerror=alert(1)>",
        "slug: ../../x", "slug: \"..\"", "rules: {nope: off}", "tags: [\"<script>\"]", "categories: [\"a/../../b\"]", "? [complex]\n: key",
        "title: *undefined", "%YAML 9.9", "---", "...", "thumbnail: javascript:alert(1)", "keywords: [[[[[[[[]]]]]]]]",
    ];

    private static readonly string[] LinePrefixes = [">", "> > >", "- ", "1. ", "    ", "# ", "| ", "```", "<div>", "</div>", "[", "*", "\\", "---"];

    [Fact]
    public void Mutated_guides_never_crash_the_build_or_publish_a_script()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_FUZZ_SECONDS"), out var s) && s > 0 ? s : 20;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_FUZZ_SEED"), out var sd) ? sd : 20251126;
        var rnd = new Random(seed);
        var parser = new HtmlParser();
        var sw = Stopwatch.StartNew();
        var inputs = 0;
        var builds = 0;
        var failures = new List<string>();
        const string yml = """
            title: Fuzz
            base_url: https://fuzz.example.org/docs/
            rules:
              link.broken: warning
              link.anchor: warning
              link.asset: warning
              link.case: warning
              link.outside: warning
              frontmatter.invalid: warning
              source.unreadable: warning
              output.conflict: warning
            """;

        while (builds == 0 || sw.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            using var site = new TempSite(yml);
            site.WriteBytes("content/a/shot.png", [0x89, 0x50, 0x4E, 0x47]);
            var batch = new List<(string Path, byte[] Bytes)>();
            for (var i = 0; i < GuidesPerBuild; i++)
            {
                var path = $"content/{(i % 2 == 0 ? "a" : "b")}/g{i}.md";
                var bytes = Mutate(rnd);
                site.WriteBytes(path, bytes);
                batch.Add((path, bytes));
                inputs++;
            }
            builds++;
            var run = site.Run("build", "--format", "json");
            var problem = Check(run, site, parser);
            if (problem is not null)
            {
                var keep = Path.Combine(Path.GetTempPath(), $"gb-fuzz-failure-{seed}-{builds}");
                Directory.CreateDirectory(keep);
                foreach (var (p, b) in batch) File.WriteAllBytes(Path.Combine(keep, p.Replace('/', '_')), b);
                failures.Add($"build {builds}: {problem} (inputs kept in {keep})");
                if (failures.Count >= 5) break;
            }
        }
        var summary = $"fuzz: seed {seed}, {inputs} inputs in {builds} builds, {sw.Elapsed.TotalSeconds:0.0} s, {failures.Count} failures";
        output.WriteLine(summary);
        Console.Error.WriteLine(summary);
        Assert.True(failures.Count == 0, summary + "\n" + string.Join('\n', failures));
    }

    private static string? Check(CliRun run, TempSite site, HtmlParser parser)
    {
        if (run.Stderr.Contains("internal error", StringComparison.Ordinal)) return "internal error: " + run.Stderr.Split('\n').FirstOrDefault(l => l.Contains("internal error"));
        if (run.ExitCode is not (0 or 1)) return $"exit code {run.ExitCode}: {run.Stderr[..Math.Min(300, run.Stderr.Length)]}";
        try
        {
            run.Diagnostics();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return "the JSON report does not parse: " + e.Message;
        }
        if (!Directory.Exists(site.Output)) return run.ExitCode == 0 ? "exit 0 but nothing written" : null;
        foreach (var file in Directory.EnumerateFiles(site.Output, "*.html", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(site.Output, file);
            var doc = parser.ParseDocument(File.ReadAllText(file));
            foreach (var script in doc.QuerySelectorAll("script"))
            {
                var src = script.GetAttribute("src");
                var type = script.GetAttribute("type");
                if (src is not null && (src.EndsWith("assets/search.js", StringComparison.Ordinal) || src == "/__guidebuilder/live.js") && script.TextContent.Length == 0) continue;
                if (src is null && type == "application/ld+json")
                {
                    try
                    {
                        JsonDocument.Parse(script.TextContent).Dispose();
                        continue;
                    }
                    catch (JsonException)
                    {
                        return $"{rel}: JSON-LD that does not parse: {script.TextContent[..Math.Min(200, script.TextContent.Length)]}";
                    }
                }
                return $"{rel}: a script the theme did not put there: {script.OuterHtml[..Math.Min(200, script.OuterHtml.Length)]}";
            }
            foreach (var el in doc.All)
            {
                if (el.LocalName is "iframe" or "object" or "embed" or "base" or "form" or "meta" && el.Closest("body") is not null)
                {
                    return $"{rel}: <{el.LocalName}> in the body: {el.OuterHtml[..Math.Min(200, el.OuterHtml.Length)]}";
                }
                foreach (var attr in el.Attributes)
                {
                    if (attr.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)) return $"{rel}: <{el.LocalName} {attr.Name}>";
                    if (attr.Name is "srcdoc") return $"{rel}: <{el.LocalName} srcdoc>";
                    var v = new string(attr.Value.Where(c => c > ' ').ToArray()).ToLowerInvariant();
                    if (v.StartsWith("javascript:") || v.StartsWith("vbscript:") || v.StartsWith("data:text") || (attr.Name == "style" && v.Contains("javascript:")))
                    {
                        return $"{rel}: <{el.LocalName} {attr.Name}=\"{attr.Value}\">";
                    }
                }
            }
        }
        return null;
    }

    private static byte[] Mutate(Random rnd)
    {
        var text = Seeds[rnd.Next(Seeds.Length)];
        var rounds = 1 + rnd.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            text = rnd.Next(6) switch
            {
                0 => InsertLine(rnd, text, HostileSnippets[rnd.Next(HostileSnippets.Length)]),
                1 => InsertLine(rnd, text, YamlBreakers[rnd.Next(YamlBreakers.Length)], frontMatter: true),
                2 => LineOp(rnd, text),
                3 => Splice(rnd, text, Seeds[rnd.Next(Seeds.Length)]),
                4 => InlineHostile(rnd, text),
                _ => text,
            };
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        if (rnd.Next(4) == 0) bytes = ByteOp(rnd, bytes);
        return bytes;
    }

    private static string InsertLine(Random rnd, string text, string line, bool frontMatter = false)
    {
        var lines = text.Split('\n').ToList();
        var at = frontMatter ? 1 + rnd.Next(Math.Min(6, lines.Count)) : rnd.Next(lines.Count + 1);
        lines.Insert(Math.Min(at, lines.Count), line);
        return string.Join('\n', lines);
    }

    private static string InlineHostile(Random rnd, string text)
    {
        var at = rnd.Next(text.Length + 1);
        return text[..at] + HostileSnippets[rnd.Next(HostileSnippets.Length)] + text[at..];
    }

    private static string LineOp(Random rnd, string text)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count == 0) return text;
        var i = rnd.Next(lines.Count);
        switch (rnd.Next(6))
        {
            case 0: lines.RemoveAt(i); break;
            case 1: lines.Insert(i, lines[rnd.Next(lines.Count)]); break;
            case 2:
                var j = rnd.Next(lines.Count);
                (lines[i], lines[j]) = (lines[j], lines[i]);
                break;
            case 3: lines[i] = LinePrefixes[rnd.Next(LinePrefixes.Length)] + lines[i]; break;
            case 4: lines[i] = string.Concat(Enumerable.Repeat(LinePrefixes[rnd.Next(LinePrefixes.Length)], 1 + rnd.Next(300))) + lines[i]; break;
            default: lines[i] = new string(' ', rnd.Next(12)) + lines[i]; break;
        }
        return string.Join('\n', lines);
    }

    private static string Splice(Random rnd, string a, string b)
    {
        var i = rnd.Next(a.Length + 1);
        var j = rnd.Next(b.Length + 1);
        return a[..i] + b[j..];
    }

    private static byte[] ByteOp(Random rnd, byte[] bytes)
    {
        if (bytes.Length == 0) return [(byte)rnd.Next(256)];
        var copy = bytes.ToList();
        var i = rnd.Next(copy.Count);
        switch (rnd.Next(4))
        {
            case 0: copy[i] = (byte)rnd.Next(256); break;
            case 1: copy.Insert(i, (byte)rnd.Next(256)); break;
            case 2: copy.RemoveRange(i, Math.Min(copy.Count - i, 1 + rnd.Next(16))); break;
            default: copy[i] ^= (byte)(1 << rnd.Next(8)); break;
        }
        return [.. copy];
    }
}
