namespace GuideBuilder.Cli;

/// <summary>
/// A one-line "building… 2.4 s" spinner on stderr for builds that take longer than a second. Shown
/// only when stderr is the real console and a terminal (never in pipes, CI logs or tests); the line
/// is erased when the build ends. No colour codes when colours are off.
/// </summary>
public sealed class Progress : IDisposable
{
    private static readonly string[] Frames = ["|", "/", "-", "\\"];
    private readonly TextWriter? _err;
    private readonly Timer? _timer;
    private readonly DateTime _start = DateTime.UtcNow;
    private readonly Terminal _terminal;
    private readonly object _lock = new();
    private int _frame;
    private bool _shown;
    private bool _done;

    private Progress(TextWriter? err, Terminal terminal)
    {
        _err = err;
        _terminal = terminal;
        if (err is not null) _timer = new Timer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(120));
    }

    /// <summary>Starts the display if <paramref name="stderr"/> is the console's stderr and a terminal; otherwise a no-op.</summary>
    public static Progress Start(TextWriter stderr, string label, Terminal terminal, bool quiet) =>
        new(!quiet && terminal.Interactive ? stderr : null, terminal) { Label = label };

    private string Label { get; init; } = "building";

    private void Tick()
    {
        lock (_lock)
        {
            if (_done || _err is null) return;
            var seconds = (DateTime.UtcNow - _start).TotalSeconds;
            var frame = Frames[_frame++ % Frames.Length];
            var text = $"{frame} {Label}… {seconds:0.0} s";
            _err.Write(_terminal.Overwrite(_terminal.Dim(text)));
            _err.Flush();
            _shown = true;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            _done = true;
            if (_shown && _err is not null) _err.Write(_terminal.EraseLine());
        }
    }
}
