using System.Diagnostics;
using System.Globalization;
using GuideBuilder.Bench.Corpus;

namespace GuideBuilder.Bench.Runner;

/// <summary>
/// The whole-build benchmark: for each size, a cached generated corpus built several times by the
/// real CLI in a child process, clean output each time; medians (min–max) of wall time, pages per
/// second, the stage timings and peak memory. On the work disk it also times <c>cp -r</c> of the
/// finished tree, the file system's own floor.
/// </summary>
public sealed class WholeBuild
{
    public required int[] Sizes { get; init; }
    public required int Runs { get; init; }
    public required int Seed { get; init; }
    public required string[] Targets { get; init; }   // tmpfs, disk
    public required string CacheDir { get; init; }
    public required string CliDll { get; init; }
    public bool Incremental { get; init; }

    public int Execute()
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Cpu()}, {MemoryGb()} GB RAM, .NET {Environment.Version}");
        Console.WriteLine($"runs per size: {Runs} (+1 warm-up), seed {Seed}, {(Incremental ? "rebuild over the previous output" : "clean output folder each run")}");
        var failed = false;
        foreach (var n in Sizes)
        {
            var site = EnsureCorpus(CacheDir, n, Seed);
            var yml = Path.Combine(site, "site.yml");
            foreach (var target in Targets)
            {
                var root = target == "tmpfs" ? "/dev/shm/gb-bench" : Path.Combine(CacheDir, "out");
                Directory.CreateDirectory(root);
                var output = Path.Combine(root, $"site-{n}");
                var runs = new List<BuildRun>();
                for (var k = 0; k <= Runs; k++)
                {
                    if (!Incremental || k == 0) Delete(output);
                    DropDirtyPages();
                    var run = BuildRun.Execute(CliDll, yml, output);
                    if (run.ExitCode != 0) failed = true;
                    if (k > 0) runs.Add(run);
                }
                Report(n, target, runs);
                if (target == "disk") CopyFloor(output, root, runs);
            }
        }
        return failed ? 1 : 0;
    }

    private void Report(int n, string target, List<BuildRun> runs)
    {
        var wall = Stats.Of(runs.Select(r => r.WallMs));
        var rate = Stats.Of(runs.Select(r => r.Pages / (r.WallMs / 1000)));
        var last = runs[^1];
        Console.WriteLine();
        Console.WriteLine($"== {n:N0} guides, output on {target}: {last.Pages:N0} pages, {last.Errors} errors, {last.Warnings} warnings");
        Console.WriteLine($"   wall       {wall.Format(" ms")}");
        Console.WriteLine($"   pages/s    {rate.Format()}");
        Console.WriteLine($"   CPU (u+s)  {Stats.Of(runs.Select(r => r.CpuMs)).Format(" ms")}   (less sensitive to other load on the machine than wall time)");
        Console.WriteLine($"   load       {Stats.Of(runs.Select(r => (double)r.Load)).Format(" ms")}");
        Console.WriteLine($"   strip      {Stats.Of(runs.Select(r => (double)r.Strip)).Format(" ms")}   (strip + parse + analyze)");
        Console.WriteLine($"   validate   {Stats.Of(runs.Select(r => (double)r.Validate)).Format(" ms")}");
        Console.WriteLine($"   render     {Stats.Of(runs.Select(r => (double)r.Render)).Format(" ms")}");
        Console.WriteLine($"   write      {Stats.Of(runs.Select(r => (double)r.Write)).Format(" ms")}");
        Console.WriteLine($"   peak RSS   {Stats.Of(runs.Select(r => r.PeakKb / 1024.0)).Format(" MB")}");
    }

    /// <summary><c>cp -r</c> of the finished tree onto the same disk: what writing those files costs at the least.</summary>
    private void CopyFloor(string finished, string root, List<BuildRun> runs)
    {
        if (!Directory.Exists(finished)) return;
        var copy = Path.Combine(root, "cp-floor");
        var times = new List<double>();
        for (var k = 0; k < Math.Max(3, Runs); k++)
        {
            Delete(copy);
            DropDirtyPages();
            var sw = Stopwatch.StartNew();
            using (var p = Process.Start("cp", ["-r", finished, copy])) p.WaitForExit();
            sw.Stop();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        Delete(copy);
        var cp = Stats.Of(times);
        var build = Stats.Of(runs.Select(r => r.WallMs));
        Console.WriteLine($"   cp -r of the finished tree onto the disk: {cp.Format(" ms")}; build / cp -r = {(build.Median / cp.Median).ToString("F2", CultureInfo.InvariantCulture)}");
    }

    /// <summary>Flushes dirty pages so one run's write-back does not land in the next run's timing.</summary>
    private static void DropDirtyPages()
    {
        try
        {
            using var p = Process.Start("sync");
            p?.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    public static string EnsureCorpus(string cacheDir, int n, int seed)
    {
        var dir = Path.Combine(cacheDir, $"corpus-{n}-seed{seed}-v{CorpusGenerator.Version}");
        var done = Path.Combine(dir, ".complete");
        if (File.Exists(done)) return dir;
        Delete(dir);
        Console.WriteLine($"generating {n:N0} guides into {dir} …");
        var sw = Stopwatch.StartNew();
        new CorpusGenerator(n, seed).Write(dir);
        File.WriteAllText(done, $"{n} {seed} {CorpusGenerator.Version}\n");
        Console.WriteLine($"generated in {sw.ElapsedMilliseconds} ms");
        return dir;
    }

    private static void Delete(string dir)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static string Cpu()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static long MemoryGb() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30);
}
