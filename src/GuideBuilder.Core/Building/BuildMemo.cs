using System.Globalization;
using System.Text;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;
using GuideBuilder.Write;

namespace GuideBuilder.Building;

/// <summary>
/// The whole build as one cached step: when none of its inputs changed since the last build that recorded
/// this memo, the build's result is the recorded one. The inputs, checked as one group (they rarely change
/// together with nothing else): every file of the content folder and of the templates folder by path, size
/// and time stamp, site.yml and published.yml the same way, the settings and options, the GuideBuilder build;
/// and, for <c>build</c>, the output folder exactly as the last build's manifest lists it (same files, sizes and
/// time stamps). Any difference, and the build runs its steps (through the per-guide cache).
/// <para>
/// A time stamp can miss an edit made in the same tick as the last look at the file ("racily clean", as git
/// calls it): a memo is therefore not recorded while any input is younger than a few seconds at the time the
/// build started, so only files that had settled before the build read them are trusted by time stamp.
/// </para>
/// </summary>
internal sealed record BuildMemo
{
    public required string Key { get; init; }
    public required List<Diagnostic> Diagnostics { get; init; }
    public int Pages { get; init; }
    public int Stripped { get; init; }
    public bool Written { get; init; }
    /// <summary>The SHA-256 of published.yml as the build left it.</summary>
    public required string Ledger { get; init; }

    /// <summary>How much younger than the build's start an input may be for the memo to be recorded.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The memo key of the inputs as they are now, or null when the build must not be memoised (options whose
    /// effect is not only the result: a strip report, external checks, kept HTML, live reload) or an input is
    /// too young to be trusted by its time stamp.
    /// </summary>
    public static string? KeyOf(SiteConfig config, BuildOptions options, string output, ContentFiles files, DateTime startedUtc)
    {
        if (options.StripReportPath is not null || config.External.Enabled || options.KeepHtml || options.LiveReload) return null;
        var sb = new StringBuilder(files.All.Count * 64);
        sb.Append(BuildCache.ToolVersion).Append('\n')
          .Append(System.Text.Json.JsonSerializer.Serialize(config, CacheJson.Default.SiteConfig)).Append('\n')
          .Append(options.Write ? "build " : "check ").Append(output).Append('\n')
          .Append(options.Drafts).Append(options.Strict).Append(options.NoLedger).Append('\n');
        var young = startedUtc - Settle;
        sb.Append(FileHash.ForKey(Path.GetFullPath(config.ConfigFile, config.SiteDir))).Append('\n');
        // One stat per file, on all cores: on a large site this is most of a build that finds nothing changed.
        var stats = new string?[files.All.Count];
        var tooYoung = 0;
        Parallel.For(0, stats.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var line = new StringBuilder(64);
            if (Stat(line, Path.Combine(config.ContentDir, files.All[i]), young)) stats[i] = line.ToString();
            else Volatile.Write(ref tooYoung, 1);
        });
        if (tooYoung != 0) return null;
        for (var i = 0; i < stats.Length; i++) sb.Append(files.All[i]).Append(' ').Append(stats[i]);
        if (Directory.Exists(config.TemplatesDir))
        {
            foreach (var file in Directory.EnumerateFiles(config.TemplatesDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                sb.Append(file).Append(' ');
                if (!Stat(sb, file, young)) return null;
            }
        }
        return BuildCache.Key("memo", sb.ToString());
    }

    /// <summary>The SHA-256 of the site's published.yml: an input of the build that a build also writes, so it is compared apart.</summary>
    public static string LedgerOf(SiteConfig config) => FileHash.ForKey(Path.Combine(config.SiteDir, PublishedLedger.FileName));

    /// <summary>Appends a file's size and time stamp (or "none"); false when it is younger than <paramref name="young"/>.</summary>
    private static bool Stat(StringBuilder sb, string path, DateTime young)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            sb.Append("none\n");
            return true;
        }
        var modified = info.LastWriteTimeUtc;
        if (modified >= young) return false;
        sb.Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append(' ')
          .Append(modified.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return true;
    }

    /// <summary>True when the output folder holds exactly the files the manifest lists, each with its recorded size and time stamp.</summary>
    public static bool OutputIntact(string output, string manifestPath)
    {
        try
        {
            return Intact(output, manifestPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Intact(string output, string manifestPath)
    {
        var entries = OutputManifest.Read(manifestPath, output);
        if (entries.Count == 0 || !Directory.Exists(output)) return false;
        var seen = 0;
        foreach (var info in new DirectoryInfo(output).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(output, info.FullName).Replace('\\', '/');
            if (!entries.TryGetValue(rel, out var e) || e.Size != info.Length || e.ModifiedTicks != info.LastWriteTimeUtc.Ticks) return false;
            seen++;
        }
        return seen == entries.Count;
    }
}
