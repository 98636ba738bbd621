using System.Diagnostics;
using GuideBuilder.Building;
using GuideBuilder.Load;

namespace GuideBuilder.Bench.Runner;

/// <summary>
/// <c>profile --site DIR [--repeat 3] [--output DIR]</c>: builds a site in this process several
/// times (JIT warm after the first) and prints each stage's wall time and the bytes allocated.
/// For finding hot paths, not for the published figures (use <c>run</c> for those).
/// </summary>
public static class InProcess
{
    public static int Execute(string site, int repeat, string output, bool write)
    {
        var config = SiteConfigLoader.Load(Path.Combine(site, "site.yml"));
        for (var k = 0; k < repeat; k++)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var result = new SiteBuilder(config, new BuildOptions { OutputOverride = output, Write = write }).Build();
            var s = result.Stages;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"run {k + 1}: {result.Pages} pages, {result.Errors} errors, {result.Warnings} warnings; total {result.ElapsedMs} ms, CPU {used.TotalMilliseconds:F0} ms; " +
                $"load {s.Load}, strip {s.Strip}, validate {s.Validate}, render {s.Render}, write {s.Write} ms; " +
                $"allocated {(GC.GetTotalAllocatedBytes(precise: false) - allocated) >> 20} MB; live after a full GC with the guides held {GC.GetTotalMemory(true) >> 20} MB");
            GC.KeepAlive(result);
        }
        return 0;
    }
}
