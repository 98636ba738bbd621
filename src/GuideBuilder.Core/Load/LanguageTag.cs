namespace GuideBuilder.Load;

/// <summary>
/// BCP 47 language tags (<c>en</c>, <c>fr-CA</c>, <c>zh-Hant-TW</c>) for front matter <c>lang</c> and site.yml
/// <c>language</c>: checked for their shape and, for two-letter languages, against ISO 639-1; written in the
/// usual case (<c>pt-br</c> is <c>pt-BR</c>). A tag that is not valid gets a "did you mean" where one fits:
/// <c>en_US</c> → <c>en-US</c>, a country code used as a language (<c>jp</c> → <c>ja</c>), a three-letter
/// code with a two-letter form (<c>fra</c> → <c>fr</c>), a language's name (<c>French</c> → <c>fr</c>).
/// </summary>
public static class LanguageTag
{
    // ISO 639-1: every two-letter language code.
    private static readonly HashSet<string> TwoLetter = new(
        ("aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu " +
         "fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn " +
         "ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os " +
         "pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw " +
         "ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu").Split(' '), StringComparer.Ordinal);

    // What authors write instead of a language code: country codes, old or three-letter forms, names.
    private static readonly Dictionary<string, string> Mistakes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jp"] = "ja", ["cn"] = "zh", ["dk"] = "da", ["gr"] = "el", ["cz"] = "cs", ["ua"] = "uk", ["vn"] = "vi",
        ["il"] = "he", ["iw"] = "he", ["in"] = "id", ["ji"] = "yi", ["us"] = "en", ["gb"] = "en", ["sp"] = "es",
        ["mx"] = "es", ["at"] = "de", ["kp"] = "ko", ["br-pt"] = "pt-BR",
        ["eng"] = "en", ["fra"] = "fr", ["fre"] = "fr", ["deu"] = "de", ["ger"] = "de", ["spa"] = "es", ["ita"] = "it",
        ["jpn"] = "ja", ["zho"] = "zh", ["chi"] = "zh", ["kor"] = "ko", ["rus"] = "ru", ["por"] = "pt", ["nld"] = "nl",
        ["dut"] = "nl", ["pol"] = "pl", ["swe"] = "sv", ["dan"] = "da", ["nor"] = "no", ["fin"] = "fi", ["tur"] = "tr",
        ["ara"] = "ar", ["heb"] = "he", ["hin"] = "hi", ["vie"] = "vi", ["tha"] = "th", ["ukr"] = "uk", ["ces"] = "cs",
        ["cze"] = "cs", ["ell"] = "el", ["gre"] = "el", ["hun"] = "hu", ["ron"] = "ro", ["rum"] = "ro", ["ind"] = "id",
        ["english"] = "en", ["french"] = "fr", ["français"] = "fr", ["francais"] = "fr", ["german"] = "de", ["deutsch"] = "de",
        ["spanish"] = "es", ["español"] = "es", ["espanol"] = "es", ["italian"] = "it", ["italiano"] = "it",
        ["japanese"] = "ja", ["日本語"] = "ja", ["chinese"] = "zh", ["中文"] = "zh", ["korean"] = "ko", ["한국어"] = "ko",
        ["russian"] = "ru", ["русский"] = "ru", ["portuguese"] = "pt", ["português"] = "pt", ["dutch"] = "nl",
        ["nederlands"] = "nl", ["polish"] = "pl", ["polski"] = "pl", ["swedish"] = "sv", ["svenska"] = "sv",
        ["turkish"] = "tr", ["türkçe"] = "tr", ["arabic"] = "ar", ["hindi"] = "hi", ["vietnamese"] = "vi",
        ["ukrainian"] = "uk", ["greek"] = "el", ["czech"] = "cs", ["danish"] = "da", ["norwegian"] = "nb",
        ["finnish"] = "fi", ["hebrew"] = "he", ["indonesian"] = "id", ["thai"] = "th", ["hungarian"] = "hu",
        ["romanian"] = "ro",
    };

    /// <summary>The tag in its usual case, or null when it is not a valid language tag.</summary>
    public static string? Normalize(string tag)
    {
        var parts = tag.Trim().Split('-');
        if (parts.Any(p => p.Length == 0 || p.Length > 8 || !p.All(char.IsAsciiLetterOrDigit))) return null;
        var first = parts[0].ToLowerInvariant();
        if (!first.All(char.IsAsciiLetter) || first.Length is < 2 or > 3) return null;
        if (first.Length == 2 && !TwoLetter.Contains(first)) return null;
        if (first.Length == 3 && Mistakes.ContainsKey(first)) return null;   // has a two-letter form, which BCP 47 requires
        var result = new List<string> { first };
        var i = 1;
        if (i < parts.Length && parts[i].Length == 4 && parts[i].All(char.IsAsciiLetter))
        {
            result.Add(char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant());   // script
            i++;
        }
        if (i < parts.Length && (parts[i].Length == 2 && parts[i].All(char.IsAsciiLetter) || parts[i].Length == 3 && parts[i].All(char.IsAsciiDigit)))
        {
            result.Add(parts[i].ToUpperInvariant());   // region
            i++;
        }
        for (; i < parts.Length; i++)
        {
            var p = parts[i].ToLowerInvariant();
            var variant = p.Length >= 5 || p.Length == 4 && char.IsAsciiDigit(p[0]);
            if (variant)
            {
                result.Add(p);
                continue;
            }
            if (p.Length != 1 || i + 1 >= parts.Length) return null;
            // An extension (a-z but x, then subtags of 2-8) or private use (x, then subtags of 1-8): the rest of the tag.
            var min = p == "x" ? 1 : 2;
            if (parts.Skip(i + 1).Any(s => s.Length < min)) return null;
            result.AddRange(parts.Skip(i).Select(s => s.ToLowerInvariant()));
            break;
        }
        return string.Join('-', result);
    }

    /// <summary>The valid tag that <paramref name="tag"/> was most likely meant to be, or null.</summary>
    public static string? Suggestion(string tag)
    {
        var t = tag.Trim();
        if (Mistakes.TryGetValue(t, out var known)) return known;
        if (t.Contains('_') && Normalize(t.Replace('_', '-')) is { } hyphened) return hyphened;
        var parts = t.Replace('_', '-').Split('-', 2);
        if (parts.Length == 2 && Mistakes.TryGetValue(parts[0], out var language) && Normalize(language + "-" + parts[1]) is { } fixedTag) return fixedTag;
        return null;
    }

    /// <summary>The message for an invalid tag, with a "did you mean" where one fits.</summary>
    public static string Problem(string key, string tag) =>
        $"'{key}' must be a BCP 47 language tag such as en, fr-CA or zh-Hant, not '{tag}'" +
        (Suggestion(tag) is { } s ? $" (did you mean '{s}'?)" : "");
}
