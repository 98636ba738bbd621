using System.Collections.Concurrent;
using GuideBuilder.Load;

namespace GuideBuilder.Cli.Serve;

/// <summary>
/// Watches site.yml, the content folder and the templates folder, and hands the changed paths to a
/// callback in batches: a batch closes once no event has arrived for the debounce interval, so an
/// editor's save (write, rename, attribute change) becomes one rebuild. Paths inside the output
/// folder and hidden files (editor swap files, staging folders) are ignored. A content or templates
/// folder created, deleted or replaced after serve started (a checkout, a first template override)
/// is watched from then on, as are the folders a changed site.yml names.
/// </summary>
public sealed class SiteWatcher : IDisposable
{
    private readonly object _gate = new();
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Dictionary<string, FileSystemWatcher> _trees = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Func<SiteConfig> _config;
    private readonly string _output;
    private readonly string _configFile;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private bool _disposed;

    /// <param name="config">The current configuration, asked again after each batch: the folders to watch follow site.yml.</param>
    public SiteWatcher(Func<SiteConfig> config, TimeSpan debounce, Action<IReadOnlyCollection<string>> onChange)
    {
        _config = config;
        var c = config();
        _output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(c.OutputDir)) + Path.DirectorySeparatorChar;
        // The site folder itself, not recursively: site.yml, and the content and templates folders (or
        // a folder above them) appearing, vanishing or being replaced after serve started.
        _configFile = Path.GetFullPath(c.ConfigFile, c.SiteDir);
        _watchers.Add(Watch(c.SiteDir, recursive: false, p => p == _configFile || Roots().Any(r => r == p || r.StartsWith(p + Path.DirectorySeparatorChar, StringComparison.Ordinal))));
        Follow([]);
        _loop = Task.Run(() => Loop(debounce, onChange));
    }

    private IEnumerable<string> Roots()
    {
        var c = _config();
        yield return Path.TrimEndingDirectorySeparator(Path.GetFullPath(c.ContentDir));
        yield return Path.TrimEndingDirectorySeparator(Path.GetFullPath(c.TemplatesDir));
    }

    /// <summary>
    /// Keeps one recursive watcher on each of the content and templates folders that exist: starts one
    /// for a folder that appeared, restarts it for a folder that was replaced (its old watch died with
    /// it), and stops those of folders site.yml no longer names.
    /// </summary>
    private void Follow(IReadOnlyCollection<string> batch)
    {
        lock (_gate)
        {
            if (_disposed) return;
            var roots = Roots().Distinct().ToList();
            foreach (var stale in _trees.Keys.Where(k => !roots.Contains(k)).ToList())
            {
                _trees[stale].Dispose();
                _trees.Remove(stale);
            }
            foreach (var root in roots)
            {
                var touched = batch.Any(p => p == root || root.StartsWith(p + Path.DirectorySeparatorChar, StringComparison.Ordinal));
                if (_trees.TryGetValue(root, out var w) && (touched || !Directory.Exists(root)))
                {
                    w.Dispose();
                    _trees.Remove(root);
                }
                if (!_trees.ContainsKey(root) && Directory.Exists(root))
                {
                    try
                    {
                        _trees[root] = Watch(root, recursive: true, _ => true);
                    }
                    catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
                    {
                        // Gone again between the check and the watch; the next event retries.
                    }
                }
            }
        }
    }

    private FileSystemWatcher Watch(string dir, bool recursive, Func<string, bool> wanted)
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
        return w;
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
                if (batch.Count == 0) continue;
                // Watch a folder that just appeared before rebuilding, so files written into it meanwhile
                // make the next batch; then follow a site.yml that names other folders.
                Follow(batch);
                onChange(batch);
                Follow([]);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var w in _watchers.Concat(_trees.Values)) w.Dispose();
            _trees.Clear();
        }
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
