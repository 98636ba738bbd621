using System.CommandLine;
using GuideBuilder.Cli.Serve;

namespace GuideBuilder.Cli;

/// <summary>
/// <c>serve</c>: builds the site into memory (nothing is written to the output folder), serves it on
/// 127.0.0.1, watches the sources and rebuilds what an edit touches; browsers reload by themselves
/// and show the diagnostics in an overlay. Unlike <c>build</c>, a site with errors is still served.
/// </summary>
public static class ServeCommand
{
    /// <summary>The <c>serve</c> command.</summary>
    public static GuideCommand Define(CliContext cx)
    {
        var port = new Option<int>("--port")
        {
            HelpName = "N",
            Description = "port on 127.0.0.1 (default 5000)",
            DefaultValueFactory = _ => 5000,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (int.TryParse(text, out var n) && n is >= 1 and <= 65535) return n;
                result.AddError($"--port must be a number from 1 to 65535, not '{text}'");
                return 0;
            },
        };
        var config = CommonOptions.Config();
        var noColor = CommonOptions.NoColor();
        var command = new GuideCommand("serve", "build, serve on 127.0.0.1, rebuild and reload on every change")
        {
            Details = """
                Builds the site into memory and serves it on http://127.0.0.1:N/ (default port 5000). After a
                build, when the build cache proves nothing changed since, the built output is served at once
                while the site loads.
                Watches site.yml, content/ and templates/; each save rebuilds only what it touches, and open
                browsers reload by themselves. Problems are printed here and shown in the page as an overlay;
                the site is served even while it has errors. Drafts are shown. Ctrl+C stops.
                """,
            ExitCodes = "Exit codes: 0 stopped with Ctrl+C, 2 usage or configuration error (also: the port is taken).",
            Examples = ["serve", "serve --port 8080", "serve --config docs/site.yml"],
        };
        command.Options.Add(port);
        command.Options.Add(config);
        command.Options.Add(noColor);
        command.SetAction(parse => cx.Stop is { } stop
            ? Serve(parse.GetValue(port), parse.GetValue(config), parse.GetValue(noColor), cx, stop)
            : UntilCtrlC(stop => Serve(parse.GetValue(port), parse.GetValue(config), parse.GetValue(noColor), cx, stop)));
        return command;
    }

    /// <summary><c>serve</c> with <paramref name="args"/>, until <paramref name="stop"/> is cancelled (tests stop it this way).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDir, CancellationToken stop) =>
        CommandLine.Run(["serve", .. args], stdout, stderr, workingDir, stop);

    /// <summary>Runs <paramref name="serve"/> until Ctrl+C or SIGTERM.</summary>
    private static int UntilCtrlC(Func<CancellationToken, int> serve)
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
            return serve(stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Serve(int port, string? configOverride, bool noColorOption, CliContext cx, CancellationToken stop)
    {
        var (stderr, workingDir) = (cx.Stderr, cx.WorkingDir);
        var terminal = Terminal.For(stderr, noColorOption);
        var log = TextWriter.Synchronized(stderr);

        // The session (site.yml, then the warm start's proof or the site's load) opens on its own thread while the server starts.
        var opening = Task.Run(() => new ServeSession(configOverride, workingDir, log, terminal));
        LiveServer server;
        try
        {
            server = LiveServer.StartAsync(opening, workingDir, port, stop).GetAwaiter().GetResult();
        }
        catch (PortInUseException e)
        {
            throw new UsageException(e.Message);
        }
        catch (OperationCanceledException)
        {
            return CommandLine.Ok;
        }
        ServeSession session;
        try
        {
            session = opening.GetAwaiter().GetResult();
        }
        catch
        {
            server.StopAsync().GetAwaiter().GetResult();
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
        using (new SiteWatcher(() => session.Config, TimeSpan.FromMilliseconds(40), session.OnChange))
        {
            // After the watcher starts: a file saved while the site loads is either read by the load or seen as a change.
            session.StartLoading();
            log.WriteLine($"serving {Path.GetRelativePath(workingDir, session.Config.SiteDir)} at http://127.0.0.1:{port}/ — Ctrl+C to stop");
            stop.WaitHandle.WaitOne();
            log.WriteLine("stopping");
        }
        server.StopAsync().GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return CommandLine.Ok;
    }
}
