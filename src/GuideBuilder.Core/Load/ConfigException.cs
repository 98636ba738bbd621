namespace GuideBuilder.Load;

/// <summary>site.yml is missing, unreadable or invalid: a usage/configuration error (exit code 2).</summary>
public sealed class ConfigException(string message) : Exception(message);
