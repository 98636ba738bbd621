namespace GuideBuilder.Load;

/// <summary>What becomes of a Hugo shortcode or Liquid tag of a given name.</summary>
public enum ShortcodeAction
{
    /// <summary>An ad unit: removed, with a strip-report entry.</summary>
    Remove,
    /// <summary>A YouTube video: a privacy-enhanced embed when its host is allowed, else a link.</summary>
    YouTube,
    /// <summary>A Vimeo video: an embed without tracking when its host is allowed, else a link.</summary>
    Vimeo,
    /// <summary>A GitHub gist: a link to it.</summary>
    Gist,
    /// <summary>An image: a figure, with its caption.</summary>
    Figure,
    /// <summary>A code block (<c>highlight</c>): its body becomes a fenced code block in its language.</summary>
    Code,
    /// <summary>The tags go, what is between them stays (<c>{% raw %}</c>).</summary>
    Unwrap,
    /// <summary>Left as written, without a warning.</summary>
    Keep,
}

/// <summary>One entry of the shortcode mapping: a name pattern (<c>*</c> is any run of characters, case ignored) and its action.</summary>
public sealed record ShortcodeRule(string Pattern, ShortcodeAction Action)
{
    public bool Matches(string name) => Glob(Pattern.AsSpan(), name.AsSpan());

    private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
    {
        var star = pattern.IndexOf('*');
        if (star < 0) return pattern.Equals(text, StringComparison.OrdinalIgnoreCase);
        if (!text.StartsWith(pattern[..star], StringComparison.OrdinalIgnoreCase)) return false;
        var rest = pattern[(star + 1)..];
        text = text[star..];
        if (rest.IsEmpty) return true;
        for (var i = 0; i <= text.Length; i++)
        {
            if (Glob(rest, text[i..])) return true;
        }
        return false;
    }

    /// <summary>The action a name in site.yml or the defaults stands for, or null.</summary>
    public static ShortcodeAction? ActionNamed(string name) => name.ToLowerInvariant() switch
    {
        "remove" => ShortcodeAction.Remove,
        "youtube" => ShortcodeAction.YouTube,
        "vimeo" => ShortcodeAction.Vimeo,
        "gist" => ShortcodeAction.Gist,
        "figure" => ShortcodeAction.Figure,
        "code" => ShortcodeAction.Code,
        "unwrap" => ShortcodeAction.Unwrap,
        "keep" => ShortcodeAction.Keep,
        _ => null,
    };

    public const string ActionNames = "remove, youtube, vimeo, gist, figure, code, unwrap or keep";
}
