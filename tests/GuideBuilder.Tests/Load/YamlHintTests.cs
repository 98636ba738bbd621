using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Load;

/// <summary>The common front matter mistakes get a plain-language hint next to the YAML parser's message.</summary>
public sealed class YamlHintTests
{
    [Theory]
    [InlineData("title: 'Quoted' rest of it", 2, "(the value of 'title' goes on after its closing quote: put the whole value in quotes, e.g. title: \"'Quoted' rest of it\")")]
    [InlineData("title: Fix: the printer", 2, "(a value with ': ' in it must be quoted, e.g. title: \"Fix: the printer\")")]
    [InlineData("title: \"Never closed", 2, "(the quote that opens the value of 'title' is never closed on its line)")]
    public void A_common_front_matter_mistake_is_explained(string line, int expectedLine, string hint)
    {
        using var site = new TempSite();
        site.Write("content/a/bad.md", $"---\n{line}\ndescription: d\n---\n\nBody.\n");
        site.Write("content/a/good.md", "---\ntitle: Good\ndescription: d\n---\n\nBody.\n");

        var run = site.Run("check", "--format", "json");

        var d = Assert.Single(run.Diagnostics());
        Assert.Equal(("frontmatter.invalid", "content/a/bad.md", expectedLine), (d.Rule, d.File, d.Line));
        Assert.Contains(hint, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_formed_value_with_quotes_or_colons_gets_no_hint_and_no_error()
    {
        using var site = new TempSite();
        site.Write("content/a/ok.md", "---\ntitle: \"Fix: the 'printer'\"\ndescription: 'It''s fine: really'\n---\n\nBody.\n");

        var run = site.Run("check", "--format", "json");

        Assert.Empty(run.Diagnostics());
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Site_yml_gets_the_same_hint()
    {
        using var site = new TempSite("title: Guides: mine\nbase_url: https://g.example/\n");
        site.Write("content/a/good.md", "---\ntitle: Good\ndescription: d\n---\n\nBody.\n");

        var run = site.Run("check");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("(a value with ': ' in it must be quoted, e.g. title: \"Guides: mine\")", run.Stderr, StringComparison.Ordinal);
    }
}
