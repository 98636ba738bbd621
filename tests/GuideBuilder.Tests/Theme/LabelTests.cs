using AngleSharp.Html.Parser;
using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Theme;

/// <summary>The theme's words around a guide follow the page's language, from the theme's labels.yml and the site's own.</summary>
public sealed class LabelTests
{
    private const string Body = "Intro text.\n\n## First part\n\n1. Open it.\n2. Close it.\n\n## Second part\n\nMore text.\n";

    private static (Dictionary<string, AngleSharp.Dom.IElement> Pages, List<Diagnostic> Diagnostics) Build(string siteYml, string? labelsYml, params (string Name, string FrontMatter)[] guides)
    {
        using var site = new TempSite("title: T\nbase_url: https://guides.example.org/\nauthor: Ana Lima\n" + siteYml);
        if (labelsYml is not null) site.Write("templates/labels.yml", labelsYml);
        foreach (var (name, fm) in guides)
        {
            site.Write($"content/w/{name}.md", $"---\ntitle: {name}\ndescription: d\n{fm}---\n\n{Body}");
        }
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var result = new SiteBuilder(config, new BuildOptions { Write = false, KeepHtml = true }).Build();
        var parser = new HtmlParser();
        var pages = result.Guides.ToDictionary(g => Path.GetFileNameWithoutExtension(g.Source.ContentRelativePath),
            g => (AngleSharp.Dom.IElement)parser.ParseDocument(g.Html ?? "").QuerySelector("article.guide")!);
        return (pages, result.Diagnostics.ToList());
    }

    private static string Meta(AngleSharp.Dom.IElement article) =>
        string.Join(" | ", article.QuerySelectorAll(".meta span").Select(s => s.TextContent.Trim()));

    [Fact]
    public void A_page_writes_the_theme_words_in_its_own_language()
    {
        var (pages, diagnostics) = Build("", null,
            ("english", "date: 2025-03-14T08:30:00Z\n"),
            ("french", "date: 2025-03-14T08:30:00Z\nlang: fr\n"),
            ("japanese", "date: 2018-12-04T00:00:00+09:00\nlang: ja\n"),
            ("german", "date: 2025-03-04\nlang: de-AT\n"));
        Assert.DoesNotContain(diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal("By Ana Lima | Published 14 March 2025 | 1 min read | 2 steps", Meta(pages["english"]));
        Assert.Equal("Par Ana Lima | Publié le 14 mars 2025 | 1 min de lecture | 2 étapes", Meta(pages["french"]));
        Assert.Equal("Sur cette page", pages["french"].QuerySelector(".toc-title")!.TextContent);
        Assert.Equal("Accueil", pages["french"].QuerySelector(".breadcrumb a")!.TextContent);
        // the author's own day, in the Japanese order
        Assert.Equal("著者: Ana Lima | 公開日 2018年12月4日 | 1分で読めます | 2ステップ", Meta(pages["japanese"]));
        // a regional tag takes its language's labels
        Assert.Equal("Von Ana Lima | Veröffentlicht am 4. März 2025 | 1 Min. Lesezeit | 2 Schritte", Meta(pages["german"]));
    }

    [Fact]
    public void A_site_labels_file_adds_a_language_and_changes_a_word_label_by_label()
    {
        var labels = "sv:\n  by: \"Av\"\n  published: \"Publicerad\"\n  date_format: \"{d} {month} {yyyy}\"\n  months: [januari, februari, mars, april, maj, juni, juli, augusti, september, oktober, november, december]\n" +
                     "en:\n  reading_time: \"{n}-minute read\"\n" +
                     "pt-br:\n  next: \"Seguinte\"\n";
        var (pages, diagnostics) = Build("", labels,
            ("swedish", "date: 2025-03-14\nlang: sv\n"),
            ("english", "date: 2025-03-14\n"),
            ("brazilian", "date: 2025-03-14\nlang: pt-BR\n"));
        Assert.DoesNotContain(diagnostics, d => d.Severity == Severity.Error);
        // a label the site's language lacks comes from English, with the site's own English change
        Assert.Equal("Av Ana Lima | Publicerad 14 mars 2025 | 1-minute read | 2 steps", Meta(pages["swedish"]));
        Assert.Equal("By Ana Lima | Published 14 March 2025 | 1-minute read | 2 steps", Meta(pages["english"]));
        // pt-BR over pt over en
        Assert.Equal("Por Ana Lima | Publicado em 14 de março de 2025 | 1 min de leitura | 2 passos", Meta(pages["brazilian"]));
    }

    [Fact]
    public void A_labels_file_that_does_not_read_is_a_template_error_at_its_line()
    {
        var (_, diagnostics) = Build("", "en:\n  by: \"By\n  published: [\n", ("english", ""));
        var d = Assert.Single(diagnostics, d => d.Rule == "template.error");
        Assert.Equal("templates/labels.yml", d.Location.File);
    }

    [Fact]
    public void Every_language_of_the_theme_has_every_label_and_no_other()
    {
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(GuideBuilder.Render.TemplateEngine.ThemeLabelFile().Text));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        var expected = GuideBuilder.Render.LabelsModel.TextKeys.Append("months").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["de", "en", "es", "fr", "it", "ja", "nl", "pt"], root.Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal));
        foreach (var (lang, labels) in root.Children)
        {
            var keys = ((YamlDotNet.RepresentationModel.YamlMappingNode)labels).Children.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(keys), $"{lang}: missing {string.Join(", ", expected.Except(keys))}; unknown {string.Join(", ", keys.Except(expected))}");
        }
    }

    [Fact]
    public void A_site_in_french_has_no_english_word_in_its_layout_lists_and_404()
    {
        using var site = new TempSite("title: T\nbase_url: https://docs.example.org/\nlanguage: fr\n");
        for (var i = 0; i < 60; i++)
        {
            site.Write($"content/imprimantes/g{i:00}.md", $"---\ntitle: Guide {i}\ndescription: d\ndate: 2025-03-{1 + i % 28:00}\ntags: [encre]\n---\n\n1. Ouvrez le capot.\n2. Fermez-le.\n");
        }
        var config = SiteConfigLoader.Load(Path.Combine(site.Root, "site.yml"));
        var output = Path.Combine(site.Root, "_site");
        var result = new SiteBuilder(config, new BuildOptions { Write = true }).Build();
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == Severity.Error);
        var parser = new HtmlParser();
        string Text(string path) => parser.ParseDocument(File.ReadAllText(Path.Combine(output, path))).DocumentElement.OuterHtml;
        string[] english = ["Skip to content", "Search guides", "Newest guides", "Page not found", "Categories", "Tags", "newest first", "Older", "Newer",
            "Breadcrumb", "More in this category", "Atom feed", "No results", " result", "2 steps", "the home page"];
        foreach (var page in new[] { "index.html", "404.html", "categories/index.html", "tags/index.html", "categories/imprimantes/index.html", "categories/imprimantes/page/2/index.html", "imprimantes/g07/index.html" })
        {
            var html = Text(page);
            foreach (var word in english) Assert.False(html.Contains(word, StringComparison.Ordinal), $"{page} still says '{word}'");
        }
        var list = parser.ParseDocument(File.ReadAllText(Path.Combine(output, "categories/imprimantes/page/2/index.html")));
        Assert.Equal("Catégorie: imprimantes (Page 2 sur 2) · T", list.Title);
        Assert.Contains("2 étapes", list.QuerySelector(".card .meta")!.TextContent);
        Assert.Equal("Page 2 sur 2", list.QuerySelector("nav.pager span")!.TextContent);
        Assert.Contains("Aucun résultat", list.QuerySelector(".search")!.GetAttribute("data-zero"));
        var notFound = parser.ParseDocument(File.ReadAllText(Path.Combine(output, "404.html")));
        Assert.Equal("Page introuvable", notFound.QuerySelector("main h1")!.TextContent);
        // the links inside HTML labels point where the English ones did
        Assert.Equal(["/categories/", "/tags/", "/"], notFound.QuerySelectorAll("main ul:not(.cards) a").Select(a => a.GetAttribute("href")!));
    }

    [Fact]
    public void A_misspelt_label_in_a_site_labels_file_is_named_at_its_line_with_the_closest_label()
    {
        var (_, diagnostics) = Build("", "en:\n  by: \"Written by\"\n  skip_lnk: \"Jump to the guide\"\n", ("english", ""));
        var d = Assert.Single(diagnostics, d => d.Rule == "template.name");
        Assert.Equal(("templates/labels.yml", 3, 3), (d.Location.File, d.Location.Line, d.Location.Column));
        Assert.Contains("did you mean 'skip_link'", d.Message);
    }
}
