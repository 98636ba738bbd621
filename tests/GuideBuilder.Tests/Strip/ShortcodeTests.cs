using System.Text.Json;
using GuideBuilder.Model;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Strip;

/// <summary>Hugo shortcodes and Liquid tags in copied posts: ad units go, content ones are converted, the rest is reported.</summary>
public sealed class ShortcodeTests
{
    private static List<(string Rule, int Line, string Message)> Diagnostics(StripFixture f) =>
        JsonDocument.Parse(f.Run.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => (d.GetProperty("rule").GetString()!, d.GetProperty("line").GetInt32(), d.GetProperty("message").GetString()!)).ToList();

    [Fact]
    public void Hugo_ad_units_go_and_content_shortcodes_are_converted()
    {
        using var f = StripFixture.Build("shape12-hugo-shortcodes");
        Assert.Equal(0, f.Run.ExitCode);
        var html = f.Body.InnerHtml;
        Assert.DoesNotContain("google-ads", html);
        Assert.DoesNotContain("amzn", html);
        Assert.DoesNotContain("cta-button", html);
        Assert.DoesNotContain("Check Price", html);
        Assert.DoesNotContain("pocketnet-20", html);
        // the sentence around the removed button stays whole
        Assert.Contains("Back up the settings before you start.", f.Body.TextContent);
        Assert.Contains("The backup is one file.", f.Body.TextContent);
        // figure
        var figure = f.Body.QuerySelector("figure img")!;
        Assert.Equal("https://images.example.net/router-back.jpg", figure.GetAttribute("src"));
        Assert.Equal("The reset hole on the back of the router", figure.GetAttribute("alt"));
        Assert.Equal("Find the reset hole first", f.Body.QuerySelector("figure figcaption")!.TextContent);
        // video: no iframe host allowed, so a link
        Assert.Empty(f.Body.QuerySelectorAll("iframe"));
        Assert.Equal("Watch the video on YouTube", f.Body.QuerySelector("a[href='https://www.youtube.com/watch?v=dQw4w9WgXcQ']")!.TextContent);
        // gist
        Assert.NotNull(f.Body.QuerySelector("a[href='https://gist.github.com/pocketnet/4f1c2a9b8e7d']"));
        // highlight: a fenced block, its lines as written
        var code = f.Body.QuerySelector("pre code.language-sh")!;
        Assert.Equal("ssh root@192.168.1.1\n# keep *this* line as it is: no emphasis, no heading\nsysupgrade -n /tmp/openwrt.bin\n", code.TextContent);
        // shortcodes inside code are code
        Assert.Contains(f.Body.QuerySelectorAll("code"), c => c.TextContent == "{{< youtube abc >}}");
        Assert.Contains(f.Body.QuerySelectorAll("pre code"), c => c.TextContent.Contains("{{< gist someone 123 >}}"));
        // Hugo's escape shows the shortcode itself
        Assert.Contains("Write {{< img src=\"x.png\" >}} to show the shortcode itself.", f.Body.TextContent);
        // unknown: kept as written, one warning at its line naming it; its body is still Markdown
        Assert.Contains("{{< notice tip >}}", f.Body.TextContent);
        Assert.Contains("Keep the power cable plugged in.", f.Body.TextContent);
        var warning = Assert.Single(Diagnostics(f), d => d.Rule == "source.shortcode");
        Assert.Equal(36, warning.Line);
        Assert.Contains("'notice'", warning.Message);
    }

    [Fact]
    public void A_tag_right_under_a_list_item_belongs_to_that_item_and_the_list_goes_on_after_it()
    {
        using var f = StripFixture.Build("shape15-shortcodes-in-lists");
        Assert.Equal(0, f.Run.ExitCode);
        // One procedure of four steps: the code block sits in step 2, the ad between steps 3 and 4 is gone.
        var steps = Assert.Single(f.Body.QuerySelectorAll("ol"));
        var items = steps.Children.Where(c => c.LocalName == "li").ToList();
        Assert.Equal(["step-1", "step-2", "step-3", "step-4"], items.Select(li => li.Id));
        Assert.Equal("scp firmware.bin root@10.0.0.1:/tmp/\n", items[1].QuerySelector("pre code")!.TextContent);
        Assert.Null(steps.GetAttribute("start"));
        Assert.DoesNotContain("google-ads", f.Body.InnerHtml);
        // Under a nested item the figure goes into that item; the outer list goes on.
        var bullets = f.Body.QuerySelectorAll("ul").Where(u => u.ParentElement!.LocalName != "li").ToList();
        Assert.Equal(3, bullets.Count);
        Assert.Equal(2, bullets[0].Children.Count(c => c.LocalName == "li"));
        Assert.NotNull(bullets[0].QuerySelector("li li figure img[alt='A blue Ethernet cable']"));
        // After a blank line the tag ends the list, as it does where the post came from.
        Assert.Equal("uptime\n", bullets[1].NextElementSibling!.QuerySelector("code")!.TextContent);
        Assert.Single(bullets[2].Children);
    }

    [Fact]
    public void Liquid_includes_and_tags_are_converted_and_an_ad_url_in_a_parameter_makes_an_ad_unit()
    {
        using var f = StripFixture.Build("shape13-liquid-includes");
        Assert.Equal(0, f.Run.ExitCode);
        var html = f.Body.InnerHtml;
        Assert.DoesNotContain("adsense", html);
        Assert.DoesNotContain("affiliate-box", html);
        Assert.DoesNotContain("cyclejp-22", html);
        Assert.NotNull(f.Body.QuerySelector("a[href='https://www.youtube.com/watch?v=aBcDeF12345']"));
        Assert.Equal("def pace(km, minutes):\n    return minutes / km\n", f.Body.QuerySelector("pre code.language-python")!.TextContent);
        Assert.Contains("The template writes {{ page.title }} here.", f.Body.TextContent);
        Assert.DoesNotContain("{% raw %}", f.Body.TextContent);
        var warning = Assert.Single(Diagnostics(f), d => d.Rule == "source.shortcode");
        Assert.Contains("'capture'", warning.Message);
        Assert.Equal(22, warning.Line);
    }

    [Fact]
    public void Every_removed_shortcode_is_in_the_strip_report_with_the_text_that_went()
    {
        var reportPath = Path.Combine(Path.GetTempPath(), "gb-sc-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        try
        {
            using var f = StripFixture.Build("shape12-hugo-shortcodes", "", "--strip-report", reportPath);
            var removals = JsonDocument.Parse(File.ReadAllText(reportPath)).RootElement.GetProperty("pages")[0].GetProperty("removals").EnumerateArray()
                .Select(r => (Rule: r.GetProperty("rule").GetString(), Line: r.GetProperty("start_line").GetInt32(),
                    Text: r.TryGetProperty("text_removed", out var t) ? t.GetString() : null)).ToList();
            Assert.Equal([("shortcode", 8, null), ("shortcode", 12, null), ("shortcode", 16, "Check Price")], removals);
        }
        finally
        {
            File.Delete(reportPath);
        }
    }

    [Fact]
    public void An_allowed_iframe_host_embeds_the_video_privacy_enhanced()
    {
        using var f = StripFixture.Build("shape12-hugo-shortcodes", "sanitize:\n  iframe_hosts: [www.youtube-nocookie.com]\n");
        var iframe = Assert.Single(f.Body.QuerySelectorAll("iframe"));
        Assert.Equal("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", iframe.GetAttribute("src"));
        Assert.NotNull(f.Body.QuerySelector("figcaption a[href='https://www.youtube.com/watch?v=dQw4w9WgXcQ']"));
    }

    [Fact]
    public void A_site_mapping_adds_and_overrides_entries()
    {
        using var f = StripFixture.Build("shape12-hugo-shortcodes", "strip:\n  shortcodes:\n    notice: unwrap\n    figure: remove\n");
        Assert.Empty(f.Body.QuerySelectorAll("figure"));
        Assert.DoesNotContain("notice", f.Body.TextContent);
        Assert.Contains("Keep the power cable plugged in.", f.Body.TextContent);
        Assert.DoesNotContain(Diagnostics(f), d => d.Rule == "source.shortcode");
    }

    [Fact]
    public void A_bad_action_in_site_yml_is_a_configuration_error()
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\nstrip:\n  shortcodes:\n    notice: hide\n");
        site.Write("content/a.md", "---\ntitle: A\n---\n\nText.\n");
        var run = site.Run("build");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("remove, youtube, vimeo", run.Stderr);
    }

    [Theory]
    [InlineData("{{< youtube w7Ft2ymGmfc >}}", "youtube", false, "w7Ft2ymGmfc", null)]
    [InlineData("{{<figure src=\"a b.png\" title='T'>}}", "figure", false, null, "a b.png")]
    [InlineData("{{% /notice %}}", "notice", true, null, null)]
    [InlineData("{%- include embed/youtube.html id=\"x1\" -%}", "embed/youtube.html", false, null, null)]
    [InlineData("{% endhighlight %}", "highlight", true, null, null)]
    public void Tags_are_read_with_their_arguments(string text, string name, bool closing, string? first, string? src)
    {
        var tag = Shortcode.Read(text, 0, text.Length, out var end)!;
        Assert.Equal((name, closing, text.Length), (tag.Name, tag.Closing, end));
        Assert.Equal(first, tag.Positional.FirstOrDefault());
        Assert.Equal(src, tag.Named.GetValueOrDefault("src"));
    }

    [Theory]
    [InlineData("{{ .Title }}")]
    [InlineData("{{< unclosed")]
    [InlineData("{% %}")]
    [InlineData("{%}")]
    public void Text_that_only_looks_like_a_tag_is_not_one(string text)
    {
        Assert.Null(Shortcode.Read(text, 0, text.Length, out _));
    }
}

/// <summary>Rule codes are part of the contract: each names one rule.</summary>
public sealed class RuleCodeTests
{
    [Fact]
    public void Every_rule_has_its_own_code_and_name()
    {
        var all = GuideBuilder.Diagnostics.Rules.All;
        Assert.Empty(all.GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(all.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key));
    }
}
