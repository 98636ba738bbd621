using GuideBuilder.Load;

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
        Assert.Same(text, DepthGuard.Limit(text, changed.Add));
        Assert.Empty(changed);
    }

    [Fact]
    public void Markers_past_the_limit_are_escaped_outside_code_only()
    {
        var deep = string.Concat(Enumerable.Repeat("- ", DepthGuard.MaxDepth + 5)) + "x";
        var text = deep + "\n```\n" + deep + "\n```";
        var changed = new List<int>();
        var result = DepthGuard.Limit(text, changed.Add).Split('\n');
        Assert.Equal([0], changed);
        Assert.Contains("\\-", result[0]);
        Assert.Equal(deep, result[2]);
    }
}
