using GuideBuilder.Model;
using GuideBuilder.Strip;

namespace GuideBuilder.Tests.RawHtml;

/// <summary>URLs are read as a browser reads them, once, for stripping, checking and sanitizing alike.</summary>
public sealed class WebUrlTests
{
    [Theory]
    [InlineData("https://x.sjv.io./c/1", "https", "x.sjv.io", "/c/1")]
    [InlineData("//x.sjv.io/c/1", "https", "x.sjv.io", "/c/1")]
    [InlineData("/\\x.sjv.io/c/1", "https", "x.sjv.io", "/c/1")]
    [InlineData("https:\\\\X.SJV.IO\\c\\1", "https", "x.sjv.io", "/c/1")]
    [InlineData("  ht\ntps://x.sj\tv.io/c/1 ", "https", "x.sjv.io", "/c/1")]
    [InlineData("https://x.%73jv.io/c/1", "https", "x.sjv.io", "/c/1")]
    [InlineData("HTTP://Bücher.Example/", "http", "xn--bcher-kva.example", "/")]
    [InlineData("java\tscript:alert(1)", "javascript", "", "")]
    [InlineData("xref:System.String", "xref", "", "")]
    public void Absolute_urls_are_read_as_browsers_read_them(string written, string scheme, string host, string path)
    {
        var url = WebUrl.Read(written);
        Assert.False(url.IsRelative);
        Assert.Equal(scheme, url.Scheme);
        Assert.Equal(host, url.Host);
        Assert.Equal(path, url.Path);
    }

    [Theory]
    [InlineData("images/shot.png")]
    [InlineData("../other.md#target")]
    [InlineData("/w/other/")]
    [InlineData("#step-1")]
    [InlineData("https:w/other.md")]   // on an https page, a relative path
    [InlineData("C:\\Users\\me\\shot.png")]
    public void Site_references_are_relative(string written)
    {
        Assert.True(WebUrl.Read(written).IsRelative);
    }

    [Theory]
    [InlineData("https://x.sjv.io./c/1")]
    [InlineData("https://x.sjv.io\n/c/1")]
    [InlineData("//X.SJV.IO/c/1")]
    [InlineData("/\\x.sjv.io/c/1")]
    [InlineData("https://x.%73jv.io/c/1")]
    [InlineData("https://shop-links.co/link/?url=https%3A%2F%2Fx.sjv.io.%2Fc%2F1")]
    public void Ad_hosts_match_however_the_host_is_spelt(string written)
    {
        Assert.True(StripRules.Default.IsAdUrl(written));
    }

    [Theory]
    [InlineData("https://sjv.io.example.org/c/1")]
    [InlineData("https://example.org/x.sjv.io")]
    [InlineData("x.sjv.io/c/1")]
    public void Lookalikes_are_not_ad_hosts(string written)
    {
        Assert.False(StripRules.Default.IsAdUrl(written));
    }
}
