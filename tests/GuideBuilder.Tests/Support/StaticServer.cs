using System.Net;
using System.Net.Sockets;

namespace GuideBuilder.Tests.Support;

/// <summary>
/// A tiny static file server on 127.0.0.1 for browser tests: serves <c>root</c> under a URL path
/// prefix (for a site whose base_url has a path), with clean-URL index.html and the site's 404.html.
/// </summary>
public sealed class StaticServer : IDisposable
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
    };

    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly string _prefix;
    private readonly Task _loop;

    public StaticServer(string root, string pathPrefix = "/")
    {
        _root = Path.GetFullPath(root);
        _prefix = pathPrefix;
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}{pathPrefix}";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    /// <summary>The URL of the site root, ending in '/'.</summary>
    public string BaseUrl { get; }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task Loop()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                Serve(context);
            }
            catch (HttpListenerException)
            {
                // The browser went away mid-response.
            }
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var response = context.Response;
        var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
        var file = Resolve(path);
        var status = 200;
        if (file is null)
        {
            status = 404;
            file = Path.Combine(_root, "404.html");
        }
        var bytes = File.Exists(file) ? File.ReadAllBytes(file) : [];
        response.StatusCode = status;
        response.ContentType = Types.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream");
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    private string? Resolve(string path)
    {
        if (!path.StartsWith(_prefix, StringComparison.Ordinal)) return null;
        var rel = path[_prefix.Length..];
        var full = Path.GetFullPath(Path.Combine(_root, rel));
        if (!full.StartsWith(_root, StringComparison.Ordinal)) return null;
        if (Directory.Exists(full)) full = Path.Combine(full, "index.html");
        return File.Exists(full) ? full : null;
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
