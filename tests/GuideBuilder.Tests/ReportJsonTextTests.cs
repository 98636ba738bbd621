using System.Text.Json;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>The JSON and SARIF reports are read by people too: quotes, non-ASCII text and &lt;, &gt;, &amp; appear as written.</summary>
public sealed class ReportJsonTextTests
{
    private static TempSite Site()
    {
        var site = new TempSite();
        site.Write("content/w/page.md", "---\ntitle: P\ndescription: Report text\n---\n\nSee [it](über<&>.md).\n");
        return site;
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Messages_read_naturally_in_the_raw_report(string format)
    {
        using var site = Site();
        var run = site.Run("check", "--format", format);
        Assert.Contains("link to 'über<&>.md': no such page or file", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", run.Stdout, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(run.Stdout);   // still valid JSON
        Assert.Equal(JsonValueKind.Object, doc.RootElement.ValueKind);
    }

    [Fact]
    public void The_json_report_keeps_the_contract_shape()
    {
        using var site = Site();
        var run = site.Run("check", "--format", "json");
        using var doc = JsonDocument.Parse(run.Stdout);
        var d = Assert.Single(doc.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(["file", "line", "column", "severity", "rule", "code", "message"], d.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["pages", "errors", "warnings", "stripped", "elapsed_ms"],
            doc.RootElement.GetProperty("summary").EnumerateObject().Select(p => p.Name).Take(5).ToArray());
        Assert.Equal("link to 'über<&>.md': no such page or file", d.GetProperty("message").GetString());
    }
}
