using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace GuideBuilder.Tests.Support;

/// <summary>
/// Reads a built site as a browser would: every HTML page in the output folder, every relative
/// <c>href</c>, <c>src</c> and <c>srcset</c> URL on it (template-written ones included), resolved
/// against the page's own URL, and every <c>#fragment</c> against the ids of the page it lands on.
/// Knows nothing of GuideBuilder's sources or index: only the files and ids the output really has.
/// </summary>
public static class OutputCrawl
{
    /// <summary>One link that leads nowhere: the page (relative to the output folder), the attribute and the URL as written.</summary>
    public sealed record Dead(string Page, string Attribute, string Url, string Why);

    private static readonly string[] UrlAttributes = ["href", "src", "poster", "cite"];

    /// <summary>Every dead relative URL in <paramref name="output"/>'s HTML pages, and how many URLs were followed.</summary>
    /// <param name="output">The output folder.</param>
    /// <param name="basePath">The path of the site's <c>base_url</c>: site-root URLs under it are read against the output folder.</param>
    public static (List<Dead> Dead, int Followed) Crawl(string output, string basePath = "/")
    {
        var parser = new HtmlParser();
        var root = Path.GetFullPath(output);
        var ids = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var dead = new List<Dead>();
        var followed = 0;
        HashSet<string> IdsOf(string file)
        {
            if (ids.TryGetValue(file, out var set)) return set;
            using var doc = parser.ParseDocument(File.ReadAllText(file));
            set = doc.QuerySelectorAll("[id]").Select(e => e.Id!).Concat(doc.QuerySelectorAll("a[name]").Select(e => e.GetAttribute("name")!)).ToHashSet(StringComparer.Ordinal);
            return ids[file] = set;
        }
        foreach (var file in Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var page = Path.GetRelativePath(root, file).Replace('\\', '/');
            using var doc = parser.ParseDocument(File.ReadAllText(file));
            foreach (var element in doc.QuerySelectorAll("*"))
            {
                foreach (var attribute in UrlAttributes)
                {
                    if (element.GetAttribute(attribute) is { } url) Check(attribute, url);
                }
                if (element.GetAttribute("srcset") is { } srcset)
                {
                    foreach (var candidate in srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        Check("srcset", candidate.Split(' ', 2)[0]);
                    }
                }
            }

            void Check(string attribute, string url)
            {
                url = url.Trim();
                if (url.Length == 0 || IsElsewhere(url)) return;
                followed++;
                var hash = url.IndexOf('#');
                var fragment = hash >= 0 ? Uri.UnescapeDataString(url[(hash + 1)..]) : null;
                var path = hash >= 0 ? url[..hash] : url;
                if (path.StartsWith('/'))
                {
                    if (!path.StartsWith(basePath, StringComparison.Ordinal) && path + "/" != basePath)
                    {
                        dead.Add(new Dead(page, attribute, url, $"outside the site's base path {basePath}"));
                        return;
                    }
                    path = "/" + path[Math.Min(path.Length, basePath.Length)..];
                }
                var query = path.IndexOf('?');
                if (query >= 0) path = path[..query];
                string target;
                if (path.Length == 0)
                {
                    target = file;
                }
                else
                {
                    var baseUri = new Uri("https://site.invalid/" + page);
                    var resolved = new Uri(baseUri, path).AbsolutePath;
                    var relative = Uri.UnescapeDataString(resolved.TrimStart('/'));
                    target = Path.GetFullPath(Path.Combine(root, relative));
                    if (!target.StartsWith(root, StringComparison.Ordinal))
                    {
                        dead.Add(new Dead(page, attribute, url, "leads above the output folder"));
                        return;
                    }
                    if (relative.Length == 0 || relative.EndsWith('/')) target = Path.Combine(target, "index.html");
                    if (!File.Exists(target))
                    {
                        dead.Add(new Dead(page, attribute, url, Directory.Exists(target) ? "a folder with no index.html" : "no such file"));
                        return;
                    }
                }
                if (fragment is { Length: > 0 } && fragment != "top" && target.EndsWith(".html", StringComparison.Ordinal) && !IdsOf(target).Contains(fragment))
                {
                    dead.Add(new Dead(page, attribute, url, $"no id '{fragment}' on the page"));
                }
            }
        }
        return (dead, followed);
    }

    /// <summary>Another host or another scheme: nothing the output folder serves. A site-root path (<c>/x/</c>) is read against the output folder, as a site published at the host's root.</summary>
    private static bool IsElsewhere(string url) =>
        url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal)
        || (url.IndexOf(':') is var colon and > 0 && url.AsSpan(0, colon).IndexOfAny('/', '?', '#') < 0);
}
