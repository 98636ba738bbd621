namespace GuideBuilder.Tests.Strip;

/// <summary>Stripping never eats content: every word of a fixture outside its ad structures is on the output page.</summary>
public sealed class ContentPreservationTests
{
    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var name in StripFixture.All().Where(n => n != "shape11-invalid-yaml")) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_content_word_outside_ad_structures_is_kept(string name)
    {
        using var f = StripFixture.Build(name);
        var want = StripFixture.ContentWords(f.Source);
        var got = StripFixture.Words(f.Text);
        Assert.NotEmpty(want);
        Assert.Empty(want.Except(got).Order());
    }

    [Fact]
    public void The_word_comparison_can_fail()
    {
        // the measure itself must notice a lost sentence
        var want = StripFixture.ContentWords("---\ntitle: T\n---\n\nKeep this sentence.\n\n<!-- affiliate ads begin -->\nAdvert words\n<!-- affiliate ads end -->\n");
        Assert.Equal(["keep", "sentence", "this"], want.Order());
        Assert.NotEmpty(want.Except(StripFixture.Words("Keep this")));
    }
}
