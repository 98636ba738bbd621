using GuideBuilder.Building;
using GuideBuilder.Diagnostics;
using GuideBuilder.Load;

namespace GuideBuilder.Cli.Serve;

/// <summary>
/// The state of one <c>serve</c> run: the in-memory site, its diagnostics, and a version number that
/// goes up after every rebuild (browsers reload when it moves). One lock guards the site: requests
/// and rebuilds take turns. A broken site.yml keeps the last good site and shows the error instead.
/// </summary>
public sealed class ServeSession
{
    private readonly object _gate = new();
    private readonly string? _configOverride;
    private readonly string _workingDir;
    private readonly TextWriter _log;
    private readonly ITextStyle _style;
    private LiveSite? _site;
    private SiteConfig _config;
    private IReadOnlyList<Diagnostic> _diagnostics = [];
    private IReadOnlyList<Diagnostic> _configWarnings = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BuiltOutput? _warm;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loading = Task.CompletedTask;
    private Action? _startLoading;
    // Changes seen during a warm start and not yet applied to the loaded site: the built output is not served meanwhile.
    private int _pending;

    /// <summary>
    /// Loads the site. When the build cache proves the last build's output current (<see cref="BuiltOutput.Find"/>),
    /// that output is served at once while the site loads in the background (a warm start): only site.yml is read
    /// before the proof, and nothing of the site is made until the load. Otherwise the site is loaded first.
    /// </summary>
    public ServeSession(string? configOverride, string workingDir, TextWriter log, ITextStyle style)
    {
        _configOverride = configOverride;
        _workingDir = workingDir;
        _log = log;
        _style = style;
        _config = LoadConfig();
        var checking = System.Diagnostics.Stopwatch.StartNew();
        if (BuiltOutput.Find(_config) is { } built)
        {
            _warm = built;
            _diagnostics = _configWarnings.Concat(built.Diagnostics).ToList();
            _log.WriteLine($"serving the last build ({built.Pages} {(built.Pages == 1 ? "page" : "pages")}, found current in {checking.ElapsedMilliseconds} ms) while the site loads");
            var config = _config;
            _loading = _loaded.Task;
            _startLoading = () => Task.Run(() =>
            {
                try
                {
                    Warm(config);
                }
                finally
                {
                    _loaded.TrySetResult();
                }
            });
            return;
        }
        _site = NewSite(_config);
        var first = _site.Build();
        _diagnostics = _configWarnings.Concat(_site.Diagnostics()).ToList();
        Report(first, _diagnostics, []);
    }

    /// <summary>
    /// Starts loading the site behind a warm start (once; nothing to do otherwise). The command calls it once the server
    /// listens, so the load does not slow the server's start; anything that needs the loaded site calls it too.
    /// </summary>
    public void StartLoading() => Interlocked.Exchange(ref _startLoading, null)?.Invoke();

    /// <summary>Changes seen and not yet applied: during a warm start, while the site loads; no request is answered meanwhile.</summary>
    public int PendingChanges
    {
        get
        {
            lock (_gate) return _pending;
        }
    }

    /// <summary>True while the last build's output is served and the site is still loading.</summary>
    public bool Warming
    {
        get
        {
            lock (_gate) return _warm is not null;
        }
    }

    /// <summary>Loads the site behind a warm start, then serves it instead of the built output (open pages reload).</summary>
    private void Warm(SiteConfig config)
    {
        LiveUpdate first;
        LiveSite site;
        try
        {
            site = NewSite(config);
            lock (_gate) _site ??= site;
            first = site.Build();
        }
        catch (ConfigException e)
        {
            lock (_gate)
            {
                ConfigErrors = e.Diagnostics;
                foreach (var d in e.Diagnostics) _log.WriteLine(Colour(ReportFormatter.Line(d), d.Severity));
            }
            return;
        }
        lock (_gate)
        {
            if (!ReferenceEquals(site, _site)) return;
            _warm = null;
            _diagnostics = _configWarnings.Concat(site.Diagnostics()).ToList();
            Report(first, _diagnostics, []);
            Version++;
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public SiteConfig Config
    {
        get
        {
            lock (_gate) return _config;
        }
    }

    /// <summary>Goes up by one after every rebuild.</summary>
    public long Version { get; private set; } = 1;

    /// <summary>Why site.yml no longer loads (config.invalid diagnostics); empty while it loads.</summary>
    public IReadOnlyList<Diagnostic> ConfigErrors { get; private set; } = [];

    /// <summary>Completes at the next rebuild.</summary>
    public Task Changed
    {
        get
        {
            lock (_gate) return _changed.Task;
        }
    }

    /// <summary>Reads site.yml (its warnings kept for the report).</summary>
    private SiteConfig LoadConfig()
    {
        var path = SiteConfigLoader.Locate(_configOverride, _workingDir);
        var warnings = new DiagnosticBag();
        var config = SiteConfigLoader.Load(path, warnings);
        _configWarnings = warnings.Sorted();
        return config;
    }

    private LiveSite NewSite(SiteConfig config)
    {
        var site = new LiveSite(config, new BuildOptions { Write = false, Drafts = true, LiveReload = true });
        site.OutputChecked += () => Task.Run(() => OnOutputChecked(site));
        return site;
    }

    /// <summary>The links the templates wrote were checked again after a change: new findings are printed and shown.</summary>
    private void OnOutputChecked(LiveSite site)
    {
        lock (_gate)
        {
            if (!ReferenceEquals(site, _site) || _warm is not null) return;
            var before = _diagnostics;
            _diagnostics = _configWarnings.Concat(site.Diagnostics()).ToList();
            if (before.SequenceEqual(_diagnostics)) return;
            var old = new HashSet<Diagnostic>(before);
            foreach (var d in _diagnostics.Where(d => !old.Contains(d) && d.Severity >= Severity.Warning)) _log.WriteLine(Colour(ReportFormatter.Line(d), d.Severity));
            Version++;
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Rebuilds after the watcher saw <paramref name="paths"/> change, prints what happened, and wakes the browsers.</summary>
    public void OnChange(IReadOnlyCollection<string> paths)
    {
        // An edit during a warm start is applied to the loaded site; until then no request is answered from the built
        // output, which the edit may have made stale.
        lock (_gate) _pending++;
        StartLoading();
        _loading.Wait();
        lock (_gate)
        {
            try
            {
                Apply(paths);
            }
            finally
            {
                _pending--;
                Monitor.PulseAll(_gate);
            }
        }
    }

    private void Apply(IReadOnlyCollection<string> paths)
    {
        {
            var before = _diagnostics;
            try
            {
                var configFile = Path.GetFullPath(_config.ConfigFile, _config.SiteDir);
                LiveUpdate? update;
                if (paths.Any(p => Path.GetFullPath(p) == configFile) || ConfigErrors.Count > 0 || _site is null)
                {
                    var config = LoadConfig();
                    var site = NewSite(config);
                    update = site.Build();
                    _site?.Close();
                    (_site, _config) = (site, config);
                    _warm = null;
                    ConfigErrors = [];
                }
                else
                {
                    update = _site.Update(paths);
                    if (update is null) return;
                }
                _diagnostics = _configWarnings.Concat(_site.Diagnostics()).ToList();
                Report(update, _diagnostics, before);
            }
            catch (ConfigException e)
            {
                ConfigErrors = e.Diagnostics;
                foreach (var d in e.Diagnostics) _log.WriteLine(Colour(ReportFormatter.Line(d), d.Severity));
                _log.WriteLine("serving the last good build until site.yml is fixed");
            }
            Version++;
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The file at <paramref name="urlPath"/>, rendered if need be.</summary>
    public SiteFile? Get(string urlPath) => Get(urlPath, out _);

    /// <summary>The file at <paramref name="urlPath"/> and the version of the build it comes from.</summary>
    public SiteFile? Get(string urlPath, out long version)
    {
        lock (_gate)
        {
            WaitForPendingChanges();
            version = Version;
            if (_warm is null && _site is not null) return _site.Get(urlPath);
            if (_warm?.Get(urlPath) is { } built) return built;
            if (_loading.IsCompleted) return null;   // the site could not be loaded: only the built output is served
        }
        // Not in the last build (a draft, or nothing): the loaded site has the answer.
        StartLoading();
        _loading.Wait();
        return Get(urlPath, out version);
    }

    public bool IsFolder(string urlPath)
    {
        lock (_gate)
        {
            WaitForPendingChanges();
            if (_warm is null && _site is not null) return _site.IsFolder(urlPath);
            if (_warm?.IsFolder(urlPath) == true) return true;
            if (_loading.IsCompleted) return false;
        }
        StartLoading();
        _loading.Wait();
        return IsFolder(urlPath);
    }

    /// <summary>Holding the gate: waits until the changes seen so far are applied (they are only during a warm start).</summary>
    private void WaitForPendingChanges()
    {
        while (_pending > 0) Monitor.Wait(_gate);
    }

    /// <summary>The diagnostics report the overlay shows: the contract's JSON report (site.yml errors first) plus the version.</summary>
    public string DiagnosticsJson()
    {
        lock (_gate)
        {
            var all = ConfigErrors.Concat(_diagnostics).ToList();
            var summary = new ReportSummary(_warm?.Pages ?? _site?.Pages ?? 0, all.Count(d => d.Severity == Severity.Error), all.Count(d => d.Severity == Severity.Warning), 0, 0);
            var head = new System.Text.Json.Nodes.JsonObject { ["version"] = Version };
            return ReportFormatter.ToJson(ReportFormatter.JsonReport(all, summary, head));
        }
    }

    private void Report(LiveUpdate update, IReadOnlyList<Diagnostic> now, IReadOnlyList<Diagnostic> before)
    {
        var old = new HashSet<Diagnostic>(before);
        var added = now.Where(d => !old.Contains(d) && d.Severity >= Severity.Warning).ToList();
        var fixedCount = before.Count(d => d.Severity >= Severity.Warning) - now.Count(d => d.Severity >= Severity.Warning) + added.Count;
        foreach (var d in added) _log.WriteLine(Colour(ReportFormatter.Line(d), d.Severity));
        var errors = now.Count(d => d.Severity == Severity.Error);
        var warnings = now.Count(d => d.Severity == Severity.Warning);
        var what = update.Structural && before.Count == 0 && Version == 1
            ? $"built {_site!.Pages} {(_site.Pages == 1 ? "page" : "pages")}"
            : $"rebuilt ({update.Read} read, {update.Validated} checked)";
        var tail = fixedCount > 0 ? $", {fixedCount} fixed" : "";
        _log.WriteLine($"{what} in {update.ElapsedMs} ms — {errors} error(s), {warnings} warning(s){tail}");
    }

    private string Colour(string line, Severity severity) => _style.Severity(severity, line);
}
