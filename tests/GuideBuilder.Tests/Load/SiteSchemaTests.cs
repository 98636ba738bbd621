using System.Text.Json;
using GuideBuilder.Load;

namespace GuideBuilder.Tests.Load;

/// <summary>The JSON Schema shipped for site.yml names exactly the keys the loader accepts, so editors never flag a valid key or offer an unknown one.</summary>
public sealed class SiteSchemaTests
{
    private static JsonElement Schema()
    {
        using var stream = typeof(GuideBuilder.Cli.CommandLine).Assembly.GetManifestResourceStream("schemas/site.schema.json")
            ?? throw new InvalidOperationException("the tool ships no site.yml schema");
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    private static string[] Keys(JsonElement properties) =>
        properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Schema_and_loader_know_the_same_keys()
    {
        var props = Schema().GetProperty("properties");
        Assert.Equal(SiteConfigLoader.TopKeys.Order(StringComparer.Ordinal), Keys(props));
        Assert.Equal(SiteConfigLoader.StripKeys.Order(StringComparer.Ordinal), Keys(props.GetProperty("strip").GetProperty("properties")));
        Assert.Equal(SiteConfigLoader.ExternalKeys.Order(StringComparer.Ordinal), Keys(props.GetProperty("external").GetProperty("properties")));
        Assert.Equal(SiteConfigLoader.SanitizeKeys.Order(StringComparer.Ordinal), Keys(props.GetProperty("sanitize").GetProperty("properties")));
        Assert.Equal(SiteConfigLoader.LinksKeys.Order(StringComparer.Ordinal), Keys(props.GetProperty("links").GetProperty("properties")));
    }
}
