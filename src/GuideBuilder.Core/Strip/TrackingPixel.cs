using AngleSharp.Css.Parser;
using GuideBuilder.Model;

namespace GuideBuilder.Strip;

/// <summary>
/// A tracking pixel: an image from another host that a reader never sees — at most one pixel wide or
/// tall, or hidden. Sizes are read as a browser reads them: the <c>width</c>/<c>height</c> attributes in
/// any quoting by the HTML rules for dimension values (<c>1</c>, <c>'1'</c>, <c>1px</c>, <c>0.5</c>), overridden
/// by the inline <c>style</c>'s <c>width</c>/<c>height</c>; <c>display:none</c>, <c>visibility:hidden</c> and
/// the <c>hidden</c> attribute hide it. The same test serves raw HTML and Markdown images with attributes
/// (<c>![](…){width=1 height=1}</c>).
/// </summary>
public static class TrackingPixel
{
    [ThreadStatic] private static CssParser? _css;

    /// <summary>True when an image from <paramref name="src"/> with these attributes is a tracking pixel.</summary>
    public static bool Is(string? src, string? width, string? height, string? style, bool hiddenAttribute)
    {
        var url = WebUrl.Read(src);
        if (url.IsRelative || url.Host.Length == 0) return false;   // the site's own images are the author's
        if (hiddenAttribute) return true;
        if (!string.IsNullOrWhiteSpace(style))
        {
            _css ??= new CssParser();
            var declaration = _css.ParseDeclaration(style);
            if (declaration is null) return Tiny(width) || Tiny(height);
            var display = declaration.GetPropertyValue("display").Trim();
            var visibility = declaration.GetPropertyValue("visibility").Trim();
            if (display.Equals("none", StringComparison.OrdinalIgnoreCase) || visibility.Equals("hidden", StringComparison.OrdinalIgnoreCase)) return true;
            if (CssLength(declaration.GetPropertyValue("width")) is { } w) width = w;
            if (CssLength(declaration.GetPropertyValue("height")) is { } h) height = h;
        }
        return Tiny(width) || Tiny(height);
    }

    /// <summary>A CSS length in pixels as a dimension string ("1"), or null when it is not a pixel length.</summary>
    private static string? CssLength(string value)
    {
        value = value.Trim();
        if (value.Length == 0) return null;
        if (value == "0") return "0";
        return value.EndsWith("px", StringComparison.OrdinalIgnoreCase) ? value[..^2] : null;
    }

    /// <summary>
    /// True when a dimension value is at most one pixel, by the HTML rules for parsing dimension values:
    /// leading spaces skipped, the number read up to the first character that is not part of it, anything
    /// after it ignored unless it is a '%'.
    /// </summary>
    private static bool Tiny(string? value)
    {
        if (value is null) return false;
        var s = value.AsSpan().TrimStart(" \t\n\r\f");
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
        if (i == 0 || (i < s.Length && s[i] == '%')) return false;
        return double.TryParse(s[..i], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= 1;
    }
}
