using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GuideBuilder.Bench.Runner;

/// <summary>One build of a site by the real command-line program in a child process.</summary>
public sealed record BuildRun(double WallMs, double CpuMs, long PeakKb, int Pages, int Errors, int Warnings, long Load, long Strip, long Render, long Validate, long Write, int ExitCode)
{
    private static readonly Regex StagesLine = new(@"stages: load (\d+) ms, strip (\d+) ms, validate (\d+) ms, render (\d+) ms, write (\d+) ms", RegexOptions.Compiled);

    /// <summary>
    /// Runs <c>dotnet GuideBuilder.dll build</c> under <c>/usr/bin/time</c> (peak resident memory of
    /// the process, as the kernel counts it) and reads the stage timings it prints with --verbose.
    /// </summary>
    public static BuildRun Execute(string cliDll, string siteYml, string output)
    {
        var timeFile = Path.GetTempFileName();
        var useTime = File.Exists("/usr/bin/time");
        var psi = new ProcessStartInfo(useTime ? "/usr/bin/time" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (useTime)
        {
            foreach (var a in new[] { "-f", "%U %S %M", "-o", timeFile, "dotnet" }) psi.ArgumentList.Add(a);
        }
        foreach (var a in new[] { cliDll, "build", "--config", siteYml, "--output", output, "--format", "json", "--verbose", "--no-color" }) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        sw.Stop();
        var (peak, cpu) = (0L, 0.0);
        if (useTime && File.Exists(timeFile))
        {
            // "%U %S %M": user seconds, system seconds, peak resident set in KB.
            var last = (File.ReadAllLines(timeFile).LastOrDefault(l => l.Trim().Length > 0) ?? "0 0 0").Split(' ');
            if (last.Length == 3)
            {
                cpu = (double.Parse(last[0], CultureInfo.InvariantCulture) + double.Parse(last[1], CultureInfo.InvariantCulture)) * 1000;
                long.TryParse(last[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out peak);
            }
        }
        File.Delete(timeFile);
        var (pages, errors, warnings) = (0, 0, 0);
        try
        {
            using var json = JsonDocument.Parse(stdout.Result);
            var s = json.RootElement.GetProperty("summary");
            pages = s.GetProperty("pages").GetInt32();
            errors = s.GetProperty("errors").GetInt32();
            warnings = s.GetProperty("warnings").GetInt32();
        }
        catch (JsonException)
        {
            Console.Error.WriteLine("the build printed no JSON report:\n" + Tail(stderr.Result));
        }
        var m = StagesLine.Match(stderr.Result);
        long G(int i) => m.Success ? long.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture) : -1;
        if (p.ExitCode != 0) Console.Error.WriteLine($"build exited with {p.ExitCode}:\n" + Tail(stderr.Result));
        return new BuildRun(sw.Elapsed.TotalMilliseconds, cpu, peak, pages, errors, warnings, G(1), G(2), G(4), G(3), G(5), p.ExitCode);
    }

    private static string Tail(string text) => text.Length > 3000 ? "…" + text[^3000..] : text;
}
