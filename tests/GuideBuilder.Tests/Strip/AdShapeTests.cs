namespace GuideBuilder.Tests.Strip;

/// <summary>One test per ad shape seen in the wild (corpus-shaped fixtures written for the project).</summary>
public sealed class AdShapeTests
{
    [Fact]
    public void Marker_regions_mid_list_before_heading_and_empty_pairs_are_cut()
    {
        using var f = StripFixture.Build("shape01-marker-regions");
        Assert.Equal(0, f.Run.ExitCode);
        Assert.Empty(f.AdTraces());
        Assert.DoesNotContain("Quillmart", f.Html);
        Assert.Equal(["Open Settings and choose Devices.", "Pick the tablet from the list of pens.", "Press Calibrate and tap each crosshair.", "Save the calibration profile."],
            f.Body.QuerySelectorAll("ol > li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Check the Pressure Curve", f.Body.QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public void Impact_banner_and_hidden_pixel_are_removed_outside_markers_too()
    {
        using var f = StripFixture.Build("shape02-impact-banner");
        Assert.Empty(f.AdTraces());
        Assert.Empty(f.Body.QuerySelectorAll("a"));
        // the real screenshot right after the region stays
        Assert.Equal("https://images.example.net/keycap-retainer.png", f.Body.QuerySelector("img")!.GetAttribute("src"));
        Assert.Contains("Press gently at the centre", f.Body.TextContent);
    }

    [Fact]
    public void Click_to_play_video_and_javascript_link_are_removed()
    {
        using var f = StripFixture.Build("shape03-impact-video");
        Assert.Empty(f.AdTraces());
        Assert.Empty(f.Body.QuerySelectorAll("video, source"));
        Assert.DoesNotContain("Click here", f.Body.TextContent);
        Assert.Contains("Release the button once the speaker chimes twice.", f.Body.TextContent);
    }

    [Fact]
    public void TwoCheckout_and_Avangate_banners_are_removed_even_on_a_vendor_storefront()
    {
        using var f = StripFixture.Build("shape04-twocheckout-banner");
        Assert.Empty(f.AdTraces());
        Assert.Empty(f.Body.QuerySelectorAll("a, img"));
        Assert.Equal(3, f.Body.QuerySelectorAll("p").Length);
    }

    [Fact]
    public void Text_ad_heading_and_its_text_are_removed_and_the_next_heading_stays()
    {
        using var f = StripFixture.Build("shape05-text-ad");
        Assert.Empty(f.AdTraces());
        Assert.DoesNotContain("Fanless", f.Html);
        Assert.DoesNotContain("Free shipping", f.Html);
        Assert.Equal(["Undervolt the Card"], f.Body.QuerySelectorAll("h3").Select(h => h.TextContent));
        Assert.Equal(2, f.Body.QuerySelectorAll("ol > li").Length);
    }

    [Fact]
    public void Iframes_inside_ad_regions_go_with_the_region()
    {
        using var f = StripFixture.Build("shape06-iframe-in-region");
        Assert.Empty(f.AdTraces());
        Assert.Contains("Hang the monitor on the arm", f.Body.TextContent);
        Assert.Equal(3, f.Body.QuerySelectorAll("p").Length);
    }

    [Fact]
    public void Also_read_link_farm_is_removed_as_block_and_inline_label()
    {
        using var f = StripFixture.Build("shape07-also-read");
        Assert.Empty(f.AdTraces());
        Assert.DoesNotContain("Also read", f.Body.TextContent);
        Assert.Empty(f.Body.QuerySelectorAll("ul, li"));
        Assert.DoesNotContain("Quiet Switches", f.Html);
        // the label inside a sentence goes, the sentence stays
        Assert.Contains("so check the warranty terms before opening the shell", f.Body.TextContent);
        Assert.Contains("Wipe the wheel rubber", f.Body.TextContent);
    }

    [Fact]
    public void AdSense_units_are_removed()
    {
        using var f = StripFixture.Build("shape08-adsense");
        Assert.Empty(f.AdTraces());
        Assert.DoesNotContain("ca-pub-", f.Html);
        Assert.Equal(["Flag labels stay readable even on thin cables.", "Write the device name on both ends of each cable."],
            f.Body.QuerySelectorAll("p").Select(p => p.TextContent.Trim()));
    }

    [Fact]
    public void Disclaimer_goes_when_no_affiliate_link_is_left()
    {
        using var f = StripFixture.Build("shape09-disclaimer");
        Assert.Empty(f.AdTraces());
        Assert.Empty(f.Body.QuerySelectorAll("blockquote"));
        Assert.DoesNotContain("affiliate", f.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Disclaimer_stays_beside_an_inline_affiliate_link_marked_sponsored()
    {
        using var f = StripFixture.Build("shape09-disclaimer-kept");
        Assert.Empty(f.AdTraces());
        Assert.Contains("includes affiliate links", f.Body.QuerySelector("blockquote")!.TextContent);
        var link = f.Body.QuerySelector("a[href*='padhub.sjv.io']")!;
        Assert.Equal("Padhub twin dock", link.TextContent);
        Assert.Equal("sponsored nofollow", link.GetAttribute("rel"));
    }

    [Fact]
    public void Unmarked_shapes_quick_links_kept_redirects_unwrapped_affiliate_links_marked()
    {
        using var f = StripFixture.Build("shape10-unmarked");
        Assert.Empty(f.AdTraces());
        // Quick Links is the source article's table of contents: content, kept as written
        var quick = f.Body.QuerySelectorAll("ul a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["https://drive-tips.example.org/slow-drive/#check-the-cable", "https://drive-tips.example.org/slow-drive/#change-the-write-policy"], quick);
        // link-cloaking redirects: link gone, text kept, words not glued together
        Assert.DoesNotContain("tools.techidaily.com", f.Html);
        Assert.Contains("Written by Morgan Reyes for the storage desk. Try DiskPro Optimiser Free trial if", f.Body.TextContent);
        // Impact clicks on a merchant's own domain: kept as text links, marked
        foreach (var a in f.Body.QuerySelectorAll("a[href*='/c/1234567/']"))
        {
            Assert.Equal("sponsored nofollow", a.GetAttribute("rel"));
        }
        Assert.Equal(2, f.Body.QuerySelectorAll("a[rel='sponsored nofollow']").Length);
    }

    [Fact]
    public void Crlf_only_inside_ad_blocks_and_non_ascii_titles_build()
    {
        using var f = StripFixture.Build("shape11-mixed-endings-titles");
        Assert.Equal(0, f.Run.ExitCode);
        Assert.Empty(f.AdTraces());
        Assert.Contains("Type the new name and confirm with Save 🎧.", f.Body.TextContent);
        Assert.DoesNotContain("\r", f.Body.InnerHtml);
    }

    [Fact]
    public void Invalid_yaml_is_reported_not_crashed_on()
    {
        using var f = StripFixture.Build("shape11-invalid-yaml");
        Assert.Equal(1, f.Run.ExitCode);
        var d = Assert.Single(f.Run.Diagnostics(), d => d.Rule == "frontmatter.invalid");
        Assert.Equal("content/guides/shape11-invalid-yaml.md", d.File);
        Assert.Equal(2, d.Line);
    }
}
