namespace GuideBuilder.Load;

/// <summary>site.yml is missing, unreadable or invalid: a usage/configuration error (exit code 2).</summary>
public sealed class ConfigException(string message) : Exception(message)
{
    /// <summary>Where in site.yml, when the problem has a place (0 otherwise).</summary>
    public long Line { get; init; }
    public long Column { get; init; }
}
