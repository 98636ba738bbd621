using AngleSharp.Html.Parser;

namespace GuideBuilder.Tests.Strip;

/// <summary>
/// Ad marker comments shown as code are content, in every container shape Markdig knows; marker
/// comments that are raw HTML are markers, in every container, and take only their own span of a line.
/// </summary>
public sealed class MarkerCodeTests
{
    private const string Begin = "<!-- affiliate ads begin -->";
    private const string End = "<!-- affiliate ads end -->";
    // No ad host and no ad selector: only the marker pass can take it out.
    private const string Ad = "<span class=\"offer\">Deskmate lamp deal</span>";

    private static string Code(string html) =>
        string.Join("\n", new HtmlParser().ParseDocument(html).QuerySelectorAll("code").Select(c => c.TextContent));

    private static string Text(string html) => new HtmlParser().ParseDocument(html).Body!.TextContent;

    [Theory]
    [InlineData("Write the pair like this:\n\n    {B}\n    keep this line\n    {E}\n")]
    [InlineData("Write the pair like this:\n\n\t{B}\n\tkeep this line\n\t{E}\n")]
    [InlineData("```html\n{B}\nkeep this line\n{E}\n```\n")]
    [InlineData("~~~\n{B}\nkeep this line\n{E}\n~~~\n")]
    [InlineData("`````\n```\n{B}\nkeep this line\n{E}\n```\n`````\n")]
    [InlineData("~~~~~~\n~~~\n{B}\nkeep this line\n{E}\n~~~~~~\n")]
    [InlineData("   ```\n   {B}\n   keep this line\n   {E}\n   ```\n")]
    [InlineData("> ```\n> {B}\n> keep this line\n> {E}\n> ```\n")]
    [InlineData("> > ~~~~\n> > {B}\n> > keep this line\n> > {E}\n> > ~~~~\n")]
    [InlineData("> Write it so:\n>\n>     {B}\n>     keep this line\n>     {E}\n")]
    [InlineData(">> quoted twice\n>>\n>>     {B}\n>>     keep this line\n>>     {E}\n")]
    [InlineData("- Add the pair:\n\n  ```\n  {B}\n  keep this line\n  {E}\n  ```\n")]
    [InlineData("1. Add the pair:\n\n       {B}\n       keep this line\n       {E}\n")]
    [InlineData("1. Open the file.\n   - Add the pair:\n\n     ~~~\n     {B}\n     keep this line\n     {E}\n     ~~~\n")]
    [InlineData("- one\n  - two\n    - three\n\n          {B}\n          keep this line\n          {E}\n")]
    [InlineData("> 1. In a quoted step:\n>\n>    ```\n>    {B}\n>    keep this line\n>    {E}\n>    ```\n")]
    [InlineData("- > quoted in a list\n  > ```\n  > {B}\n  > keep this line\n  > {E}\n  > ```\n")]
    [InlineData("Text.[^1]\n\n[^1]: A note:\n\n    ```\n    {B}\n    keep this line\n    {E}\n    ```\n")]
    public void Markers_in_code_blocks_stay_as_written(string shape)
    {
        var body = shape.Replace("{B}", Begin).Replace("{E}", End);
        var page = MarkerPage.Of(body);
        Assert.Empty(page.Removals);
        var code = Code(page.Html);
        Assert.Contains(Begin + "\nkeep this line\n" + End, code.Replace("\t", ""));
        Assert.Equal(Code(MarkerPage.Unstripped(body)), code);
        Assert.DoesNotContain(page.Diagnostics, d => d.Rule.StartsWith("strip.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Use `{B}` to open a region, then text, and `{E}` to close it.\n")]
    [InlineData("Open with `{B}`.\n\nThis paragraph sits between.\n\nClose with `{E}`.\n")]
    [InlineData("- Open with ``{B}``\n- keep this line\n- Close with ``{E}``\n")]
    [InlineData("Escaped: \\{B}\n\nkeep this line\n\nEscaped: \\{E}\n")]
    [InlineData("```x``` is code and so is `{B}`\n\nkeep this line\n\n`{E}`\n")]
    public void Marker_text_in_code_spans_or_escaped_is_text(string shape)
    {
        var body = shape.Replace("{B}", Begin).Replace("{E}", End);
        var page = MarkerPage.Of(body);
        Assert.Empty(page.Removals);
        Assert.Equal(Text(MarkerPage.Unstripped(body)), Text(page.Html));
    }

    [Fact]
    public void A_line_starting_with_a_triple_backtick_code_span_opens_no_fence()
    {
        var page = MarkerPage.Of($"```x``` is code.\n\nBuy it here:\n\n{Begin}\n{Ad}\n{End}\n\nThe lamp clips onto the desk.\n");
        Assert.DoesNotContain("Deskmate", page.Html);
        Assert.DoesNotContain("affiliate ads", page.Html);
        Assert.Contains("<code>x</code> is code.", page.Html);
        Assert.Contains("The lamp clips onto the desk.", page.Html);
        Assert.Single(page.Removals);
    }

    [Theory]
    [InlineData("> Before the ad.\n>\n> {B}\n> {AD}\n> {E}\n>\n> After the ad.\n", "blockquote")]
    [InlineData("> > Before the ad.\n> >\n> > {B}\n> > {AD}\n> > {E}\n", "blockquote blockquote")]
    [InlineData("1. Before the ad.\n\n   {B}\n   {AD}\n   {E}\n\n2. After the ad.\n", "ol")]
    [InlineData("- Before the ad.\n  - Deeper.\n\n    {B}\n    {AD}\n    {E}\n", "ul ul")]
    [InlineData("<div class=\"box\">\n    {B}\n    {AD}\n    {E}\n</div>\n\nAfter the ad.\n", "div.box")]
    [InlineData("<div>\n\n{B}\n{AD}\n{E}\n\n</div>\n\nAfter the ad.\n", "div")]
    [InlineData("Before the ad.\n    {B}\n    {AD}\n    {E}\nAfter the ad.\n", "p")]
    public void Markers_that_are_raw_html_cut_their_region_in_any_container(string shape, string container)
    {
        var body = shape.Replace("{B}", Begin).Replace("{E}", End).Replace("{AD}", Ad);
        var page = MarkerPage.Of(body);
        Assert.DoesNotContain("Deskmate", page.Html);
        Assert.DoesNotContain("affiliate ads", page.Html);
        Assert.Single(page.Removals);
        var doc = new HtmlParser().ParseDocument(page.Html);
        Assert.NotNull(doc.QuerySelector(container));
        Assert.Contains("ad.", doc.Body!.TextContent);
    }

    [Fact]
    public void A_one_line_region_in_a_list_item_leaves_the_list_whole()
    {
        var page = MarkerPage.Of($"1. Unplug the lamp.\n2. Open the cover {Begin}{Ad}{End} and take out the bulb.\n3. Fit the new bulb.\n");
        var doc = new HtmlParser().ParseDocument(page.Html);
        var ol = Assert.Single(doc.QuerySelectorAll("ol"));
        Assert.Equal(["Unplug the lamp.", "Open the cover  and take out the bulb.", "Fit the new bulb."], ol.Children.Select(li => li.TextContent.Trim()));
        Assert.Empty(doc.QuerySelectorAll("p"));
        Assert.DoesNotContain("Deskmate", page.Html);
        Assert.DoesNotContain("affiliate ads", page.Html);
    }

    [Fact]
    public void A_one_line_region_in_a_table_row_leaves_the_table_whole()
    {
        var page = MarkerPage.Of($"| Part | Note |\n|---|---|\n| Bulb | E27 {Begin}{Ad}{End} |\n| Cover | clips on |\n| Base | {Begin}{Ad}{End} weighted |\n");
        var doc = new HtmlParser().ParseDocument(page.Html);
        var rows = doc.QuerySelectorAll("tbody tr");
        Assert.Equal(["Bulb|E27", "Cover|clips on", "Base|weighted"], rows.Select(r => string.Join("|", r.Children.Select(c => c.TextContent.Trim()))));
        Assert.DoesNotContain("|", doc.Body!.TextContent);
        Assert.DoesNotContain("Deskmate", page.Html);
        Assert.DoesNotContain("affiliate ads", page.Html);
        Assert.Equal(2, page.Removals.Count);
    }

    [Fact]
    public void Every_region_on_a_line_is_cut_and_the_text_between_kept()
    {
        var page = MarkerPage.Of($"Keep {Begin}{Ad}{End} this {Begin}{Ad}{End} sentence {Begin}one{End} whole.\n");
        Assert.Equal("<p>Keep  this  sentence  whole.</p>\n", page.Html);
        Assert.Equal(3, page.Removals.Count);
    }

    [Fact]
    public void Text_after_a_regions_end_marker_is_scanned_again()
    {
        var page = MarkerPage.Of($"Intro.\n\n{Begin}\n{Ad}\n{End} Kept words {Begin}{Ad}{End} more kept.\n\nOutro.\n");
        Assert.DoesNotContain("Deskmate", page.Html);
        Assert.DoesNotContain("affiliate ads", page.Html);
        Assert.Contains("<p>Kept words  more kept.</p>", page.Html);
        Assert.Equal(2, page.Removals.Count);
    }

    [Fact]
    public void An_end_marker_inside_code_does_not_close_a_region()
    {
        // The region runs from the first begin to the last end: the fenced end marker is code, not the end.
        var page = MarkerPage.Of($"{Begin}\n{Ad}\n\n```\n{End}\n```\n\nmore ad text\n{End}\n\nAfter.\n");
        Assert.Equal("<p>After.</p>\n", page.Html);
        Assert.Single(page.Removals);
    }

    [Fact]
    public void A_heading_under_html_inside_code_gets_no_blank_line()
    {
        // The repair that keeps a heading out of an HTML block must not write into code.
        var body = "1. ```\n   <div>\n   # not a heading\n   ```\n\n<div>ad</div>\n## A heading\n";
        var page = MarkerPage.Of(body);
        Assert.Contains("&lt;div&gt;\n# not a heading\n", page.Html);
        Assert.Contains("<h2 id=\"a-heading\">A heading</h2>", page.Html);
    }
}
