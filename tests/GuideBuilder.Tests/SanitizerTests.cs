using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>Raw HTML in guides passes an allow-list: nothing that runs script survives, guide markup is untouched.</summary>
public sealed class SanitizerTests
{
    private const string Head = "---\ntitle: Safe\ndescription: A guide\n---\n# Safe\n\n";

    /// <summary>Builds one guide (body after the 6 header lines, so body line 1 is file line 7) and returns its article body and html.unsafe diagnostics.</summary>
    private static (IElement Body, List<(string Rule, string File, int Line, int Column, string Severity, string Message)> Unsafe) Build(string body, string siteYml = "title: T\nbase_url: https://guides.example.org/\n")
    {
        using var site = new TempSite(siteYml);
        site.Write("content/g/safe.md", Head + body).WriteBytes("content/g/shot.png", [0x89, 0x50, 0x4E, 0x47]);
        var run = site.Run("build", "--format", "json");
        Assert.Equal(0, run.ExitCode);
        var doc = new HtmlParser().ParseDocument(site.ReadOutput("g/safe/index.html"));
        var unsafeDiags = run.Diagnostics().Where(d => d.Rule == "html.unsafe").ToList();
        Assert.All(unsafeDiags, d => Assert.Equal("content/g/safe.md", d.File));
        return (doc.QuerySelector(".guide-body")!, unsafeDiags);
    }

    private static void AssertNoScript(IElement body)
    {
        Assert.Empty(body.QuerySelectorAll("script, style, iframe:not([src^='https://www.youtube-nocookie.com/']), object, embed"));
        foreach (var el in body.QuerySelectorAll("*"))
        {
            foreach (var attr in el.Attributes)
            {
                Assert.False(attr.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"<{el.LocalName} {attr.Name}> survived");
                var v = new string(attr.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                Assert.False(v.StartsWith("javascript:") || v.StartsWith("vbscript:") || v.StartsWith("data:text"), $"<{el.LocalName} {attr.Name}=\"{attr.Value}\"> survived");
            }
        }
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "<script>")]
    [InlineData("Text <span onclick=\"alert(1)\">here</span>.", "onclick")]
    [InlineData("<img src=\"shot.png\" alt=\"x\" onerror=\"alert(1)\">", "onerror")]
    [InlineData("<p><a href=\"JaVaScRiPt:alert(1)\">x</a></p>", "")]
    [InlineData("<div><a href=\"vbscript:msgbox(1)\">x</a></div>", "")]
    [InlineData("<img src=\"data:text/html;base64,PHNjcmlwdD4=\" alt=\"x\">", "data:text/html")]
    [InlineData("<iframe src=\"https://tracker.example.net/ad\"></iframe>", "<iframe>")]
    [InlineData("<svg><script>alert(1)</script></svg>", "<")]
    [InlineData("<object data=\"x.swf\"></object>", "<object>")]
    [InlineData("<div style=\"display:none\">secret</div>", "display")]
    [InlineData("<form action=\"https://evil.example.net/\"><input name=\"q\"></form>", "<")]
    [InlineData("[link](#safe){onmouseover=\"alert(1)\"}", "onmouseover")]
    [InlineData("<vbscript:msgbox(1)>", "vbscript")]
    [InlineData("[x](java&#9;script:alert(1))", "")]
    public void Unsafe_html_is_removed_and_reported_at_its_line(string body, string messageHas)
    {
        var (html, diags) = Build("Intro.\n\n" + body + "\n");
        AssertNoScript(html);
        if (messageHas.Length == 0) return;   // stripped earlier, by the ad stripper's javascript-link rule
        Assert.NotEmpty(diags);
        Assert.Contains(diags, d => d.Message.Contains(messageHas, StringComparison.OrdinalIgnoreCase));
        Assert.All(diags, d => Assert.Equal(9, d.Line));
        Assert.All(diags, d => Assert.Equal("warning", d.Severity));
    }

    [Fact]
    public void Script_urls_are_caught_even_with_the_ad_stripper_off()
    {
        var (html, diags) = Build("""
            <p><a href="JaVaScRiPt:alert(1)">x</a></p>

            [y](javascript:alert(2)) and <a href=" javascript:alert(3)">z</a>
            """, "title: T\nbase_url: https://guides.example.org/\nstrip:\n  enabled: false\n");
        AssertNoScript(html);
        Assert.Equal([7, 9], diags.Select(d => d.Line).Distinct().Order());
        Assert.All(diags, d => Assert.Contains("unsafe URL", d.Message));
        Assert.Equal(3, html.QuerySelectorAll("a").Length);   // the link text stays, as a dead link
    }

    [Fact]
    public void Script_content_is_dropped_with_the_tag()
    {
        var (html, _) = Build("<div>\n<script>var leaked = 1;</script>\nkept\n</div>\n");
        Assert.DoesNotContain("leaked", html.InnerHtml);
        Assert.Contains("kept", html.TextContent);
    }

    [Fact]
    public void Guide_markup_is_untouched_by_the_sanitizer()
    {
        const string body = """
            <div class="note" id="before">Raw HTML on the page makes the sanitizer run.</div>

            1. Press **Win** \+ **R**.
            2. Type `control` and press <kbd>Enter</kbd>.

            ![The dialog](shot.png)

            <figure><img src="shot.png" alt="Screen"><figcaption>The screen</figcaption></figure>

            <details><summary>More options</summary>

            Hidden until opened.

            </details>

            | Key | Does |
            |:----|-----:|
            | F1  | Help |

            > [!NOTE]
            > A note.

            - [x] done
            - [ ] to do

            See [the top](#safe) or [mail](mailto:help@example.org).

            ![inline](data:image/png;base64,iVBORw0KGgo=)
            """;
        var (html, diags) = Build(body);
        Assert.Empty(diags);
        Assert.Equal(["step-1", "step-2"], html.QuerySelectorAll("ol.steps > li").Select(li => li.Id));
        Assert.Equal(["Win", "R", "Enter"], html.QuerySelectorAll("kbd").Select(k => k.TextContent));
        Assert.Equal(3, html.QuerySelectorAll("figure > img").Length);
        Assert.Equal("The screen", html.QuerySelector("figcaption")!.TextContent);
        Assert.Equal("More options", html.QuerySelector("details > summary")!.TextContent);
        Assert.Equal("text-align: right", html.QuerySelector("td:last-child")!.GetAttribute("style")?.TrimEnd(';'));
        Assert.NotNull(html.QuerySelector("div.markdown-alert svg path"));
        Assert.Equal(2, html.QuerySelectorAll("input[type=checkbox][disabled]").Length);
        Assert.Equal("before", html.QuerySelector("div.note")!.Id);
        Assert.Equal("mailto:help@example.org", html.QuerySelector("a[href^=mailto]")!.GetAttribute("href"));
        Assert.StartsWith("data:image/png", html.QuerySelector("img[alt=inline]")!.GetAttribute("src"));
    }

    [Fact]
    public void Iframes_and_media_load_only_from_allowed_hosts()
    {
        const string yml = "title: T\nbase_url: https://guides.example.org/\nsanitize:\n  iframe_hosts: [www.youtube-nocookie.com]\n  media_hosts: [media.example.org]\n";
        var (html, diags) = Build("""
            <iframe src="https://www.youtube-nocookie.com/embed/abc"></iframe>

            <iframe src="https://other.example.net/embed/abc"></iframe>

            <video src="https://media.example.org/a.mp4"></video>

            <video src="https://elsewhere.example.net/b.mp4"></video>

            <audio src="shot.png"></audio>
            """, yml);
        AssertNoScript(html);
        Assert.Equal(["https://www.youtube-nocookie.com/embed/abc"], html.QuerySelectorAll("iframe").Select(f => f.GetAttribute("src")));
        Assert.Equal(["https://media.example.org/a.mp4", null], html.QuerySelectorAll("video").Select(v => v.GetAttribute("src")));
        Assert.Equal("../shot.png", html.QuerySelector("audio")!.GetAttribute("src"));   // the site's own file, rewritten for <name>/index.html
        Assert.Equal([9, 13], diags.Select(d => d.Line).Order());
    }

    [Fact]
    public void Pages_without_raw_html_are_not_reserialized()
    {
        // Markdig's own output is passed through byte for byte when the page has nothing to sanitize.
        using var site = new TempSite();
        site.Write("content/plain.md", Head + "Press **Ctrl** \\+ **C**.\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n");
        site.Run("build");
        var html = site.ReadOutput("plain/index.html");
        Assert.Contains("<td style=\"text-align: right;\">2</td>", html);
    }
}
