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
    private LiveSite _site;
    private IReadOnlyList<Diagnostic> _diagnostics = [];
    private IReadOnlyList<Diagnostic> _configWarnings = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BuiltOutput? _warm;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loading = Task.CompletedTask;
    private Action? _startLoading;

    /// <summary>
    /// Loads the site. When the build cache proves the last build's output current (<see cref="BuiltOutput.Find"/>),
    /// that output is served at once while the site loads in the background (a warm start); otherwise the site
    /// is loaded first.
    /// </summary>
    public ServeSession(string? configOverride, string workingDir, TextWriter log, ITextStyle style)
    {
        _configOverride = configOverride;
        _workingDir = workingDir;
        _log = log;
        _style = style;
        _site = Load();
        var checking = System.Diagnostics.Stopwatch.StartNew();
        if (BuiltOutput.Find(_site.Config) is { } built)
        {
            _warm = built;
            _diagnostics = _configWarnings.Concat(built.Diagnostics).ToList();
            _log.WriteLine($"serving the last build ({built.Pages} {(built.Pages == 1 ? "page" : "pages")}, found current in {checking.ElapsedMilliseconds} ms) while the site loads");
            var site = _site;
            _loading = _loaded.Task;
            _startLoading = () => Task.Run(() =>
            {
                try
                {
                    Warm(site);
                }
                finally
                {
                    _loaded.TrySetResult();
                }
            });
            return;
        }
        var first = _site.Build();
        _diagnostics = _configWarnings.Concat(_site.Diagnostics()).ToList();
        Report(first, _diagnostics, []);
    }

    /// <summary>
    /// Starts loading the site behind a warm start (once; nothing to do otherwise). The command calls it once the server
    /// listens, so the load does not slow the server's start; anything that needs the loaded site calls it too.
    /// </summary>
    public void StartLoading() => Interlocked.Exchange(ref _startLoading, null)?.Invoke();

    /// <summary>True while the last build's output is served and the site is still loading.</summary>
    public bool Warming
    {
        get
        {
            lock (_gate) return _warm is not null;
        }
    }

    /// <summary>Loads the site behind a warm start, then serves it instead of the built output (open pages reload).</summary>
    private void Warm(LiveSite site)
    {
        LiveUpdate first;
        try
        {
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

    public SiteConfig Config => _site.Config;

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

    private LiveSite Load()
    {
        var path = SiteConfigLoader.Locate(_configOverride, _workingDir);
        var warnings = new DiagnosticBag();
        var config = SiteConfigLoader.Load(path, warnings);
        _configWarnings = warnings.Sorted();
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
        StartLoading();
        _loading.Wait();   // an edit during a warm start is applied to the loaded site
        lock (_gate)
        {
            var before = _diagnostics;
            try
            {
                var configFile = Path.GetFullPath(_site.Config.ConfigFile, _site.Config.SiteDir);
                LiveUpdate? update;
                if (paths.Any(p => Path.GetFullPath(p) == configFile) || ConfigErrors.Count > 0)
                {
                    var site = Load();
                    update = site.Build();
                    _site.Close();
                    _site = site;
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
            version = Version;
            if (_warm is null) return _site.Get(urlPath);
            if (_warm.Get(urlPath) is { } built) return built;
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
            if (_warm is null) return _site.IsFolder(urlPath);
            if (_warm.IsFolder(urlPath)) return true;
            if (_loading.IsCompleted) return false;
        }
        StartLoading();
        _loading.Wait();
        return IsFolder(urlPath);
    }

    /// <summary>The diagnostics report the overlay shows: the contract's JSON report (site.yml errors first) plus the version.</summary>
    public string DiagnosticsJson()
    {
        lock (_gate)
        {
            var all = ConfigErrors.Concat(_diagnostics).ToList();
            var summary = new ReportSummary(_warm?.Pages ?? _site.Pages, all.Count(d => d.Severity == Severity.Error), all.Count(d => d.Severity == Severity.Warning), 0, 0);
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
            ? $"built {_site.Pages} {(_site.Pages == 1 ? "page" : "pages")}"
            : $"rebuilt ({update.Read} read, {update.Validated} checked)";
        var tail = fixedCount > 0 ? $", {fixedCount} fixed" : "";
        _log.WriteLine($"{what} in {update.ElapsedMs} ms — {errors} error(s), {warnings} warning(s){tail}");
    }

    private string Colour(string line, Severity severity) => _style.Severity(severity, line);
}
