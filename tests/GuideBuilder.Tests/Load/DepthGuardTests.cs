using GuideBuilder.Load;
using Markdig.Syntax;

namespace GuideBuilder.Tests.Load;

public sealed class DepthGuardTests
{
    [Theory]
    [InlineData("```\n" + "-------  ------    -----      ----- -----   ------     -- -----------\n```")]
    [InlineData("------------------------------------------------------------------------------------------------------")]
    [InlineData("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")]
    [InlineData("1716      RpcSs           Auto      Running OK     0")]
    public void Ordinary_lines_are_left_alone(string text)
    {
        var changed = new List<int>();
        Assert.Same(text, DepthGuard.Limit(text, (line, _) => changed.Add(line)));
        Assert.Empty(changed);
    }

    [Fact]
    public void Markers_past_the_limit_are_escaped()
    {
        var deep = string.Concat(Enumerable.Repeat("- ", DepthGuard.MaxDepth + 5)) + "x";
        var text = "para\n" + deep;
        var changed = new List<(int, int)>();
        var result = DepthGuard.Limit(text, (line, at) => changed.Add((line, at))).Split('\n');
        var (line, at) = Assert.Single(changed);
        Assert.Equal(1, line);
        Assert.Equal("\\- ", result[1][at..(at + 3)]);
        Assert.Equal(deep, result[1].Remove(at, 1));
        Assert.Equal(deep, DepthGuard.Limit(deep, leave: _ => true));
    }

    [Theory]
    [InlineData("```\n{0}\n```")]
    [InlineData("~~~~\n```\n{0}\n~~~~")]
    [InlineData("> > ```\n> > {0}\n> > ```")]
    [InlineData("- item\n\n      {0}")]
    [InlineData("para\n\n    {0}")]
    [InlineData("1. step\n   - sub\n\n     ~~~\n     {0}\n     ~~~")]
    public void Deep_lines_in_code_are_code_and_not_reported(string shape)
    {
        var deep = string.Concat(Enumerable.Repeat("> ", DepthGuard.MaxDepth + 5)) + "x";
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, deep);
        var reported = new List<int>();
        var document = GuideBuilder.Render.SafeMarkdown.Parse(text, (line, _) => reported.Add(line), _ => { });
        Assert.Empty(reported);
        var code = document.Descendants<Markdig.Syntax.CodeBlock>().Single();
        Assert.Contains(deep, code.Lines.ToString());
    }

    [Fact]
    public void Deep_lines_outside_code_are_escaped_and_reported_once()
    {
        var deep = string.Concat(Enumerable.Repeat("> ", DepthGuard.MaxDepth + 5)) + "x";
        var text = deep + "\n\n```\n" + deep + "\n```\n\n" + deep;
        var reported = new List<int>();
        var document = GuideBuilder.Render.SafeMarkdown.Parse(text, (line, _) => reported.Add(line), _ => { });
        Assert.Equal([0], reported);    // one report, at the first line (the message counts the rest)
        Assert.Equal(deep, document.Descendants<Markdig.Syntax.CodeBlock>().Single().Lines.ToString());
    }
}
