using System.Net;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests;

/// <summary>--check-external against a server on 127.0.0.1 that this test starts.</summary>
public sealed class ExternalLinkTests : IDisposable
{
    private readonly LocalServer _server;
    private int _busyHits;

    public ExternalLinkTests()
    {
        _server = new LocalServer(Handle);
    }

    private async Task Handle(HttpListenerContext ctx)
    {
        var res = ctx.Response;
        switch (ctx.Request.Url!.AbsolutePath)
        {
            case "/ok":
            case "/end":
                res.StatusCode = 200;
                break;
            case "/r1":
                res.StatusCode = 301;
                res.RedirectLocation = "/r2";
                break;
            case "/r2":
                res.StatusCode = 301;
                res.RedirectLocation = "/end";
                break;
            case "/nohead":
                res.StatusCode = ctx.Request.HttpMethod == "HEAD" ? 405 : 200;
                break;
            case "/busy":
                if (Interlocked.Increment(ref _busyHits) == 1)
                {
                    res.StatusCode = 429;
                    res.Headers["Retry-After"] = "1";
                }
                else
                {
                    res.StatusCode = 200;
                }
                break;
            case "/slow":
                await Task.Delay(8000);
                res.StatusCode = 200;
                break;
            default:
                res.StatusCode = 404;
                break;
        }
    }

    private TempSite Site(string extra = "")
    {
        var closed = LocalServer.FreePort();
        var site = new TempSite($"""
            title: T
            base_url: https://guides.example.org/
            external:
              timeout_seconds: 3
              spacing_ms: 0
              per_host: 4
              exclude:
                - {_server.Url("/private/")}
            {extra}
            """);
        site.Write("content/a.md", $"""
            ---
            title: A
            description: Links out
            ---

            [ok]({_server.Url("/ok")})

            [chain]({_server.Url("/r1")})

            [gone]({_server.Url("/gone")})

            [busy]({_server.Url("/busy")})

            [slow]({_server.Url("/slow")})

            [closed](http://127.0.0.1:{closed}/x)

            [nohead]({_server.Url("/nohead")})

            [private]({_server.Url("/private/page")}) and [skipped]({_server.Url("/gone2")}){"{.nocheck}"} and [mail](mailto:a@example.org)
            """);
        return site;
    }

    [Fact]
    public void Reports_404_timeout_and_closed_port_at_their_lines_and_accepts_redirects_retry_after_and_get_fallback()
    {
        using var site = Site();
        var run = site.Run("check", "--check-external", "--format", "json");

        var ext = run.Diagnostics().Where(d => d.Rule == "link.external").OrderBy(d => d.Line).ToList();
        Assert.Equal([10, 14, 16], ext.Select(d => d.Line));
        Assert.All(ext, d => Assert.Equal("warning", d.Severity));
        Assert.Contains("404", ext[0].Message);
        Assert.Contains("no answer within 3 s", ext[1].Message);
        Assert.Contains("could not connect", ext[2].Message);
        Assert.Equal(0, run.ExitCode);

        var requests = _server.Requests.ToList();
        Assert.DoesNotContain(requests, r => r.Path.StartsWith("/private/", StringComparison.Ordinal) || r.Path == "/gone2");
        Assert.Contains(requests, r => r.Path == "/nohead" && r.Method == "GET");
        var busy = requests.Where(r => r.Path == "/busy").ToList();
        Assert.Equal(2, busy.Count);
        Assert.True(busy[1].AtMs - busy[0].AtMs >= 900, $"retried after {busy[1].AtMs - busy[0].AtMs} ms, before Retry-After");
    }

    [Fact]
    public void Cache_keeps_successes_and_rechecks_failures()
    {
        using var site = Site();
        site.Run("check", "--check-external", "--format", "json");
        Assert.True(File.Exists(Path.Combine(site.Root, ".guidebuilder", "cache", "external.json")));
        var before = _server.Requests.Count(r => r.Path == "/ok");
        Assert.Equal(1, before);
        var goneBefore = _server.Requests.Count(r => r.Path == "/gone");

        var run = site.Run("check", "--check-external", "--format", "json");

        Assert.Equal(before, _server.Requests.Count(r => r.Path == "/ok"));
        Assert.True(_server.Requests.Count(r => r.Path == "/gone") > goneBefore);
        Assert.Contains(run.Diagnostics(), d => d.Rule == "link.external" && d.Line == 10);
    }

    [Fact]
    public void Request_cap_leaves_the_rest_unchecked_not_failed()
    {
        using var site = Site("  max_requests: 1");
        var run = site.Run("check", "--check-external", "--format", "json");
        Assert.True(_server.Requests.Count <= 1);
        Assert.True(run.Diagnostics().Count(d => d.Rule == "link.external") <= 1);
    }

    [Fact]
    public void Without_the_flag_nothing_is_requested()
    {
        using var site = Site();
        var run = site.Run("check", "--format", "json");
        Assert.Empty(_server.Requests);
        Assert.DoesNotContain(run.Diagnostics(), d => d.Rule == "link.external");
    }

    public void Dispose() => _server.Dispose();
}
