using GuideBuilder.Model;
namespace GuideBuilder.Building;

/// <summary>What a build was asked to do.</summary>
public sealed record BuildOptions
{
    /// <summary>Write the site (build) or only check it (check).</summary>
    public bool Write { get; init; } = true;
    public string? OutputOverride { get; init; }
    public bool Drafts { get; init; }
    public bool Strict { get; init; }
    public string? StripReportPath { get; init; }
    /// <summary>
    /// Keep each guide's rendered HTML on <see cref="Guide.ContentHtml"/> and <see cref="Guide.Html"/> after the
    /// build (tests, serve). Off by default: a large site is written page by page without holding its HTML.
    /// </summary>
    public bool KeepHtml { get; init; }
    /// <summary>Ignore published.yml: no ledger read, compared or written (<c>--no-ledger</c>).</summary>
    public bool NoLedger { get; init; }
    /// <summary>Build from nothing: the build cache is neither read nor written (<c>--no-cache</c>).</summary>
    public bool NoCache { get; init; }
    /// <summary>Inject the live-reload script (serve only).</summary>
    public bool LiveReload { get; init; }
    /// <summary>Counts the build's progress for a display (the command line's, on a terminal); null: not counted.</summary>
    public BuildProgress? Progress { get; init; }
}

/// <summary>Wall time of each pipeline stage, in milliseconds.</summary>
public sealed record StageTimings(long Load, long Strip, long Render, long Validate, long Write);

/// <summary>What a build produced.</summary>
public sealed record BuildResult(
    IReadOnlyList<Diagnostics.Diagnostic> Diagnostics,
    int Pages,
    int Stripped,
    long ElapsedMs,
    StageTimings Stages,
    bool Written,
    IReadOnlyList<Guide> Guides)
{
    /// <summary>What the build did to published.yml: null (nothing: not written, unchanged or --no-ledger), "recorded" (new) or "updated".</summary>
    public string? Ledger { get; init; }
    /// <summary>What the build added, changed and removed in the output folder (nothing when it did not write).</summary>
    public Write.OutputChanges Changes { get; init; } = Write.OutputChanges.None;
    /// <summary>With the build cache: how many of the render step's files were kept as published instead of rendered, and how many it has; else null.</summary>
    public (int Kept, int Of)? KeptFiles { get; init; }

    public int Errors => Diagnostics.Count(d => d.Severity == GuideBuilder.Diagnostics.Severity.Error);
    public int Warnings => Diagnostics.Count(d => d.Severity == GuideBuilder.Diagnostics.Severity.Warning);
}
