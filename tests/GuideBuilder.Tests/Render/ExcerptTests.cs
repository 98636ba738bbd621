using GuideBuilder.Render;

namespace GuideBuilder.Tests.Render;

/// <summary>The excerpt reads only as far as its cut; it must equal joining all the words and cutting that.</summary>
public sealed class ExcerptTests
{
    private static string Reference(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= 200) return flat;
        var cut = flat.LastIndexOf(' ', 200);
        return flat[..(cut > 0 ? cut : 200)] + "…";
    }

    [Fact]
    public void Excerpt_equals_joining_every_word_then_cutting()
    {
        var random = new Random(7);
        string[] pieces = ["a", "word", "longerword", "x", new string('y', 230), " ", "  ", "\n", "\t \r\n", "\u00A0", "é", "🙂"];
        var checkedLong = 0;
        for (var n = 0; n < 3000; n++)
        {
            var parts = random.Next(0, 120);
            var text = string.Concat(Enumerable.Range(0, parts).Select(_ => pieces[random.Next(pieces.Length)]));
            var expected = Reference(text);
            if (expected.EndsWith('…')) checkedLong++;
            Assert.Equal(expected, SiteModelBuilder.Excerpt(text));
        }
        Assert.True(checkedLong > 100, "the cases should include excerpts that are cut");
        Assert.Equal("", SiteModelBuilder.Excerpt(""));
        Assert.Equal("one two", SiteModelBuilder.Excerpt("  one \n\t two  "));
        Assert.Equal(new string('z', 200) + "…", SiteModelBuilder.Excerpt(new string('z', 500)));
    }
}
