using System.Text.Json;

namespace GuideBuilder.Tests.Strip;

public sealed class StripReportTests
{
    [Fact]
    public void Strip_report_lists_each_removal_with_rule_source_lines_and_excerpt()
    {
        var reportPath = Path.Combine(Path.GetTempPath(), "gb-strip-report-" + Guid.NewGuid().ToString("N")[..8], "strip.json");
        try
        {
            using var f = StripFixture.Build("shape01-marker-regions", "", "--strip-report", reportPath);
            Assert.Equal(0, f.Run.ExitCode);
            using var json = JsonDocument.Parse(File.ReadAllText(reportPath));
            var page = Assert.Single(json.RootElement.GetProperty("pages").EnumerateArray());
            Assert.Equal("content/guides/shape01-marker-regions.md", page.GetProperty("file").GetString());
            var removals = page.GetProperty("removals").EnumerateArray()
                .Select(r => (Rule: r.GetProperty("rule").GetString(), Start: r.GetProperty("start_line").GetInt32(), End: r.GetProperty("end_line").GetInt32(),
                    Excerpt: r.GetProperty("excerpt").GetString()!))
                .ToList();
            // lines counted in the source file, front matter included
            Assert.Equal([("marker", 14, 16), ("marker", 20, 22), ("marker.empty", 27, 28)], removals.Select(r => (r.Rule, r.Start, r.End)));
            Assert.Contains("quillmart.sjv.io", removals[0].Excerpt);
            Assert.All(removals, r => Assert.True(r.Excerpt.Length <= 80));
            var summary = json.RootElement.GetProperty("summary");
            Assert.Equal(3, summary.GetProperty("removals").GetInt32());
            Assert.Equal(1, summary.GetProperty("pages_with_removals").GetInt32());
            Assert.Equal(2, summary.GetProperty("by_rule").GetProperty("marker").GetInt32());
            // the build's own summary counts the same removals
            Assert.Equal(3, JsonDocument.Parse(f.Run.Stdout).RootElement.GetProperty("summary").GetProperty("stripped").GetInt32());
            Assert.False(File.Exists(Path.Combine(f.Site.Output, "strip.json")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(reportPath)!, recursive: true);
        }
    }

    [Fact]
    public void Strip_report_line_range_covers_a_multi_line_ad_element()
    {
        var reportPath = Path.Combine(Path.GetTempPath(), "gb-strip-report-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        try
        {
            using var f = StripFixture.Build("shape08-adsense", "", "--strip-report", reportPath);
            using var json = JsonDocument.Parse(File.ReadAllText(reportPath));
            var ranges = json.RootElement.GetProperty("pages")[0].GetProperty("removals").EnumerateArray()
                .Select(r => (r.GetProperty("rule").GetString(), r.GetProperty("start_line").GetInt32(), r.GetProperty("end_line").GetInt32()));
            Assert.Equal([("selector:ins.adsbygoogle", 10, 14), ("selector:ins.adsbygoogle", 18, 23)], ranges);
        }
        finally
        {
            File.Delete(reportPath);
        }
    }

    [Fact]
    public void Strip_report_inside_the_output_folder_is_refused()
    {
        using var f = StripFixture.Build("shape02-impact-banner", "", "--strip-report", "_site/strip.json");
        Assert.Equal(2, f.Run.ExitCode);
        Assert.Contains("output folder", f.Run.Stderr + f.Run.Stdout);
        Assert.False(File.Exists(Path.Combine(f.Site.Output, "strip.json")));
    }
}
