using System.Net;
using System.Net.Sockets;
using System.Text;
using GuideBuilder.Cli.Serve;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GuideBuilder.Cli.Serve;

/// <summary>
/// Kestrel on 127.0.0.1 with one request handler: the site from <see cref="ServeSession"/>, plus
/// three endpoints under <c>/__guidebuilder/</c> — <c>live.js</c> (reload + overlay script),
/// <c>events</c> (server-sent events carrying the build version) and <c>diagnostics.json</c>.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    public const string Prefix = "/__guidebuilder/";
    private const string ScriptTag = "<script src=\"/__guidebuilder/live.js\" defer></script>";
    private static readonly FileExtensionContentTypeProvider Types = new();
    private readonly WebApplication _app;
    private readonly Task<ServeSession> _opening;

    private LiveServer(WebApplication app, Task<ServeSession> opening)
    {
        _app = app;
        _opening = opening;
    }

    /// <summary>The session, once <see cref="_opening"/> is done (each request waits for it first).</summary>
    private ServeSession Session => _opening.Result;

    /// <summary>
    /// Starts listening, while <paramref name="opening"/> may still be opening the session (the server starts beside it;
    /// requests wait for it). Throws <see cref="PortInUseException"/> when the port is taken.
    /// </summary>
    public static async Task<LiveServer> StartAsync(Task<ServeSession> opening, string contentRoot, int port, CancellationToken token)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = contentRoot });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var server = new LiveServer(app, opening);
        app.Run(server.Handle);
        try
        {
            await app.StartAsync(token);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            await app.DisposeAsync();
            throw new PortInUseException(port);
        }
        return server;
    }

    private async Task Handle(HttpContext ctx)
    {
        await _opening;
        var path = ctx.Request.Path.Value ?? "/";
        ctx.Response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }
        if (path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            await Tool(ctx, path[Prefix.Length..]);
            return;
        }
        var file = Session.Get(path, out var version);
        if (file is null && !path.EndsWith('/') && Session.IsFolder(path))
        {
            ctx.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            ctx.Response.Headers.Location = path + "/" + ctx.Request.QueryString;
            return;
        }
        if (file is null && path == "/favicon.ico")
        {
            // Browsers ask for it on every page; a site without one should not fill the console with 404s.
            ctx.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (file is null)
        {
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            file = Session.Get("/404.html", out version);
            if (file is null) return;
        }
        ctx.Response.ContentType = Types.TryGetContentType(file.Path, out var type) ? type : "application/octet-stream";
        if (ctx.Response.ContentType.StartsWith("text/", StringComparison.Ordinal) && !ctx.Response.ContentType.Contains("charset")) ctx.Response.ContentType += "; charset=utf-8";
        var bytes = file.Bytes ?? Encoding.UTF8.GetBytes(file.Path.EndsWith(".html", StringComparison.Ordinal) ? WithScript(file.Text!, version) : file.Text!);
        ctx.Response.ContentLength = bytes.Length;
        if (HttpMethods.IsHead(ctx.Request.Method)) return;
        await ctx.Response.Body.WriteAsync(bytes, ctx.RequestAborted);
    }

    /// <summary>
    /// Marks the page with the build version it was rendered from (the script compares it with the
    /// live one), and adds the script when a site template dropped the theme's live-reload tag.
    /// </summary>
    private static string WithScript(string html, long version)
    {
        if (!html.Contains("/__guidebuilder/live.js", StringComparison.Ordinal))
        {
            var end = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
            html = end < 0 ? html + ScriptTag : html.Insert(end, ScriptTag + "\n");
        }
        var meta = $"<meta name=\"guidebuilder-version\" content=\"{version}\">";
        // Before </head>; a template without one gets it next to the script (never ahead of the doctype).
        var at = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        if (at < 0) at = html.IndexOf("<script src=\"/__guidebuilder/live.js\"", StringComparison.Ordinal);
        return at < 0 ? html + meta : html.Insert(at, meta + "\n");
    }

    private async Task Tool(HttpContext ctx, string name)
    {
        switch (name)
        {
            case "live.js":
                ctx.Response.ContentType = "text/javascript; charset=utf-8";
                await using (var stream = typeof(LiveServer).Assembly.GetManifestResourceStream("serve/live.js")!)
                {
                    await stream.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
                }
                return;
            case "diagnostics.json":
                ctx.Response.ContentType = "application/json; charset=utf-8";
                await ctx.Response.WriteAsync(Session.DiagnosticsJson(), ctx.RequestAborted);
                return;
            case "events":
                await Events(ctx);
                return;
            default:
                ctx.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }
    }

    /// <summary>Server-sent events: the current version at once, then each new one; a comment every 15 s keeps proxies awake.</summary>
    private async Task Events(HttpContext ctx)
    {
        var stopping = _app.Services.GetService(typeof(IHostApplicationLifetime)) is IHostApplicationLifetime life ? life.ApplicationStopping : CancellationToken.None;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var token = cts.Token;
        ctx.Response.ContentType = "text/event-stream";
        ctx.Response.Headers["X-Accel-Buffering"] = "no";
        try
        {
            await ctx.Response.WriteAsync("retry: 500\n\n", token);
            while (!token.IsCancellationRequested)
            {
                var changed = Session.Changed;
                await ctx.Response.WriteAsync($"event: version\ndata: {Session.Version}\n\n", token);
                await ctx.Response.Body.FlushAsync(token);
                var done = await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(15), token));
                if (done != changed) await ctx.Response.WriteAsync(": keep-alive\n\n", token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
    }

    public async Task StopAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _app.StopAsync(cts.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>The port is already taken by another program.</summary>
public sealed class PortInUseException(int port) : Exception($"port {port} on 127.0.0.1 is already in use; stop the other server or choose another port with --port N")
{
    public int Port { get; } = port;
}
