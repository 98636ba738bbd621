using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using GuideBuilder.Cli;
using GuideBuilder.Tests.Support;
using GuideBuilder.Model;

namespace GuideBuilder.Tests.Serve;

/// <summary>Runs the real <c>serve</c> command in-process on a free port and talks to it over HTTP on 127.0.0.1.</summary>
public sealed class ServeTests
{
    private const string Guide = """
        ---
        title: Restart the Spooler
        date: 2025-01-02
        description: How to restart the print spooler
        categories: [printers]
        ---

        The spooler holds print jobs. See [the other guide](other.md).

        ## Steps

        1. Open **Services**.
        2. Restart **Print Spooler**.
        """;

    private const string Other = """
        ---
        title: Other Guide
        date: 2025-01-01
        description: Another guide
        categories: [printers]
        ---

        Nothing to see here.
        """;

    [Fact]
    public async Task Edit_to_a_guide_is_served_without_restarting()
    {
        using var site = new TempSite();
        site.Write("content/printers/restart-spooler.md", Guide).Write("content/printers/other.md", Other);
        await using var server = await ServeRun.StartAsync(site);

        var before = await server.GetAsync("/printers/restart-spooler/");
        Assert.Contains("The spooler holds print jobs.", before);
        Assert.Contains("/__guidebuilder/live.js", before);

        File.WriteAllText(Path.Combine(site.Root, "content/printers/restart-spooler.md"), Guide.Replace("The spooler holds print jobs.", "Freshly edited sentence."));
        var after = await server.PollAsync("/printers/restart-spooler/", html => html.Contains("Freshly edited sentence."));
        Assert.DoesNotContain("The spooler holds print jobs.", after);
        Assert.Contains("rebuilt", server.Log);
        Assert.False(Directory.Exists(site.Output), "serve keeps the site in memory and writes no output folder");
    }

    [Fact]
    public async Task Broken_link_appears_in_the_overlay_data_and_disappears_when_fixed()
    {
        using var site = new TempSite();
        site.Write("content/printers/restart-spooler.md", Guide).Write("content/printers/other.md", Other);
        await using var server = await ServeRun.StartAsync(site);
        Assert.Empty(Problems(await server.GetAsync("/__guidebuilder/diagnostics.json")));

        var file = Path.Combine(site.Root, "content/printers/restart-spooler.md");
        File.WriteAllText(file, Guide.Replace("(other.md)", "(missing-guide.md)"));
        var broken = await server.PollAsync("/__guidebuilder/diagnostics.json", json => Problems(json).Count > 0);
        var d = Assert.Single(Problems(broken));
        Assert.Equal(("link.broken", "content/printers/restart-spooler.md", 8), d);
        // The page is still served while the site has errors.
        Assert.Contains("Restart the Spooler", await server.GetAsync("/printers/restart-spooler/"));
        Assert.Contains("link.broken", server.Log);

        File.WriteAllText(file, Guide);
        await server.PollAsync("/__guidebuilder/diagnostics.json", json => Problems(json).Count == 0);
    }

    [Fact]
    public async Task A_site_yml_error_is_a_diagnostic_in_the_overlay_data_with_its_place()
    {
        using var site = new TempSite();
        site.Write("content/printers/restart-spooler.md", Guide).Write("content/printers/other.md", Other);
        await using var server = await ServeRun.StartAsync(site);

        site.Write("site.yml", "title: Test Guides\nbase_url: https://guides.example.org/\nrules:\n  link.brokn: warning\n");
        var json = await server.PollAsync("/__guidebuilder/diagnostics.json", j => Problems(j).Count > 0);
        Assert.Equal(("config.invalid", "site.yml", 4), Assert.Single(Problems(json)));
        // The last good build is still served.
        Assert.Contains("Restart the Spooler", await server.GetAsync("/printers/restart-spooler/"));

        site.Write("site.yml", "title: Test Guides\nbase_url: https://guides.example.org/\n");
        await server.PollAsync("/__guidebuilder/diagnostics.json", j => Problems(j).Count == 0);
    }

    [Fact]
    public async Task Deleting_the_link_target_breaks_the_linking_page()
    {
        using var site = new TempSite();
        site.Write("content/printers/restart-spooler.md", Guide).Write("content/printers/other.md", Other);
        await using var server = await ServeRun.StartAsync(site);
        File.Delete(Path.Combine(site.Root, "content/printers/other.md"));
        var json = await server.PollAsync("/__guidebuilder/diagnostics.json", j => Problems(j).Count > 0);
        Assert.Equal("link.broken", Assert.Single(Problems(json)).Rule);
        Assert.Equal(404, await server.StatusAsync("/printers/other/"));
    }

    [Fact]
    public async Task A_templates_folder_created_after_start_is_used_and_watched()
    {
        using var site = new TempSite();
        site.Write("content/printers/restart-spooler.md", Guide).Write("content/printers/other.md", Other);
        await using var server = await ServeRun.StartAsync(site);
        Assert.DoesNotContain("Site template override", await server.GetAsync("/printers/restart-spooler/"));

        site.Write("templates/guide.html", "<article><p>Site template override</p>{{ page.content_html }}</article>");
        await server.PollAsync("/printers/restart-spooler/", html => html.Contains("Site template override"));
        // The new folder is watched: a second edit inside it is seen too.
        site.Write("templates/guide.html", "<article><p>Second override</p>{{ page.content_html }}</article>");
        var after = await server.PollAsync("/printers/restart-spooler/", html => html.Contains("Second override"));
        Assert.Contains("The spooler holds print jobs.", after);
    }

    [Fact]
    public async Task A_content_folder_replaced_after_start_is_read_and_watched()
    {
        using var site = new TempSite();
        site.Write("content/printers/restart-spooler.md", Guide).Write("content/printers/other.md", Other);
        await using var server = await ServeRun.StartAsync(site);
        Assert.Contains("The spooler holds print jobs.", await server.GetAsync("/printers/restart-spooler/"));

        // As a checkout of another branch might: the folder goes away and a new one takes its place.
        Directory.Move(Path.Combine(site.Root, "content"), Path.Combine(site.Root, "content-old"));
        site.Write("content/printers/restart-spooler.md", Guide.Replace("The spooler holds print jobs.", "From the new folder."));
        await server.PollAsync("/printers/restart-spooler/", html => html.Contains("From the new folder."));
        Assert.Equal(404, await server.StatusAsync("/printers/other/"));

        site.Write("content/printers/restart-spooler.md", Guide.Replace("The spooler holds print jobs.", "Edited in the new folder."));
        await server.PollAsync("/printers/restart-spooler/", html => html.Contains("Edited in the new folder."));
    }

    [Fact]
    public async Task A_taken_port_is_a_clear_usage_error()
    {
        using var site = new TempSite();
        site.Write("content/printers/other.md", Other);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = ServeCommand.Run(["--port", port.ToString()], stdout, stderr, site.Root, CancellationToken.None);
        Assert.Equal(CommandLine.UsageError, code);
        Assert.Contains($"port {port} on 127.0.0.1 is already in use", stderr.ToString());
        Assert.Contains("--port", stderr.ToString());
    }

    [Fact]
    public void A_bad_port_is_a_usage_error()
    {
        using var site = new TempSite();
        var run = site.Run("serve", "--port", "http");
        Assert.Equal(CommandLine.UsageError, run.ExitCode);
        Assert.Contains("--port must be a number", run.Stderr);
    }

    private static List<(string Rule, string File, int Line)> Problems(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Where(d => d.GetProperty("severity").GetString() is "error" or "warning")
            .Select(d => (d.GetProperty("rule").GetString()!, d.GetProperty("file").GetString()!, d.GetProperty("line").GetInt32()))
            .ToList();
    }
}

/// <summary><c>serve</c> running on a background thread until disposed.</summary>
internal sealed class ServeRun : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _stop = new();
    private readonly StringWriter _stderr = new();
    private readonly HttpClient _http;
    private Task<int> _run = Task.FromResult(0);

    private ServeRun(int port)
    {
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = Timeout };
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    public string Log
    {
        get
        {
            lock (_stderr) return _stderr.ToString();
        }
    }

    public static async Task<ServeRun> StartAsync(TempSite site)
    {
        var port = FreePort();
        var run = new ServeRun(port);
        var stderr = TextWriter.Synchronized(run._stderr);
        run._run = Task.Run(() => ServeCommand.Run(["--port", port.ToString()], TextWriter.Null, stderr, site.Root, run._stop.Token));
        // Generous: the whole suite runs in parallel on two cores, and a start-up slowed by that is not a failure.
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (run._run.IsCompleted) throw new InvalidOperationException($"serve exited with {run._run.Result}: {run.Log}");
            try
            {
                using var response = await run._http.GetAsync("__guidebuilder/diagnostics.json");
                if (response.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"serve did not answer within {StartTimeout.TotalSeconds:0} s; its output so far: {run.Log}");
            await Task.Delay(50);
        }
        // The watcher starts right after the server: wait for its "serving" line.
        while (!run.Log.Contains("serving") && DateTime.UtcNow < deadline) await Task.Delay(20);
        return run;
    }

    public async Task<string> GetAsync(string path) => await _http.GetStringAsync(path.TrimStart('/'));

    public async Task<int> StatusAsync(string path)
    {
        using var response = await _http.GetAsync(path.TrimStart('/'));
        return (int)response.StatusCode;
    }

    /// <summary>GETs <paramref name="path"/> until <paramref name="done"/> holds, for at most 20 seconds.</summary>
    public async Task<string> PollAsync(string path, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        string last;
        do
        {
            last = await GetAsync(path);
            if (done(last)) return last;
            await Task.Delay(25);
        }
        while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"{path} never matched; last response:\n{last}\nserve log:\n{Log}");
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        var code = await _run.WaitAsync(Timeout);
        _http.Dispose();
        Assert.Equal(0, code);
    }
}
