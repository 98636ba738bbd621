using System.Globalization;
using BenchmarkDotNet.Running;
using GuideBuilder.Bench.Corpus;
using GuideBuilder.Bench.Runner;

namespace GuideBuilder.Bench;

/// <summary>
/// <c>generate --count N --seed S --out DIR</c>: writes a generated site.
/// <c>run --sizes 1000,10000 --runs 5 [--out tmpfs,disk] [--cache DIR] [--incremental] [--no-build]</c>: the whole-build benchmark.
/// <c>micro [BenchmarkDotNet args]</c>: the hot-path micro-benchmarks.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "--help" or "-h")
        {
            Console.WriteLine("""
                Usage:
                  generate --count N [--seed S] --out DIR     write a generated site of N guides
                  run [--sizes 1000,10000,100000] [--runs 5] [--seed 42] [--out tmpfs,disk]
                      [--cache DIR] [--incremental] [--no-build]
                                                              whole-build benchmark with the real CLI
                  profile --site DIR [--repeat 3] [--output DIR] [--check]
                                                              in-process builds with stage timings and allocations
                  breakdown --site DIR [--repeat 2]           per-step CPU time and allocations on one thread
                  micro [BenchmarkDotNet options]             hot-path micro-benchmarks (e.g. --filter '*')
                """);
            return 0;
        }
        var opts = Options(args.Skip(1).ToArray());
        switch (args[0])
        {
            case "generate":
                var n = int.Parse(opts.GetValueOrDefault("--count") ?? "1000", CultureInfo.InvariantCulture);
                var seed = int.Parse(opts.GetValueOrDefault("--seed") ?? "42", CultureInfo.InvariantCulture);
                var outDir = opts.GetValueOrDefault("--out") ?? throw new ArgumentException("--out DIR is required");
                if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
                {
                    Console.Error.WriteLine($"'{outDir}' is not empty; pick a new folder");
                    return 2;
                }
                new CorpusGenerator(n, seed).Write(outDir);
                Console.WriteLine($"wrote {n} guides to {outDir}");
                return 0;
            case "run":
                var repo = RepoRoot();
                var cli = Path.Combine(repo, "src/GuideBuilder/bin/Release/net10.0/GuideBuilder.dll");
                if (!opts.ContainsKey("--no-build"))
                {
                    using var b = System.Diagnostics.Process.Start("dotnet", ["build", "-c", "Release", "-nologo", "-v", "q", Path.Combine(repo, "src/GuideBuilder/GuideBuilder.csproj")]);
                    b.WaitForExit();
                    if (b.ExitCode != 0) return 2;
                }
                return new WholeBuild
                {
                    Sizes = (opts.GetValueOrDefault("--sizes") ?? "1000,10000,100000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
                    Runs = int.Parse(opts.GetValueOrDefault("--runs") ?? "5", CultureInfo.InvariantCulture),
                    Seed = int.Parse(opts.GetValueOrDefault("--seed") ?? "42", CultureInfo.InvariantCulture),
                    Targets = (opts.GetValueOrDefault("--out") ?? "tmpfs").Split(','),
                    CacheDir = Path.GetFullPath(opts.GetValueOrDefault("--cache") ?? Path.Combine(Path.GetTempPath(), "gb-bench")),
                    CliDll = cli,
                    Incremental = opts.ContainsKey("--incremental"),
                }.Execute();
            case "profile":
                return InProcess.Execute(opts.GetValueOrDefault("--site") ?? throw new ArgumentException("--site DIR is required"),
                    int.Parse(opts.GetValueOrDefault("--repeat") ?? "3", CultureInfo.InvariantCulture),
                    opts.GetValueOrDefault("--output") ?? "/dev/shm/gb-bench/profile", !opts.ContainsKey("--check"));
            case "breakdown":
                return Breakdown.Execute(opts.GetValueOrDefault("--site") ?? throw new ArgumentException("--site DIR is required"),
                    int.Parse(opts.GetValueOrDefault("--repeat") ?? "2", CultureInfo.InvariantCulture));
            case "micro":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Skip(1).ToArray());
                return 0;
            default:
                Console.Error.WriteLine($"unknown command '{args[0]}' (generate, run, micro)");
                return 2;
        }
    }

    private static Dictionary<string, string?> Options(string[] args)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            map[args[i]] = hasValue ? args[++i] : null;
        }
        return map;
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "GuideBuilder.sln"))) return d.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}
