using GuideBuilder.Render;

namespace GuideBuilder.Tests.Render;

public sealed class StrictAttributesTests
{
    private static string Html(string markdown) => Markdig.Markdown.ToHtml(markdown, Markdown.Pipeline);

    [Fact]
    public void Brace_group_of_bare_words_in_a_heading_stays_text()
    {
        var html = Html("## Force \\Text{coefficient of friction} = F\n");
        Assert.Contains("\\Text{coefficient of friction} = F</h2>", html);
        Assert.DoesNotContain("coefficient=\"\"", html);
    }

    [Fact]
    public void Deliberate_attributes_still_apply()
    {
        Assert.Contains("<h2 id=\"custom\">Title</h2>", Html("## Title {#custom}\n"));
        Assert.Contains("<a href=\"x.md\" class=\"wide\">text</a>", Html("[text](x.md){.wide}\n"));
        Assert.Contains("<img src=\"a.png\" width=\"20\" alt=\"a\" />", Html("![a](a.png){width=20}\n"));
    }

    [Fact]
    public void Brace_group_in_running_text_stays_text_even_at_the_end_of_a_paragraph()
    {
        // Only a heading's or fence's line end and a link or image take attributes: elsewhere braces are prose.
        Assert.Contains("<p>Para {data-step=2}</p>", Html("Para {data-step=2}\n"));
        Assert.Contains("<p>Costs ${PATH:=x} nothing.</p>", Html("Costs ${PATH:=x} nothing.\n"));
    }
}
