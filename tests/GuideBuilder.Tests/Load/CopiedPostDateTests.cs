using System.Text.Json;
using AngleSharp.Html.Parser;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Load;

/// <summary>Dates and reading time of posts copied from other blogs: shown as their author wrote them.</summary>
public sealed class CopiedPostDateTests
{
    private static (CliRun Run, AngleSharp.Dom.IDocument Page) Build(string path, string text, string page)
    {
        using var site = new TempSite();
        site.Write(path, text);
        var run = site.Run("build", "--format", "json");
        var html = site.OutputExists(page) ? site.ReadOutput(page) : "";
        return (run, new HtmlParser().ParseDocument(html));
    }

    private static string Published(AngleSharp.Dom.IDocument page) => page.QuerySelector(".guide-header .meta time")!.TextContent;

    [Fact]
    public void A_date_with_an_offset_is_shown_on_the_authors_day()
    {
        var (run, page) = Build("content/j/lens.md", "---\ntitle: Clean a Lens\ndate: 2018-12-04T00:00:00+09:00\ndescription: d\n---\n\nText.\n", "j/lens/index.html");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("4 December 2018", Published(page));
        Assert.Equal("2018-12-04", page.QuerySelector(".guide-header .meta time")!.GetAttribute("datetime"));
        // the structured data keeps the offset, so the instant is right too
        Assert.Contains("\"datePublished\":\"2018-12-04T00:00:00+09:00\"", page.QuerySelector("script[type='application/ld+json']")!.TextContent);
    }

    [Fact]
    public void A_utc_date_is_written_as_before()
    {
        var (_, page) = Build("content/j/lens.md", "---\ntitle: Clean a Lens\ndate: 2025-03-02T09:14:00Z\ndescription: d\n---\n\nText.\n", "j/lens/index.html");
        Assert.Contains("\"datePublished\":\"2025-03-02T09:14:00Z\"", page.QuerySelector("script[type='application/ld+json']")!.TextContent);
    }

    [Theory]
    [InlineData("content/j/chain.md", "---\ntitle: Oil a Chain\ncreated: 2021-04-02\ndescription: d\n---\n\nText.\n", "j/chain/index.html", "2 April 2021", 3, "'created'")]
    [InlineData("content/j/chain.md", "---\ntitle: Oil a Chain\npublished: 2021-04-03\ndescription: d\n---\n\nText.\n", "j/chain/index.html", "3 April 2021", 3, "'published'")]
    [InlineData("content/j/2019-11-08-oil-a-chain.md", "---\ntitle: Oil a Chain\ndescription: d\n---\n\nText.\n", "j/2019-11-08-oil-a-chain/index.html", "8 November 2019", 1, "file name")]
    public void Without_date_the_page_is_dated_from_created_published_or_a_jekyll_file_name(string path, string text, string page, string shown, int line, string from)
    {
        var (run, html) = Build(path, text, page);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(shown, Published(html));
        var d = JsonDocument.Parse(run.Stdout).RootElement.GetProperty("diagnostics").EnumerateArray().Single(x => x.GetProperty("rule").GetString() == "frontmatter.date-fallback");
        Assert.Equal(("info", line), (d.GetProperty("severity").GetString(), d.GetProperty("line").GetInt32()));
        Assert.Contains(from, d.GetProperty("message").GetString());
    }

    [Fact]
    public void Jekyll_published_false_keeps_the_page_out_like_a_draft()
    {
        var (run, _) = Build("content/j/chain.md", "---\ntitle: Oil a Chain\npublished: false\ndate: 2021-04-02\n---\n\nText.\n", "j/chain/index.html");
        Assert.Equal(0, JsonDocument.Parse(run.Stdout).RootElement.GetProperty("summary").GetProperty("pages").GetInt32());
    }

    [Fact]
    public void Japanese_text_is_timed_by_characters()
    {
        // 4,000 characters of kana and kanji in sentences: about 8 minutes at 500 characters a minute
        var sentence = "自転車のチェーンを掃除してから油をさします。";   // 22 characters, 21 of them letters
        var body = string.Concat(Enumerable.Repeat(sentence + "\n\n", 4000 / sentence.Length));
        var (_, page) = Build("content/j/chain.md", "---\ntitle: チェーンの手入れ\ndate: 2021-04-02\ndescription: d\n---\n\n" + body, "j/chain/index.html");
        var minutes = int.Parse(page.QuerySelectorAll(".guide-header .meta span").Select(s => s.TextContent).Single(t => t.EndsWith("min read")).Split(' ')[0]);
        var expected = 4000 / 500.0;
        Assert.InRange(minutes, expected * 0.7, expected * 1.3);
    }

    [Fact]
    public void Words_and_unspaced_characters_are_counted_apart()
    {
        Assert.Equal((3, 5), GuideBuilder.Render.GuideAnalyzer.CountWords("Press Enter twice 設定を開く。"));
        Assert.Equal((2, 6), GuideBuilder.Render.GuideAnalyzer.CountWords("กดปุ่ม ok now"));
    }
}
