using GuideBuilder.Cli.Serve;

namespace GuideBuilder.Cli;

/// <summary>
/// <c>serve</c>: builds the site into memory (nothing is written to the output folder), serves it on
/// 127.0.0.1, watches the sources and rebuilds what an edit touches; browsers reload by themselves
/// and show the diagnostics in an overlay. Unlike <c>build</c>, a site with errors is still served.
/// </summary>
public static class ServeCommand
{
    private static readonly HashSet<string> Flags = ["--help", "--no-color"];
    private static readonly HashSet<string> Valued = ["--config", "--port"];

    private const string Help = """
        Usage: guidebuilder serve [--port N] [--config FILE] [--no-color]

        Builds the site into memory and serves it on http://127.0.0.1:N/ (default port 5000).
        Watches site.yml, content/ and templates/; each save rebuilds only what it touches, and open
        browsers reload by themselves. Problems are printed here and shown in the page as an overlay;
        the site is served even while it has errors. Drafts are shown. Ctrl+C stops.

        Options:
          --port N         port on 127.0.0.1 (default 5000)
          --config FILE    site.yml to use (default: ./site.yml, else the nearest in a parent folder)
          --no-color       no colours (also when NO_COLOR is set)

        Exit codes: 0 stopped with Ctrl+C, 2 usage or configuration error (also: the port is taken).

        Examples:
          guidebuilder serve
          guidebuilder serve --port 8080
          guidebuilder serve --config docs/site.yml
        """;

    /// <summary>Runs until Ctrl+C.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        // `kill` (SIGTERM) stops as cleanly as Ctrl+C.
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            stop.Cancel();
        });
        try
        {
            return Run(args, stdout, stderr, workingDir, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Runs until <paramref name="stop"/> is cancelled (tests stop it this way).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDir, CancellationToken stop)
    {
        var a = new ParsedArgs(args, Flags, Valued);
        if (a.Has("--help"))
        {
            stdout.WriteLine(Help);
            return CommandLine.Ok;
        }
        if (a.Positional.Count > 0) throw new UsageException($"'serve' takes no arguments (got '{a.Positional[0]}')");
        var port = 5000;
        if (a.Value("--port") is { } p && (!int.TryParse(p, out port) || port is < 1 or > 65535))
        {
            throw new UsageException($"--port must be a number from 1 to 65535, not '{p}'");
        }
        var terminal = Terminal.For(stderr, a.Has("--no-color"));
        var log = TextWriter.Synchronized(stderr);

        var session = new ServeSession(a.Value("--config"), workingDir, log, terminal);
        LiveServer server;
        try
        {
            server = LiveServer.StartAsync(session, port, stop).GetAwaiter().GetResult();
        }
        catch (PortInUseException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return CommandLine.UsageError;
        }
        catch (OperationCanceledException)
        {
            return CommandLine.Ok;
        }
        using (new SiteWatcher(() => session.Config, TimeSpan.FromMilliseconds(40), session.OnChange))
        {
            log.WriteLine($"serving {Path.GetRelativePath(workingDir, session.Config.SiteDir)} at http://127.0.0.1:{port}/ — Ctrl+C to stop");
            stop.WaitHandle.WaitOne();
            log.WriteLine("stopping");
        }
        server.StopAsync().GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return CommandLine.Ok;
    }
}
