using System.Diagnostics;
using System.Runtime.CompilerServices;
using GuideBuilder.Building;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace GuideBuilder.Cli;

/// <summary>
/// The progress display of a long build: after <see cref="Delay"/> a Spectre.Console progress line on stderr shows the
/// stage, how many of its guides (or files, or pages) are done, a bar and the time elapsed; it is cleared when the build
/// ends. Only on a terminal a person watches (<see cref="Terminal.Interactive"/>): never in a pipe, a file, CI, or
/// beside a JSON or SARIF report. Spectre.Console is loaded only when the display is shown, so a short or redirected
/// run pays nothing for it.
/// </summary>
public static class LiveProgress
{
    /// <summary>Builds shorter than this show nothing.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="work"/>; when <paramref name="wanted"/>, the terminal is interactive and the work outlasts
    /// <paramref name="delay"/> (default <see cref="Delay"/>), shows its <paramref name="progress"/> until it ends.
    /// An exception of the work is thrown here as it was thrown there.
    /// </summary>
    public static T Run<T>(Terminal terminal, bool wanted, string label, BuildProgress progress, Func<T> work, TimeSpan? delay = null)
    {
        if (!wanted || !terminal.Interactive) return work();
        var clock = Stopwatch.StartNew();
        var running = Task.Run(work);
        if (Task.WaitAny([running], delay ?? Delay) != 0) Show(terminal, label, progress, running, clock);
        return running.GetAwaiter().GetResult();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Show(Terminal terminal, string label, BuildProgress progress, Task running, Stopwatch clock)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = terminal.Color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(terminal.Output),
        });
        console.Progress()
            .AutoClear(true)
            .AutoRefresh(false)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new SinceStart(clock))
            .Start(context =>
            {
                var bar = context.AddTask(label, maxValue: 1);
                do
                {
                    var (stage, done, total, unit) = (progress.Stage, progress.Done, progress.Total, progress.Unit);
                    bar.Description = Markup.Escape(total > 0 ? $"{label}: {stage} {done}/{total} {unit}" : $"{label}: {stage}");
                    bar.MaxValue = Math.Max(1, total);
                    bar.Value = total > 0 ? done : 0;
                    context.Refresh();
                }
                while (Task.WaitAny([running], 100) != 0);
            });
    }

    /// <summary>Seconds since the build started (the library's elapsed column counts from when the display appeared).</summary>
    private sealed class SinceStart(Stopwatch clock) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text($"{clock.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s", new Style(Color.Blue));
    }
}
