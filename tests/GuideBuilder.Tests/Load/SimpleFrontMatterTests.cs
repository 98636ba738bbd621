using GuideBuilder.Load;
using Xunit;

namespace GuideBuilder.Tests.Load;

/// <summary>The front-matter fast path reads common blocks exactly as the YAML path does, and leaves everything else to it.</summary>
public class SimpleFrontMatterTests
{
    private static string Describe(FrontMatter x) => string.Join("|",
        x.Title, x.Date?.ToString("O"), x.Updated?.ToString("O"), string.Join(",", x.Tags), string.Join(",", x.Categories),
        x.Description, x.Excerpt, string.Join(",", x.Keywords), x.Thumbnail, x.Slug, x.Draft,
        string.Join(",", x.KeyLines.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => k.Key + "=" + k.Value)));

    [Theory]
    [InlineData("title: Reset the router\ndate: 2024-08-03T21:02:00.000Z\ntags:\n  - wifi\n  - setup\nkeywords: a, b ,c\ndraft: yes")]
    [InlineData("title: Use C# with http://x/y?z=1#f\ncategories:\n- networking\nupdated: 2024-10-20\nslug: my-page")]
    [InlineData("description:\nexcerpt: Don't \"quote\" me\nthumbnail: images/a.png   ")]
    public void Accepted_blocks_match_the_yaml_path(string yaml)
    {
        var lines = yaml.Split('\n');
        var fast = SimpleFrontMatter.TryParse(lines, 0, lines.Length, firstLine: 2);
        Assert.NotNull(fast);
        Assert.Equal(Describe(FrontMatterParser.Parse(yaml, firstLine: 2)), Describe(fast));
    }

    [Fact]
    public void Values_and_key_lines_are_read()
    {
        string[] lines = ["---", "title:  Open the box ", "tags:", "  - one", "  - two", "draft: off", "---"];
        var fm = SimpleFrontMatter.TryParse(lines, 1, 5, firstLine: 2);
        Assert.NotNull(fm);
        Assert.Equal("Open the box", fm.Title);
        Assert.Equal(["one", "two"], fm.Tags);
        Assert.False(fm.Draft);
        Assert.Equal(2, fm.KeyLines["title"]);
        Assert.Equal(3, fm.KeyLines["tags"]);
        Assert.Equal(6, fm.KeyLines["draft"]);
    }

    [Theory]
    [InlineData("title: 'quoted'")]
    [InlineData("title: a: b")]
    [InlineData("title: a # comment")]
    [InlineData("title: first\n  continued")]
    [InlineData("title: [a, b]")]
    [InlineData("tags: {a: 1}")]
    [InlineData("title: x\ntitle: y")]
    [InlineData("writer: someone")]
    [InlineData("rules:\n  lint.vague-link: off")]
    [InlineData("date: not a date")]
    [InlineData("draft: maybe")]
    [InlineData("title:\n  - a")]
    [InlineData("tags:\n  - a\n   - b")]
    [InlineData("title: a\n\ndate: 2024-01-01")]
    [InlineData("title:\ta")]
    [InlineData("title: a\u00a0")]
    public void Anything_else_is_left_to_the_yaml_path(string yaml)
    {
        var lines = yaml.Split('\n');
        Assert.Null(SimpleFrontMatter.TryParse(lines, 0, lines.Length, firstLine: 2));
    }

    [Fact]
    public void Errors_still_come_from_the_yaml_path_with_their_position()
    {
        string[] lines = ["date: soon", "title: x"];
        var e = Assert.Throws<FrontMatterException>(() => FrontMatterParser.Parse(lines, 0, 2, firstLine: 2));
        Assert.Equal(2, e.Line);
        Assert.Contains("'date' must be a date", e.Message);
    }
}
