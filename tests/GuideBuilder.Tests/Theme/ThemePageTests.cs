using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GuideBuilder.Tests.Theme;

/// <summary>The structure of every page type the default theme writes, built from <see cref="FixtureSite"/>.</summary>
public sealed class ThemePageTests(FixtureSite fixture) : IClassFixture<FixtureSite>
{
    private const string Base = FixtureSite.BaseUrl;

    private IDocument Page(string relative)
    {
        Assert.True(fixture.Site.OutputExists(relative), $"{relative} was not written; build said: {fixture.Run.Stdout}");
        return new HtmlParser().ParseDocument(fixture.Read(relative));
    }

    [Fact]
    public void Build_is_clean()
    {
        Assert.Equal(0, fixture.Run.ExitCode);
        Assert.DoesNotContain(fixture.Run.Diagnostics(), d => d.Severity != "info");
    }

    [Fact]
    public void Guide_steps_are_numbered_with_ids_kbd_bold_ui_names_and_lazy_figures()
    {
        var doc = Page("windows/open-settings/index.html");
        var lists = doc.QuerySelectorAll(".guide-body ol.steps");
        Assert.Equal(2, lists.Length);
        var steps = doc.QuerySelectorAll(".guide-body ol.steps > li");
        Assert.Equal(["use-the-keyboard-step-1", "use-the-keyboard-step-2", "use-the-keyboard-step-3", "use-the-start-menu-step-1", "use-the-start-menu-step-2"],
            steps.Select(s => s.Id));
        Assert.Equal(["Win", "I"], steps[0].QuerySelectorAll("kbd").Select(k => k.TextContent));
        Assert.Equal(["Alt", "F4"], steps[2].QuerySelectorAll("kbd").Select(k => k.TextContent));
        Assert.Equal("System", steps[1].QuerySelector("strong")!.TextContent);
        var figure = steps[1].QuerySelector("figure");
        Assert.NotNull(figure);
        var img = figure!.QuerySelector("img")!;
        Assert.Equal("The System page of Settings", img.GetAttribute("alt"));
        Assert.Equal("lazy", img.GetAttribute("loading"));
        Assert.Equal("async", img.GetAttribute("decoding"));
        Assert.Equal("../images/system.svg", img.GetAttribute("src"));
    }

    [Fact]
    public void Guide_title_heading_is_dropped_and_its_id_moves_to_the_h1()
    {
        var doc = Page("windows/open-settings/index.html");
        var h1 = Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal("Open Windows Settings Quickly", h1.TextContent);
        Assert.Equal("open-windows-settings-quickly", h1.Id);
        Assert.DoesNotContain(doc.QuerySelectorAll("h2"), h => h.TextContent.Trim() == "Open Windows Settings Quickly");
        Assert.Single(doc.QuerySelectorAll("#open-windows-settings-quickly"));
    }

    [Fact]
    public void Guide_has_toc_reading_time_dates_breadcrumb_tags_and_prev_next()
    {
        var doc = Page("windows/open-settings/index.html");
        var toc = doc.QuerySelector("nav.toc")!;
        Assert.Equal(["#use-the-keyboard", "#when-the-shortcut-does-nothing", "#use-the-start-menu"],
            toc.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(["toc-h2", "toc-h3", "toc-h2"], toc.QuerySelectorAll("li").Select(li => li.ClassName));
        foreach (var a in toc.QuerySelectorAll("a")) Assert.NotNull(doc.GetElementById(a.GetAttribute("href")![1..]));

        var meta = doc.QuerySelector(".guide-header .meta")!;
        Assert.Matches(@"\d+ min read", meta.TextContent);
        Assert.Equal(["2025-03-01", "2025-03-04"], meta.QuerySelectorAll("time").Select(t => t.GetAttribute("datetime")));
        Assert.Contains("5 steps", meta.TextContent);

        var crumbs = doc.QuerySelectorAll("nav.breadcrumb a").Select(a => (a.TextContent, a.GetAttribute("href"))).ToList();
        Assert.Equal([("Home", "../../"), ("Windows", "../../categories/windows/")], crumbs);

        Assert.Equal(["../../tags/windows/", "../../tags/settings/"], doc.QuerySelectorAll(".tags a").Select(a => a.GetAttribute("href")));

        // Oldest to newest within the category: pin-apps (February) comes before open-settings (March).
        Assert.Equal("../../windows/pin-apps/", doc.QuerySelector(".prev-next a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(doc.QuerySelector(".prev-next a[rel=next]"));
        var older = Page("windows/pin-apps/index.html");
        Assert.Equal("../../windows/open-settings/", older.QuerySelector(".prev-next a[rel=next]")!.GetAttribute("href"));
    }

    [Fact]
    public void Guide_head_has_title_description_canonical_and_social_cards_with_absolute_images()
    {
        var doc = Page("windows/open-settings/index.html");
        Assert.Equal("Open Windows Settings Quickly · Fixture Guides", doc.Title);
        Assert.Equal("Two fast ways to reach the Settings app", Meta(doc, "name", "description"));
        Assert.Equal(Base + "windows/open-settings/", doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(Base + "windows/open-settings/", Meta(doc, "property", "og:url"));
        Assert.Equal("article", Meta(doc, "property", "og:type"));
        Assert.Equal(Base + "windows/images/settings-thumb.svg", Meta(doc, "property", "og:image"));
        Assert.Equal("summary_large_image", Meta(doc, "name", "twitter:card"));
        Assert.Equal(Base + "windows/images/settings-thumb.svg", Meta(doc, "name", "twitter:image"));
        Assert.Equal("Two fast ways to reach the Settings app", Meta(doc, "property", "og:description"));

        // No thumbnail: the first step's screenshot is the share image.
        var pin = Page("windows/pin-apps/index.html");
        Assert.Equal(Base + "windows/images/pin.svg", Meta(pin, "property", "og:image"));
    }

    [Fact]
    public void Guide_howto_json_ld_lists_steps_in_order_with_text_images_and_step_urls()
    {
        var doc = Page("windows/open-settings/index.html");
        var script = Assert.Single(doc.QuerySelectorAll("script[type='application/ld+json']"));
        using var json = JsonDocument.Parse(script.TextContent);
        var root = json.RootElement;
        Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
        Assert.Equal("HowTo", root.GetProperty("@type").GetString());
        Assert.Equal("Open Windows Settings Quickly", root.GetProperty("name").GetString());
        Assert.Equal(Base + "windows/images/settings-thumb.svg", root.GetProperty("image").GetString());
        var sections = root.GetProperty("step").EnumerateArray().ToList();
        Assert.All(sections, s => Assert.Equal("HowToSection", s.GetProperty("@type").GetString()));
        Assert.Equal(["Use the keyboard", "Use the Start menu"], sections.Select(s => s.GetProperty("name").GetString()));
        var steps = sections.SelectMany(s => s.GetProperty("itemListElement").EnumerateArray()).ToList();
        Assert.Equal([1, 2, 3, 1, 2], steps.Select(s => s.GetProperty("position").GetInt32()));
        Assert.All(steps, s => Assert.Equal("HowToStep", s.GetProperty("@type").GetString()));
        Assert.Equal(
            [.. Enumerable.Range(1, 3).Select(i => Base + "windows/open-settings/#use-the-keyboard-step-" + i),
             .. Enumerable.Range(1, 2).Select(i => Base + "windows/open-settings/#use-the-start-menu-step-" + i)],
            steps.Select(s => s.GetProperty("url").GetString()));
        Assert.Equal(["Press Win + I", "Click System in the sidebar", "Pick the page you need, then close Settings with Alt + F4", "Click Start", "Choose the gear icon labelled Settings"],
            steps.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("Press Win + I.", steps[0].GetProperty("text").GetString());
        Assert.Equal("Click System in the sidebar.", steps[1].GetProperty("text").GetString());
        Assert.Equal("Choose the gear icon labelled Settings.", steps[4].GetProperty("text").GetString());
        Assert.Equal(Base + "windows/images/system.svg", steps[1].GetProperty("image").GetString());
        Assert.False(steps[0].TryGetProperty("image", out _));
    }

    [Fact]
    public void Home_lists_guides_newest_first_with_excerpts()
    {
        var doc = Page("index.html");
        Assert.Equal("Fixture Guides", Assert.Single(doc.QuerySelectorAll("h1")).TextContent);
        var cards = doc.QuerySelectorAll("ul.cards > li.card");
        Assert.Equal(["windows/open-settings/", "windows/pin-apps/", "printers/restart-spooler/"],
            cards.Select(c => c.QuerySelector("h2 a")!.GetAttribute("href")));
        Assert.Equal("Two fast ways to reach the Settings app", cards[0].QuerySelector(".excerpt")!.TextContent);
        Assert.Equal("Keep the apps you use every day one click away.", cards[1].QuerySelector(".excerpt")!.TextContent);
        Assert.Equal("2025-03-01", cards[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal(Base, doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("website", Meta(doc, "property", "og:type"));
        Assert.Empty(doc.QuerySelectorAll("script[type='application/ld+json']"));
    }

    [Fact]
    public void Each_category_and_tag_has_a_page_listing_its_guides()
    {
        var windows = Page("categories/windows/index.html");
        Assert.Contains("Windows", Assert.Single(windows.QuerySelectorAll("h1")).TextContent);
        Assert.Equal(["../../windows/open-settings/", "../../windows/pin-apps/"],
            windows.QuerySelectorAll("li.card h2 a").Select(a => a.GetAttribute("href")));
        Assert.Equal(Base + "categories/windows/", windows.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        var printers = Page("categories/printers/index.html");
        Assert.Equal(["../../printers/restart-spooler/"], printers.QuerySelectorAll("li.card h2 a").Select(a => a.GetAttribute("href")));

        var taskbar = Page("tags/taskbar/index.html");
        Assert.Equal(["../../windows/pin-apps/"], taskbar.QuerySelectorAll("li.card h2 a").Select(a => a.GetAttribute("href")));
        var tagWindows = Page("tags/windows/index.html");
        Assert.Equal(2, tagWindows.QuerySelectorAll("li.card").Length);

        var categories = Page("categories/index.html");
        Assert.Equal(["../categories/printers/", "../categories/windows/"], categories.QuerySelectorAll("ul.terms a").Select(a => a.GetAttribute("href")));
        var tags = Page("tags/index.html");
        Assert.Equal(["../tags/printing/", "../tags/settings/", "../tags/taskbar/", "../tags/windows/"], tags.QuerySelectorAll("ul.terms a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public void Not_found_page_uses_root_absolute_links_so_it_works_at_any_depth()
    {
        var doc = Page("404.html");
        Assert.Equal("Page not found", Assert.Single(doc.QuerySelectorAll("h1")).TextContent);
        Assert.Equal("/help/assets/style.css", doc.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"));
        Assert.Equal("/help/assets/search.js", doc.QuerySelector("script[src]")!.GetAttribute("src"));
        Assert.Contains(doc.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/help/");
        Assert.Contains(doc.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/help/windows/open-settings/");
    }

    [Fact]
    public void Sitemap_lists_home_guides_and_terms()
    {
        var xml = XDocument.Parse(fixture.Read("sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        Assert.Equal(ns + "urlset", xml.Root!.Name);
        var locs = xml.Root.Elements(ns + "url").Select(u => u.Element(ns + "loc")!.Value).ToList();
        Assert.Equal(Base, locs[0]);
        Assert.Contains(Base + "windows/open-settings/", locs);
        Assert.Contains(Base + "printers/restart-spooler/", locs);
        Assert.Contains(Base + "categories/printers/", locs);
        Assert.Contains(Base + "tags/taskbar/", locs);
        Assert.Equal(locs.Count, locs.Distinct().Count());
        var lastmod = xml.Root.Elements(ns + "url").First(u => u.Element(ns + "loc")!.Value.EndsWith("open-settings/")).Element(ns + "lastmod")!.Value;
        Assert.Equal("2025-03-04", lastmod);
    }

    [Fact]
    public void Atom_feed_lists_newest_guides_first()
    {
        var xml = XDocument.Parse(fixture.Read("feed.xml"));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = xml.Root!;
        Assert.Equal(atom + "feed", feed.Name);
        Assert.Equal("Fixture Guides", feed.Element(atom + "title")!.Value);
        Assert.Equal(Base + "feed.xml", feed.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "self").Attribute("href")!.Value);
        Assert.True(DateTimeOffset.TryParse(feed.Element(atom + "updated")!.Value, out _));
        var entries = feed.Elements(atom + "entry").ToList();
        Assert.Equal([Base + "windows/open-settings/", Base + "windows/pin-apps/", Base + "printers/restart-spooler/"],
            entries.Select(e => e.Element(atom + "id")!.Value));
        Assert.All(entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Element(atom + "title")!.Value));
            Assert.NotNull(e.Element(atom + "link")!.Attribute("href"));
            Assert.True(DateTimeOffset.TryParse(e.Element(atom + "updated")!.Value, out _));
            Assert.NotNull(e.Element(atom + "author")?.Element(atom + "name"));
        });
    }

    [Fact]
    public void Robots_points_at_the_sitemap()
    {
        var robots = fixture.Read("robots.txt");
        Assert.Contains("User-agent: *", robots);
        Assert.Contains("Sitemap: " + Base + "sitemap.xml", robots);
    }

    [Fact]
    public void Search_index_is_compact_json_with_titles_headings_and_words()
    {
        using var json = JsonDocument.Parse(fixture.Read("search-index.json"));
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        var settings = entries.Single(e => e.GetProperty("u").GetString() == "windows/open-settings/");
        Assert.Equal("Open Windows Settings Quickly", settings.GetProperty("t").GetString());
        Assert.Contains("When the shortcut does nothing", settings.GetProperty("h").GetString());
        var words = settings.GetProperty("w").GetString()!.Split(' ');
        Assert.Contains("sidebar", words);
        Assert.Contains("win", words);
        Assert.Equal(words.Length, words.Distinct().Count());
        Assert.DoesNotContain("\n", fixture.Read("search-index.json"));
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("windows/open-settings/index.html")]
    [InlineData("windows/pin-apps/index.html")]
    [InlineData("printers/restart-spooler/index.html")]
    [InlineData("categories/index.html")]
    [InlineData("categories/windows/index.html")]
    [InlineData("tags/index.html")]
    [InlineData("tags/windows/index.html")]
    [InlineData("404.html")]
    public void Every_page_has_one_h1_landmarks_skip_link_and_search(string relative)
    {
        var doc = Page(relative);
        Assert.Single(doc.QuerySelectorAll("h1"));
        Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(doc.QuerySelector("meta[charset]"));
        Assert.NotNull(doc.QuerySelector("meta[name=viewport]"));
        Assert.Single(doc.QuerySelectorAll("body > header"));
        Assert.Single(doc.QuerySelectorAll("main#main"));
        Assert.Single(doc.QuerySelectorAll("body > footer"));
        var skip = doc.QuerySelector("body > a.skip-link")!;
        Assert.Same(skip, doc.Body!.FirstElementChild);
        Assert.Equal("#main", skip.GetAttribute("href"));
        Assert.NotNull(doc.QuerySelector("[role=search] input[type=search]#search-input"));
        Assert.NotNull(doc.QuerySelector("label[for=search-input]"));
        var ids = doc.QuerySelectorAll("[id]").Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("windows/open-settings/index.html")]
    [InlineData("printers/restart-spooler/index.html")]
    [InlineData("categories/windows/index.html")]
    [InlineData("tags/index.html")]
    [InlineData("404.html")]
    public void No_page_loads_anything_from_outside(string relative)
    {
        var doc = Page(relative);
        var loads = doc.QuerySelectorAll("script[src], link[href], img[src], iframe, source[src], video, audio, object, embed, style")
            .Where(e => !(e.LocalName == "link" && e.GetAttribute("rel") is "canonical" or "alternate"))
            .Where(e => e.Closest(".guide-body") is null);
        foreach (var e in loads)
        {
            var url = e.GetAttribute("src") ?? e.GetAttribute("href") ?? "";
            Assert.DoesNotMatch("^(https?:)?//", url);
            Assert.DoesNotContain("url(", e.LocalName == "style" ? e.TextContent : "");
        }
        Assert.Empty(doc.QuerySelectorAll("[style*='url(']"));
    }

    [Fact]
    public void Theme_assets_are_self_contained_with_dark_print_and_small_screen_styles()
    {
        var css = File.ReadAllText(Path.Combine(fixture.Output, "assets/style.css"));
        Assert.DoesNotContain("@import", css);
        Assert.DoesNotContain("url(", css);
        Assert.DoesNotContain("@font-face", css);
        Assert.Contains("@media (prefers-color-scheme: dark)", css);
        Assert.Contains("@media print", css);
        Assert.Contains("@media (max-width: 480px)", css);
        var js = File.ReadAllText(Path.Combine(fixture.Output, "assets/search.js"));
        Assert.DoesNotMatch("https?://", js);
        Assert.Contains("search-index.json", js);
    }

    private static string? Meta(IDocument doc, string attr, string name) =>
        doc.QuerySelector($"meta[{attr}='{name}']")?.GetAttribute("content");
}
