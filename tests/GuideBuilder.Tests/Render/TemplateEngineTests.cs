using GuideBuilder.Diagnostics;
using GuideBuilder.Render;
using Scriban.Runtime;

namespace GuideBuilder.Tests.Render;

/// <summary>
/// <see cref="TemplateEngine.RenderInLayout"/> hands the page's text to the layout without making a string of
/// it when the layout only prints <c>{{ body }}</c>; whatever the layout does with <c>body</c>, the page must
/// come out exactly as rendering the two templates one after the other.
/// </summary>
public sealed class TemplateEngineTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gb-engine-" + Guid.NewGuid().ToString("N")[..8]);

    public TemplateEngineTests() => Directory.CreateDirectory(Path.Combine(_dir, "templates"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Page = "<h1>{{ title }}</h1>\n<p>one</p>\n<p>two</p>\n";

    [Theory]
    [InlineData("<main>\n{{ body }}\n</main>\n", "<main>\n<h1>T</h1>\n<p>one</p>\n<p>two</p>\n\n</main>\n")]
    [InlineData("<main>{{ body }}</main>", "<main><h1>T</h1>\n<p>one</p>\n<p>two</p>\n</main>")]
    [InlineData("<main>\n  {{ body }}\n</main>", "<main>\n  <h1>T</h1>\n  <p>one</p>\n  <p>two</p>\n\n</main>")]
    [InlineData("{{ body | string.size }}|{{ body }}", "33|<h1>T</h1>\n<p>one</p>\n<p>two</p>\n")]
    [InlineData("{{ if body != \"\" }}[{{ body | string.strip }}]{{ end }}", "[<h1>T</h1>\n<p>one</p>\n<p>two</p>]")]
    [InlineData("{{ for i in 1..2 }}{{ body }}{{ end }}", "<h1>T</h1>\n<p>one</p>\n<p>two</p>\n<h1>T</h1>\n<p>one</p>\n<p>two</p>\n")]
    [InlineData("{{ capture c }}{{ body }}{{ end }}{{ c | string.upcase }}", "<H1>T</H1>\n<P>ONE</P>\n<P>TWO</P>\n")]
    public void A_page_in_its_layout_is_what_rendering_both_in_turn_gives(string layout, string expected)
    {
        File.WriteAllText(Path.Combine(_dir, "templates", "page.html"), Page);
        File.WriteAllText(Path.Combine(_dir, "templates", "layout.html"), layout);
        var bag = new DiagnosticBag();
        var engine = new TemplateEngine(Path.Combine(_dir, "templates"), _dir, bag);

        var fast = engine.RenderInLayout("page.html", Globals(), "layout.html", new ScriptObject());
        var body = engine.Render("page.html", Globals());
        var slow = engine.Render("layout.html", new ScriptObject { ["body"] = body });

        Assert.Empty(bag.Sorted());
        Assert.Equal(expected, fast);
        Assert.Equal(slow, fast);
        // Again on the same thread: the reused buffers start empty.
        Assert.Equal(expected, engine.RenderInLayout("page.html", Globals(), "layout.html", new ScriptObject()));
    }

    [Fact]
    public void A_page_template_error_is_reported_once_and_the_layout_not_rendered()
    {
        File.WriteAllText(Path.Combine(_dir, "templates", "page.html"), "ok\n{{ for }}");
        File.WriteAllText(Path.Combine(_dir, "templates", "layout.html"), "{{ body }}{{ end }}");
        var bag = new DiagnosticBag();
        var engine = new TemplateEngine(Path.Combine(_dir, "templates"), _dir, bag);

        Assert.Null(engine.RenderInLayout("page.html", Globals(), "layout.html", new ScriptObject()));
        var d = Assert.Single(bag.Sorted());
        Assert.Equal(("templates/page.html", 2), (d.Location.File, d.Location.Line));
    }

    private static ScriptObject Globals() => new() { ["title"] = "T" };
}
