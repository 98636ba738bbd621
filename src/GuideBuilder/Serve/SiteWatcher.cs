using System.Collections.Concurrent;
using GuideBuilder.Load;

namespace GuideBuilder.Cli.Serve;

/// <summary>
/// Watches site.yml, the content folder and the templates folder, and hands the changed paths to a
/// callback in batches: a batch closes once no event has arrived for the debounce interval, so an
/// editor's save (write, rename, attribute change) becomes one rebuild. Paths inside the output
/// folder and hidden files (editor swap files, staging folders) are ignored.
/// </summary>
public sealed class SiteWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly string _output;
    private readonly string _configFile;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SiteWatcher(SiteConfig config, TimeSpan debounce, Action<IReadOnlyCollection<string>> onChange)
    {
        _output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(config.OutputDir)) + Path.DirectorySeparatorChar;
        // The site folder itself only for site.yml and a templates folder that appears later.
        _configFile = Path.GetFullPath(config.ConfigFile, config.SiteDir);
        var templates = Path.TrimEndingDirectorySeparator(Path.GetFullPath(config.TemplatesDir));
        Watch(config.SiteDir, recursive: false, p => p == _configFile || p == templates);
        if (Directory.Exists(config.ContentDir)) Watch(config.ContentDir, recursive: true, _ => true);
        if (Directory.Exists(config.TemplatesDir)) Watch(config.TemplatesDir, recursive: true, _ => true);
        _loop = Task.Run(() => Loop(debounce, onChange));
    }

    private void Watch(string dir, bool recursive, Func<string, bool> wanted)
    {
        var w = new FileSystemWatcher(dir)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        void Add(string path)
        {
            if (wanted(path)) this.Add(path);
        }
        w.Changed += (_, e) => Add(e.FullPath);
        w.Created += (_, e) => Add(e.FullPath);
        w.Deleted += (_, e) => Add(e.FullPath);
        w.Renamed += (_, e) =>
        {
            Add(e.OldFullPath);
            Add(e.FullPath);
        };
        // Lost events (buffer overflow): treat as "everything may have changed".
        w.Error += (_, _) => this.Add(_configFile);
        w.EnableRaisingEvents = true;
        _watchers.Add(w);
    }

    private void Add(string fullPath)
    {
        if (fullPath.StartsWith(_output, StringComparison.Ordinal) || fullPath + Path.DirectorySeparatorChar == _output) return;
        var name = Path.GetFileName(fullPath);
        if (name.StartsWith('.') || name.EndsWith('~') || name.EndsWith(".swp", StringComparison.Ordinal) || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase)) return;
        _pending[fullPath] = 0;
        _signal.Release();
    }

    private async Task Loop(TimeSpan debounce, Action<IReadOnlyCollection<string>> onChange)
    {
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _signal.WaitAsync(token);
                // Quiet period: keep waiting while events keep coming.
                while (await _signal.WaitAsync(debounce, token))
                {
                }
                var batch = _pending.Keys.ToList();
                foreach (var p in batch) _pending.TryRemove(p, out _);
                if (batch.Count > 0) onChange(batch);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        foreach (var w in _watchers) w.Dispose();
        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}
