using Markdig.Syntax.Inlines;

namespace GuideBuilder.Model;

/// <summary>
/// A key of a key combo, rendered as <c>&lt;kbd&gt;</c>. It is raw HTML to the renderer, but keeps
/// the key's name so plain-text uses (step text, search index, duplicate checks) still see it.
/// </summary>
public sealed class KeyInline : HtmlInline
{
    public KeyInline(string key)
        : base("<kbd>" + System.Net.WebUtility.HtmlEncode(key) + "</kbd>")
    {
        Key = key;
    }

    /// <summary>The key's name as written, e.g. <c>Win</c>.</summary>
    public string Key { get; }
}
