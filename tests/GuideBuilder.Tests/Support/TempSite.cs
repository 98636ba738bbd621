using System.Text.Json;
using GuideBuilder.Cli;

namespace GuideBuilder.Tests.Support;

/// <summary>A throw-away site folder for one test: write files, run the real CLI in-process, read the output.</summary>
public sealed class TempSite : IDisposable
{
    public TempSite(string siteYml = "title: Test Guides\nbase_url: https://guides.example.org/\n")
    {
        Root = Path.Combine(Path.GetTempPath(), "gb-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "content"));
        File.WriteAllText(Path.Combine(Root, "site.yml"), siteYml);
    }

    public string Root { get; }

    public string Output => Path.Combine(Root, "_site");

    /// <summary>Writes a file relative to the site folder ('/'-separated), creating folders.</summary>
    public TempSite Write(string relative, string text)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return this;
    }

    public TempSite WriteBytes(string relative, byte[] bytes)
    {
        var full = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
    }

    /// <summary>Runs <c>guidebuilder args…</c> with this site as the working folder.</summary>
    public CliRun Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr, Root);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string ReadOutput(string relative) => File.ReadAllText(Path.Combine(Output, relative));

    public bool OutputExists(string relative) => File.Exists(Path.Combine(Output, relative));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Exit code and output of one CLI run.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>
    /// Every finding of a <c>--format json</c> run as (rule, file, line, column, severity, message), the
    /// grouped ones too (an entry's <c>related</c> findings follow it, with its file, rule and severity).
    /// </summary>
    public IReadOnlyList<(string Rule, string File, int Line, int Column, string Severity, string Message)> Diagnostics()
    {
        using var doc = JsonDocument.Parse(Stdout);
        var all = new List<(string, string, int, int, string, string)>();
        foreach (var d in doc.RootElement.GetProperty("diagnostics").EnumerateArray())
        {
            var (rule, file, severity) = (d.GetProperty("rule").GetString()!, d.GetProperty("file").GetString()!, d.GetProperty("severity").GetString()!);
            all.Add((rule, file, d.GetProperty("line").GetInt32(), d.GetProperty("column").GetInt32(), severity, d.GetProperty("message").GetString()!));
            if (!d.TryGetProperty("related", out var related)) continue;
            foreach (var r in related.EnumerateArray())
            {
                all.Add((rule, file, r.GetProperty("line").GetInt32(), r.GetProperty("column").GetInt32(), severity, r.GetProperty("message").GetString()!));
            }
        }
        return all;
    }
}
