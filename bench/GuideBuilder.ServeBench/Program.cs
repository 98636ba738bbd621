using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GuideBuilder.Building;
using GuideBuilder.Cli;
using GuideBuilder.Load;
using GuideBuilder.ServeBench;
using GuideBuilder.Model;

// Edit-to-served latency of `serve`: generates a site, keeps it in memory as serve does, edits one
// guide again and again, and prints median/min/max of each part. Usage:
//   dotnet run -c Release --project bench/GuideBuilder.ServeBench -- [--guides 10000] [--edits 30] [--broken-every N] [--dir PATH] [--no-http]
// --broken-every N gives every Nth guide a broken link, for a site with that many diagnostics.
var guides = Arg("--guides", 10_000);
var edits = Arg("--edits", 30);
var dir = ArgText("--dir") ?? Path.Combine(Path.GetTempPath(), "gb-serve-bench");
var http = !args.Contains("--no-http");
var brokenEvery = Arg("--broken-every", 0);

var sw = Stopwatch.StartNew();
SiteGenerator.Write(dir, guides, brokenEvery);
Console.WriteLine($"generated {guides} guides in {dir} ({sw.ElapsedMilliseconds} ms)");

var edited = guides / 2;
var file = Path.Combine(dir, SiteGenerator.RelativePath(edited));
var url = SiteGenerator.Url(edited);

// 1. The engine alone (what serve does between the watcher's event and the response).
var config = SiteConfigLoader.Load(Path.Combine(dir, "site.yml"));
var live = new LiveSite(config, new BuildOptions { Write = false, Drafts = true, LiveReload = true });
sw.Restart();
live.Build();
var buildMs = sw.Elapsed.TotalMilliseconds;
sw.Restart();
Check(live.Get(url)?.Text, "walks through");
Console.WriteLine($"initial build {buildMs:F0} ms, first page {sw.Elapsed.TotalMilliseconds:F0} ms, {live.Diagnostics().Count} diagnostics");

Series("body edit (title, date, categories, tags, description unchanged)", e => SiteGenerator.Guide(edited, guides, $"Edited body, revision {e}."), e => $"revision {e}.");
Series("title edit (listings and neighbours change)", e => SiteGenerator.Guide(edited, guides, "Same body.").Replace($"title: Change setting number {edited}", $"title: Change setting number {edited} (rev {e})"), e => $"(rev {e})");

void Series(string name, Func<int, string> text, Func<int, string> expect)
{
    var rebuild = new List<double>();
    var diagnostics = new List<double>();
    var render = new List<double>();
    var served = new List<double>();
    for (var e = 1; e <= edits + 1; e++)
    {
        File.WriteAllText(file, text(e));
        var t = Stopwatch.StartNew();
        var update = live.Update([file]) ?? throw new InvalidOperationException("the edit was not seen");
        var a = t.Elapsed.TotalMilliseconds;
        _ = live.Diagnostics();
        var b = t.Elapsed.TotalMilliseconds;
        var page = live.Get(url)?.Text;
        var c = t.Elapsed.TotalMilliseconds;
        Check(page, expect(e));
        if (update.Read != 1) throw new InvalidOperationException($"expected one file read, got {update.Read}");
        if (e == 1) continue;   // warm-up
        rebuild.Add(a);
        diagnostics.Add(b - a);
        render.Add(c - b);
        served.Add(c);
    }
    Console.WriteLine($"\n{name}, {edits} edits of {SiteGenerator.RelativePath(edited)}:");
    Print("rebuild (LiveSite.Update)", rebuild);
    Print("diagnostics list", diagnostics);
    Print("render requested page", render);
    Print("edit-to-served, engine", served);
}

// The background check of the links the templates write, after one more title edit: only the pages the edit touched
// (the guide, its neighbours, the listings that hold it) are rendered again; the check starts 300 ms after the edit.
{
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    live.OutputChecked += () => done.TrySetResult();
    File.WriteAllText(file, SiteGenerator.Guide(edited, guides, "Same body.").Replace($"title: Change setting number {edited}", $"title: Change setting number {edited} (checked)"));
    var t = Stopwatch.StartNew();
    live.Update([file]);
    await done.Task;
    Console.WriteLine($"\nbackground link check after a title edit: done {t.ElapsedMilliseconds} ms after the edit (300 ms of it the wait before it starts), {live.Diagnostics().Count} diagnostics");
}

// 2. End to end: the real serve command, its file watcher (40 ms debounce) and Kestrel; time from
// the file write until a GET of the page returns the new text.
if (http)
{
    var port = FreePort();
    using var stop = new CancellationTokenSource();
    var log = new StringWriter();
    var serve = Task.Run(() => ServeCommand.Run(["--port", port.ToString()], TextWriter.Null, TextWriter.Synchronized(log), dir, stop.Token));
    using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
    var ready = Stopwatch.StartNew();
    while (true)
    {
        try
        {
            await client.GetStringAsync(url.TrimStart('/'));
            break;
        }
        catch (HttpRequestException) when (ready.Elapsed < TimeSpan.FromMinutes(5) && !serve.IsCompleted)
        {
            await Task.Delay(100);
        }
    }
    Console.WriteLine($"\nserve ready after {ready.ElapsedMilliseconds} ms (includes the initial build)");
    var e2e = new List<double>();
    for (var e = 1; e <= edits + 1; e++)
    {
        var marker = $"HTTP edit {e}.";
        await Task.Delay(150);   // let the previous batch settle so each edit is timed on its own
        var t = Stopwatch.StartNew();
        File.WriteAllText(file, SiteGenerator.Guide(edited, guides, marker));
        while (!(await client.GetStringAsync(url.TrimStart('/'))).Contains(marker, StringComparison.Ordinal))
        {
            if (t.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("the edit was never served");
            await Task.Delay(2);
        }
        if (e > 1) e2e.Add(t.Elapsed.TotalMilliseconds);
    }
    stop.Cancel();
    await serve;
    Console.WriteLine($"\nend to end over HTTP, {edits} body edits (file write → GET returns the new text; polled every 2 ms; includes the watcher's 40 ms debounce):");
    Print("edit-to-served, serve", e2e);
    var rebuilt = log.ToString().Split('\n').Where(l => l.StartsWith("rebuilt", StringComparison.Ordinal)).Skip(1).ToList();
    if (rebuilt.Count > 0) Console.WriteLine($"  serve's own log, last rebuild: {rebuilt[^1].Trim()}");
}

void Check(string? page, string expect)
{
    if (page is null || !page.Contains(expect, StringComparison.Ordinal)) throw new InvalidOperationException($"the served page lacks '{expect}'");
}

static void Print(string what, List<double> ms)
{
    var sorted = ms.Order().ToList();
    var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    Console.WriteLine($"  {what,-28} median {median,8:F2} ms   min {sorted[0],8:F2} ms   max {sorted[^1],8:F2} ms");
}

static int FreePort()
{
    var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    var port = ((IPEndPoint)l.LocalEndpoint).Port;
    l.Stop();
    return port;
}

int Arg(string name, int fallback) => ArgText(name) is { } v ? int.Parse(v) : fallback;

string? ArgText(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
