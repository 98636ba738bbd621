using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GuideBuilder.Tests.Support;

/// <summary>An HTTP server on 127.0.0.1 for one test, answering with the given handler; it records every request.</summary>
public sealed class LocalServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _handler;
    private readonly CancellationTokenSource _stop = new();

    public LocalServer(Func<HttpListenerContext, Task> handler)
    {
        _handler = handler;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>Every request as (method, path, milliseconds since the server started).</summary>
    public ConcurrentQueue<(string Method, string Path, long AtMs)> Requests { get; } = new();

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>A port nothing listens on (bound and released at once).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            Requests.Enqueue((ctx.Request.HttpMethod, ctx.Request.Url!.AbsolutePath, _clock.ElapsedMilliseconds));
            _ = Task.Run(async () =>
            {
                try
                {
                    await _handler(ctx);
                    ctx.Response.Close();
                }
                catch (Exception)
                {
                    // The client went away (timeout tests): nothing to do.
                }
            });
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
