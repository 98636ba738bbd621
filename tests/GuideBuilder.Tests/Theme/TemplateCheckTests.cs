using GuideBuilder.Render;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Theme;

/// <summary>
/// Theme mistakes are caught before a site is published: names the model does not have, reported once where they
/// are written, and links the templates write that lead nowhere in the output.
/// </summary>
public sealed class TemplateCheckTests
{
    private static TempSite Site() => FixtureSite.Write(new TempSite($"title: Fixture Guides\nbase_url: {FixtureSite.BaseUrl}\n"));

    private static string DefaultCard => File.ReadAllText(Path.Combine(Repository.Root, "templates", "_card.html"));

    [Theory]
    [InlineData("{{ item.title | html.escape }}", "{{ item.titel | html.escape }}", 2, 50, "'item' has no field 'titel' (did you mean 'title'?)")]
    [InlineData("{{ root }}{{ item.url }}", "{{ roots }}{{ item.url }}", 2, 19, "'roots' is not a variable templates are given (did you mean 'root'?)")]
    [InlineData("{{ item.title | html.escape }}", "{{ item.title | html.escapee }}", 2, 58, "'html' has no function 'escapee' (did you mean 'escape'?)")]
    [InlineData("{{ item.category.name | html.escape }}", "{{ item.category.nmae | html.escape }}", 8, 28, "'item.category' has no field 'nmae' (did you mean 'name'?)")]
    [InlineData("{{ item.excerpt | html.escape }}", "{{ item.excerpt | html.escape }}{{ site.titel }}", 14, 62, "'site' has no field 'titel' (did you mean 'title'?)")]
    public void A_name_the_model_does_not_have_is_reported_once_at_its_place_with_the_fix(string good, string typo, int line, int column, string message)
    {
        using var site = Site();
        Assert.Contains(good, DefaultCard);
        site.Write("templates/_card.html", DefaultCard.Replace(good, typo));

        var run = site.Run("build", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Severity == "error");
        Assert.Equal(("template.name", "templates/_card.html", line, column), (d.Rule, d.File, d.Line, d.Column));
        Assert.Equal(message, d.Message);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void Loop_variables_have_the_type_of_their_list_and_locals_are_known()
    {
        using var site = Site();
        site.Write("templates/guide.html", """
            {{ shown = 0 }}
            {{ for tag in page.tags }}{{ tag.name }}{{ tag.slugg }}{{ shown = shown + 1 }}{{ end }}
            {{ for entry in page.toc }}{{ entry.id }}{{ for.index }}{{ end }}
            {{ capture note }}{{ shown }}{{ end }}{{ note }}{{ if page.prev }}{{ page.prev.titel }}{{ end }}
            """);

        var run = site.Run("build", "--format", "json");

        var names = run.Diagnostics().Where(d => d.Rule == "template.name").Select(d => (d.Line, d.Message)).ToList();
        Assert.Equal([(2, "'tag' has no field 'slugg' (did you mean 'slug'?)"), (4, "'page.prev' has no field 'titel' (did you mean 'title'?)")], names);
    }

    [Fact]
    public void A_card_that_drops_root_fails_on_list_pages_at_the_card_line()
    {
        using var site = Site();
        site.Write("templates/_card.html", DefaultCard.Replace("{{ root }}{{ item.url }}", "{{ item.url }}"));

        var run = site.Run("build", "--format", "json");

        Assert.Equal(1, run.ExitCode);
        var d = Assert.Single(run.Diagnostics(), d => d.Severity == "error");
        Assert.Equal(("link.template", "templates/_card.html", 2), (d.Rule, d.File, d.Line));
        Assert.Matches(@"^'[a-z]+/[a-z-]+/' on (categories|tags)/[a-z-]+/index\.html leads to '(categories|tags)/.*', which the output does not have \(and \d+ more like it\)$", d.Message);
        Assert.False(Directory.Exists(site.Output));
    }

    [Fact]
    public void A_dead_link_or_fragment_in_the_layout_is_named_at_its_line()
    {
        using var site = Site();
        var theme = File.ReadAllText(Path.Combine(Repository.Root, "templates", "layout.html"));
        const string nav = """      <a href="{{ root }}tags/">{{ labels.all_tags | html.escape }}</a>""";
        Assert.Contains(nav, theme);
        var layout = theme.Replace(nav, """      <a href="{{ root }}tagz/">Tags</a> <a href="#nowhere">Up</a>""" + "\n" + """<img src="{{ root }}assets/logo.png" alt="">""");
        site.Write("templates/layout.html", layout);
        var line = layout.Split('\n').ToList().FindIndex(l => l.Contains("tagz/")) + 1;

        var run = site.Run("build", "--format", "json");

        var found = run.Diagnostics().Where(d => d.Rule == "link.template").Select(d => (d.File, d.Line)).ToList();
        Assert.Equal([("templates/layout.html", line), ("templates/layout.html", line), ("templates/layout.html", line + 1)], found);
        Assert.Contains(run.Diagnostics(), d => d.Rule == "link.template" && d.Message.Contains("no element with id 'nowhere' on the page"));
        Assert.Contains(run.Diagnostics(), d => d.Rule == "link.template" && d.Message.Contains("leads to 'assets/logo.png'"));
    }

    [Fact]
    public void An_error_at_render_time_is_reported_once_with_the_number_of_pages()
    {
        using var site = Site();
        site.Write("templates/guide.html", "<h1>{{ page.title }}</h1>\n{{ page.title | string.slice 'a' }}\n");

        var run = site.Run("build", "--format", "json");

        var d = Assert.Single(run.Diagnostics(), d => d.Rule == "template.error");
        Assert.Equal(("templates/guide.html", 2), (d.File, d.Line));
        Assert.EndsWith("(3 pages not rendered)", d.Message);
    }

    [Fact]
    public void The_default_theme_writes_no_dead_link_and_no_unknown_name()
    {
        using var site = Site();

        var run = site.Run("build", "--format", "json");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule is "link.template" or "template.name" or "template.error");
    }

    [Fact]
    public void The_manual_documents_every_name_of_the_model()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "docs", "content", "theme", "templates-and-theme.md"));
        var start = readme.IndexOf("**How pages are rendered.**", StringComparison.Ordinal);
        var model = readme[start..readme.IndexOf("**Search.**", start, StringComparison.Ordinal)];
        var names = TemplateModelNames.Globals.Keys
            .Concat(TemplateModelNames.Types.SelectMany(t => TemplateModelNames.FieldsOf(t)!.Keys))
            .Distinct().Order(StringComparer.Ordinal);

        var undocumented = names.Where(n => !model.Contains($"`{n}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, "not in the manual's model reference (docs/content/theme/templates-and-theme.md): " + string.Join(", ", undocumented));
    }
}
