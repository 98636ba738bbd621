using System.Globalization;

namespace GuideBuilder.Model;

/// <summary>Dates as pages and feeds write them.</summary>
public static class Dates
{
    /// <summary>
    /// RFC 3339 / ISO 8601 with the offset the author wrote: <c>2025-03-02T09:14:00Z</c> for UTC,
    /// <c>2018-12-04T00:00:00+09:00</c> otherwise, so the instant and the author's day both survive.
    /// </summary>
    public static string Iso(DateTimeOffset date) => date.Offset == TimeSpan.Zero
        ? date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
        : date.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
