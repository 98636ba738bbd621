namespace GuideBuilder.Validate;

/// <summary>
/// The sentences of the skeleton <c>guidebuilder new</c> writes, for the author to replace. Left in a
/// guide they would publish as if they were content, so <c>lint.placeholder</c> reports each one.
/// </summary>
public static class Placeholders
{
    /// <summary>The skeleton's description.</summary>
    public const string Description = "Say in one sentence what the reader can do after this guide.";

    /// <summary>The skeleton's opening paragraph.</summary>
    public const string Introduction = "Say in a sentence or two what the reader will have done at the end, and what they need first.";

    /// <summary>The skeleton's second step.</summary>
    public const string MiddleStep = "Select the setting to change.";

    /// <summary>The skeleton's last step.</summary>
    public const string LastStep = "Describe the last step and what the reader should see.";

    /// <summary>The skeleton's check section.</summary>
    public const string Check = "Tell the reader how to confirm the result.";

    /// <summary>Every sentence of the body skeleton.</summary>
    public static IReadOnlyList<string> Body { get; } = [Introduction, MiddleStep, LastStep, Check];
}
