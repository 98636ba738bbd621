using GuideBuilder.Building;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;
using GuideBuilder.Model;

namespace GuideBuilder.Tests.Serve;

/// <summary>The in-memory site behind serve: what an edit re-reads and re-checks.</summary>
public sealed class LiveSiteTests
{
    private static string Page(string title, string body) => $"---\ntitle: {title}\ndescription: about {title}\n---\n\n{body}\n";

    [Fact]
    public void An_edit_rereads_one_file_and_rechecks_the_pages_linking_to_it()
    {
        using var site = new TempSite();
        site.Write("content/a/target.md", Page("Target", "## Steps\n\nText."))
            .Write("content/a/linker.md", Page("Linker", "See [target](target.md#steps)."))
            .Write("content/b/unrelated.md", Page("Unrelated", "Nothing links here."));
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var live = new LiveSite(config, new BuildOptions { Write = false, Drafts = true, LiveReload = true });
        Assert.Equal(3, live.Build().Read);
        Assert.Empty(live.Diagnostics());

        var target = Path.Combine(site.Root, "content/a/target.md");
        File.WriteAllText(target, Page("Target", "## Renamed heading\n\nNew text."));
        File.SetLastWriteTimeUtc(target, DateTime.UtcNow.AddSeconds(5));
        var update = live.Update([target])!;
        Assert.Equal(1, update.Read);
        Assert.Equal(2, update.Validated);   // the target and its linker, not the unrelated page
        var d = Assert.Single(live.Diagnostics());
        Assert.Equal(("link.anchor", "content/a/linker.md"), (d.Rule, d.Location.File));
        Assert.Contains("New text.", live.Get("/a/target/")!.Text);
        Assert.Contains("/__guidebuilder/live.js", live.Get("/a/target/")!.Text);

        Assert.Null(live.Update([Path.Combine(site.Root, "notes.txt")]));
        Assert.Null(live.Get("/a/target.md"));
    }

    /// <summary>
    /// Writes each edit (a file a few seconds newer each time), lets <paramref name="live"/> update and check the output's
    /// links again, and compares its diagnostics and every one of <paramref name="paths"/> with a site loaded afresh
    /// from the edited files.
    /// </summary>
    private static void EditEachThenCompareWithAFreshLoad(LiveSite live, SiteConfig config, BuildOptions options,
        (string Name, string File, string Text)[] edits, string[] paths, bool everyPathServed, Action<string>? afterEach = null)
    {
        var stamp = DateTime.UtcNow;
        live.CheckDelay = TimeSpan.Zero;
        foreach (var (name, file, text) in edits)
        {
            File.WriteAllText(file, text);
            File.SetLastWriteTimeUtc(file, stamp = stamp.AddSeconds(2));
            Assert.NotNull(live.Update([file]));
            live.WaitForOutputCheck();
            var fresh = new LiveSite(config, options);
            fresh.Build();
            Assert.Equal(fresh.Diagnostics().Select(d => d.ToString()), live.Diagnostics().Select(d => d.ToString()));
            foreach (var path in paths)
            {
                var (want, got) = (fresh.Get(path)?.Text, live.Get(path)?.Text);
                if (everyPathServed) Assert.True(want is not null, $"{path} is not served");
                Assert.True(want == got, $"after the {name}, {path} differs from a fresh build:\n{got}\n---- fresh:\n{want}");
            }
            afterEach?.Invoke(name);
        }
    }

    private static string Guide(string title, string date, string category, string tags, string body) =>
        $"---\ntitle: {title}\ndate: {date}\ncategories: [{category}]\ntags: [{tags}]\n---\n\n{body}\n";

    /// <summary>
    /// After each kind of edit, every page, listing and feed the incremental site serves is the same
    /// as what a site built from scratch on the same files serves, and so are the diagnostics.
    /// </summary>
    [Fact]
    public void After_each_edit_the_incremental_site_serves_what_a_fresh_build_serves()
    {
        using var site = new TempSite();
        site.Write("content/net/a.md", Guide("Alpha", "2025-01-01", "net", "wifi, dns", "Alpha text. See [Beta](b.md#steps)."))
            .Write("content/net/b.md", Guide("Beta", "2025-01-02", "net", "dns", "Beta text.\n\n## Steps\n\n1. One.\n2. Two."))
            .Write("content/net/c.md", Guide("Gamma", "2025-01-03", "net", "wifi", "Gamma text. See [Alpha](a.md)."))
            .Write("content/pc/d.md", Guide("Delta", "2025-01-04", "pc", "disk", "Delta text. See [Gamma](../net/c.md)."))
            .Write("content/pc/e.md", Guide("Epsilon", "2025-01-05", "pc", "disk, wifi", "Epsilon text."));
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var options = new BuildOptions { Write = false, Drafts = true, LiveReload = true };
        var live = new LiveSite(config, options);
        live.Build();
        Assert.Contains("Alpha text.", live.Get("/net/a/")!.Text);   // the model exists before the edits

        var b = Path.Combine(site.Root, "content/net/b.md");
        var edits = new (string Name, string File, string Text)[]
        {
            ("body edit", b, Guide("Beta", "2025-01-02", "net", "dns", "Beta rewritten for the excerpt.\n\n## Steps\n\n1. One.\n2. Two.")),
            ("anchor removed", b, Guide("Beta", "2025-01-02", "net", "dns", "Beta rewritten for the excerpt.\n\n## Stages\n\n1. One.")),
            ("anchor back", b, Guide("Beta", "2025-01-02", "net", "dns", "Beta again.\n\n## Steps\n\n1. One.")),
            ("title edit", b, Guide("Beta Prime", "2025-01-02", "net", "dns", "Beta again.\n\n## Steps\n\n1. One.")),
            ("date edit", b, Guide("Beta Prime", "2025-02-01", "net", "dns", "Beta again.\n\n## Steps\n\n1. One.")),
            ("tag edit", b, Guide("Beta Prime", "2025-02-01", "net", "dns, new-tag", "Beta again.\n\n## Steps\n\n1. One.")),
            ("category edit", b, Guide("Beta Prime", "2025-02-01", "pc", "dns, new-tag", "Beta again.\n\n## Steps\n\n1. One.")),
            ("linker edit", Path.Combine(site.Root, "content/pc/d.md"), Guide("Delta", "2025-01-04", "pc", "disk", "Delta now links [Beta](../net/b.md).")),
        };
        string[] paths =
        [
            "/", "/net/a/", "/net/b/", "/net/c/", "/pc/d/", "/pc/e/", "/categories/", "/tags/", "/categories/net/", "/categories/pc/",
            "/tags/wifi/", "/tags/dns/", "/tags/disk/", "/tags/new-tag/", "/feed.xml", "/sitemap.xml", "/search-index.json",
        ];
        // /tags/new-tag/ exists only once the tag edit made it: a path neither site serves is equal too.
        EditEachThenCompareWithAFreshLoad(live, config, options, edits, paths, everyPathServed: false);
        Assert.Contains("Beta Prime", live.Get("/categories/pc/")!.Text);
        Assert.DoesNotContain("Beta Prime", live.Get("/categories/net/")!.Text);
    }

    /// <summary>
    /// A title or date edit moves the page in the site's lists without building the site model again, and
    /// after each one every page equals a fresh build's: listings, previous/next links, feed, sitemap,
    /// search index, and the term lists a page template can read; ties on date and title (which fall back
    /// to path order), a page filed under two categories and pages without a category included.
    /// </summary>
    [Fact]
    public void A_title_or_date_edit_patches_the_model_and_serves_what_a_fresh_build_serves()
    {
        using var site = new TempSite();
        site.Write("templates/guide.html",
                "<article>{{ page.title }} prev={{ if page.prev }}{{ page.prev.title }}{{ end }} next={{ if page.next }}{{ page.next.title }}{{ end }}\n"
                + "{{ for t in page.tags }}{{ t.name }}:{{ for p in t.pages }}{{ p.title }}/{{ p.excerpt }};{{ end }}\n{{ end }}"
                + "{{ if page.category }}{{ for p in page.category.pages }}{{ p.title }};{{ end }}{{ end }}</article>")
            .Write("content/net/a.md", Guide("Same", "2025-01-01", "net", "x", "A text."))
            .Write("content/net/b.md", Guide("Same", "2025-01-01", "net", "x, y", "B text."))
            .Write("content/net/c.md", Guide("same", "2025-01-01", "net", "y", "C text."))
            .Write("content/net/d.md", Guide("Other", "2025-01-02", "net", "x", "D text."))
            .Write("content/net/e.md", Guide("Zed", "2025-01-03", "net", "y", "E text."))
            .Write("content/pc/f.md", Guide("Pc one", "2025-01-02", "pc, net", "x", "F text."))
            .Write("content/pc/g.md", Guide("Pc two", "2025-01-04", "pc", "y", "G text."))
            .Write("content/top.md", "---\ntitle: Loose\ndate: 2025-01-02\n---\n\nTop text.\n")
            .Write("content/top2.md", "---\ntitle: Loose two\ndate: 2025-01-05\n---\n\nTop two text.\n");
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var options = new BuildOptions { Write = false, Drafts = true, LiveReload = true };
        var live = new LiveSite(config, options);
        live.Build();
        Assert.Contains("A text.", live.Get("/net/a/")!.Text);
        Assert.Equal(1, live.ModelBuilds);

        string F(string rel) => Path.Combine(site.Root, "content", rel);
        var edits = new (string Name, string File, string Text)[]
        {
            ("date and title into a tie", F("net/d.md"), Guide("Same", "2025-01-01", "net", "x", "D text.")),
            ("title out of a tie", F("net/a.md"), Guide("Aardvark", "2025-01-01", "net", "x", "A text.")),
            ("newest to oldest", F("net/e.md"), Guide("Zed", "2024-12-31", "net", "y", "E text.")),
            ("page in two categories", F("pc/f.md"), Guide("Alpha pc", "2025-01-02", "pc, net", "x", "F text.")),
            ("page without a category", F("top.md"), "---\ntitle: Loose three\ndate: 2025-01-06\n---\n\nTop text.\n"),
            ("case of the title only", F("net/c.md"), Guide("SAME", "2025-01-01", "net", "y", "C text.")),
            ("title and body", F("net/b.md"), Guide("Bravo", "2025-01-01", "net", "x, y", "B rewritten.")),
            ("date removed", F("net/e.md"), "---\ntitle: Zed\ncategories: [net]\ntags: [y]\n---\n\nE text.\n"),
        };
        string[] paths =
        [
            "/", "/net/a/", "/net/b/", "/net/c/", "/net/d/", "/net/e/", "/pc/f/", "/pc/g/", "/top/", "/top2/", "/categories/", "/tags/",
            "/categories/net/", "/categories/pc/", "/tags/x/", "/tags/y/", "/feed.xml", "/sitemap.xml", "/search-index.json",
        ];
        EditEachThenCompareWithAFreshLoad(live, config, options, edits, paths, everyPathServed: true, afterEach: _ => Assert.Equal((1, 1), (live.ModelBuilds, live.RenderSteps)));
        Assert.Contains("prev=Aardvark next=SAME", live.Get("/net/b/")!.Text);
    }

    /// <summary>
    /// A title edit updates the render step in place and checks again only the pages it touched (the guide's own, its
    /// neighbours', the listings that hold it), yet finds what a fresh load finds: a title that takes away an id which every other page's
    /// template links to (those pages are not rendered again: their links are checked against the new ids), and one
    /// that takes it from the cards that link to it; each fixed by the next edit.
    /// </summary>
    [Fact]
    public void A_title_edit_checks_again_only_the_pages_it_touches_and_finds_what_a_fresh_load_finds()
    {
        using var site = new TempSite();
        site.Write("templates/guide.html",
                "<article><h1>{{ page.title }}</h1>{{ if page.title != 'Hidden' }}<span id=\"t-{{ page.title | string.handleize }}\"></span>{{ end }}"
                + "<a href=\"{{ root }}net/b/#t-beta\">to Beta</a>{{ page.content_html }}</article>")
            .Write("templates/_card.html", "<li><a href=\"{{ root }}{{ item.url }}#t-{{ item.title | string.handleize }}\">{{ item.title }}</a></li>")
            .Write("content/net/a.md", Guide("Alpha", "2025-01-01", "net", "wifi", "Alpha text."))
            .Write("content/net/b.md", Guide("Beta", "2025-01-02", "net", "dns", "Beta text."))
            .Write("content/net/c.md", Guide("Gamma", "2025-01-03", "net", "wifi", "Gamma text."))
            .Write("content/pc/d.md", Guide("Delta", "2025-01-04", "pc", "disk", "Delta text."))
            .Write("content/pc/e.md", Guide("Epsilon", "2025-01-05", "pc", "disk", "Epsilon text."));
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var options = new BuildOptions { Write = false, Drafts = true, LiveReload = true };
        var live = new LiveSite(config, options);
        live.Build();
        Assert.DoesNotContain(live.Diagnostics(), d => d.Rule == "link.template");

        var b = Path.Combine(site.Root, "content/net/b.md");
        var edits = new (string Name, string File, string Text)[]
        {
            ("title that drops the id others link to", b, Guide("Beta Prime", "2025-01-02", "net", "dns", "Beta text.")),
            ("title back", b, Guide("Beta", "2025-01-02", "net", "dns", "Beta text.")),
            ("title that drops the id the cards link to", b, Guide("Hidden", "2025-01-02", "net", "dns", "Beta text.")),
            ("date and title back", b, Guide("Beta", "2025-01-06", "net", "dns", "Beta text.")),
        };
        string[] paths = ["/", "/net/a/", "/net/b/", "/pc/d/", "/categories/net/", "/categories/pc/", "/tags/dns/", "/tags/disk/", "/feed.xml", "/sitemap.xml"];
        var found = new List<string>();
        EditEachThenCompareWithAFreshLoad(live, config, options, edits, paths, everyPathServed: true, afterEach: name =>
        {
            Assert.Equal((1, 1), (live.ModelBuilds, live.RenderSteps));
            var checkedAgain = live.LastChecked!;
            Assert.Contains("net/b/index.html", checkedAgain);
            Assert.Contains("categories/net/index.html", checkedAgain);
            Assert.Contains("tags/dns/index.html", checkedAgain);
            Assert.Contains("index.html", checkedAgain);
            // Its neighbours' previous/next links name it: a title edit changes them. The other category's pages stay.
            Assert.Contains("net/a/index.html", checkedAgain);
            Assert.DoesNotContain("pc/d/index.html", checkedAgain);
            Assert.DoesNotContain("tags/disk/index.html", checkedAgain);
            Assert.DoesNotContain("categories/pc/index.html", checkedAgain);
            found.Add(string.Join(" | ", live.Diagnostics().Where(d => d.Rule == "link.template").Select(d => d.Message)));
        });
        Assert.Contains("no element with id 't-beta' on net/b/index.html (and 4 more like it)", found[0]);
        Assert.Equal("", found[1]);
        Assert.Contains("no element with id 't-hidden' on net/b/index.html", found[2]);
        Assert.Equal("", found[3]);
    }

    /// <summary>
    /// serve checks the links the templates write as build does: a card template that drops <c>{{ root }}</c> is
    /// <c>link.template</c> once loaded; fixing it while serving clears it, breaking it again brings it back, each
    /// time equal to a fresh load's diagnostics.
    /// </summary>
    [Fact]
    public void Links_the_templates_write_are_checked_again_after_a_change()
    {
        using var site = new TempSite();
        site.Write("content/net/a.md", Guide("Alpha", "2025-01-01", "net", "wifi", "Alpha text."))
            .Write("content/net/b.md", Guide("Beta", "2025-01-02", "net", "wifi", "Beta text."));
        var good = File.ReadAllText(Path.Combine(Repository.Root, "templates", "_card.html"));
        var bad = good.Replace("{{ root }}{{ item.url }}", "{{ item.url }}");
        var card = Path.Combine(site.Root, "templates", "_card.html");
        site.Write("templates/_card.html", bad);
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var options = new BuildOptions { Write = false, Drafts = true, LiveReload = true };
        var live = new LiveSite(config, options);
        live.Build();
        Assert.Contains(live.Diagnostics(), d => d.Rule == "link.template" && d.Location.File.EndsWith("_card.html", StringComparison.Ordinal));

        var stamp = DateTime.UtcNow;
        foreach (var (text, dead) in new[] { (good, false), (bad, true) })
        {
            File.WriteAllText(card, text);
            File.SetLastWriteTimeUtc(card, stamp = stamp.AddSeconds(2));
            Assert.NotNull(live.Update([card]));
            live.WaitForOutputCheck();
            Assert.Equal(dead, live.Diagnostics().Any(d => d.Rule == "link.template"));
            var fresh = new LiveSite(config, options);
            fresh.Build();
            Assert.Equal(fresh.Diagnostics().Select(d => d.ToString()), live.Diagnostics().Select(d => d.ToString()));
        }
    }
}
