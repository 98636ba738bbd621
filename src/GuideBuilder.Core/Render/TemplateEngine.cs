using System.Reflection;
using GuideBuilder.Diagnostics;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GuideBuilder.Render;

/// <summary>
/// Loads Scriban templates — the site's <c>templates/</c> folder first, file by file, then the
/// theme embedded in the tool — parses each once, and renders them with sandbox limits on.
/// Template errors become diagnostics with the template's file, line and column.
/// </summary>
public sealed class TemplateEngine : ITemplateLoader
{
    private const string EmbeddedPrefix = "theme/";
    private readonly string? _siteTemplates;
    private readonly string _siteDir;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, Template?> _cache = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    /// <summary>Longest one page may take to render; a template that loops forever is stopped.</summary>
    public static TimeSpan RenderTimeout { get; } = TimeSpan.FromMilliseconds(
        int.TryParse(Environment.GetEnvironmentVariable("GUIDEBUILDER_TEMPLATE_TIMEOUT_MS"), out var ms) && ms > 0 ? ms : 20_000);

    /// <summary>Most characters one rendered page may hold.</summary>
    public const int MaxOutputChars = 64_000_000;

    public TemplateEngine(string templatesDir, string siteDir, DiagnosticBag diagnostics)
    {
        _siteTemplates = Directory.Exists(templatesDir) ? Path.GetFullPath(templatesDir) : null;
        _siteDir = siteDir;
        _diagnostics = diagnostics;
    }

    /// <summary>Names of the embedded theme's files (templates and assets), '/'-separated.</summary>
    public static IEnumerable<string> EmbeddedFiles() =>
        typeof(TemplateEngine).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(EmbeddedPrefix, StringComparison.Ordinal))
            .Select(n => n[EmbeddedPrefix.Length..]);

    /// <summary>Bytes of a theme file: the site's override if present, else the embedded one.</summary>
    public byte[]? ReadThemeFile(string name)
    {
        var local = LocalPath(name);
        if (local is not null && File.Exists(local)) return File.ReadAllBytes(local);
        using var stream = typeof(TemplateEngine).Assembly.GetManifestResourceStream(EmbeddedPrefix + name);
        if (stream is null) return null;
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }

    private ThemeLabels? _labels;

    /// <summary>The theme's labels (<c>labels.yml</c>, the site's merged over the theme's), read once.</summary>
    public ThemeLabels Labels
    {
        get
        {
            lock (_lock) return _labels ??= new ThemeLabels(this, _diagnostics);
        }
    }

    /// <summary>The theme's own <c>labels.yml</c> (embedded), with the name diagnostics give it.</summary>
    public static (string Name, string Text) ThemeLabelFile()
    {
        using var stream = typeof(TemplateEngine).Assembly.GetManifestResourceStream(EmbeddedPrefix + "labels.yml")
            ?? throw new InvalidOperationException("the theme's labels.yml is not embedded in the build");
        return ("(theme)/labels.yml", new StreamReader(stream).ReadToEnd());
    }

    /// <summary>The theme's <c>labels.yml</c>, then the site's own if it has one, each with the name diagnostics give it.</summary>
    public IEnumerable<(string Name, string Text)> LabelFiles()
    {
        yield return ThemeLabelFile();
        if (LocalPath("labels.yml") is { } local && File.Exists(local))
        {
            yield return (DisplayName("labels.yml"), File.ReadAllText(local).TrimStart('\uFEFF'));
        }
    }

    /// <summary>Theme asset names (under <c>assets/</c>) from the embedded theme and the site's folder.</summary>
    public IEnumerable<string> AssetNames()
    {
        var names = new SortedSet<string>(EmbeddedFiles().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)), StringComparer.Ordinal);
        if (_siteTemplates is not null && Directory.Exists(Path.Combine(_siteTemplates, "assets")))
        {
            foreach (var f in Directory.EnumerateFiles(Path.Combine(_siteTemplates, "assets"), "*", SearchOption.AllDirectories))
            {
                names.Add(Path.GetRelativePath(_siteTemplates, f).Replace('\\', '/'));
            }
        }
        return names;
    }

    private string? LocalPath(string name)
    {
        if (_siteTemplates is null) return null;
        var full = Path.GetFullPath(Path.Combine(_siteTemplates, name));
        return full.StartsWith(_siteTemplates + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private string DisplayName(string name)
    {
        var local = LocalPath(name);
        return local is not null && File.Exists(local)
            ? Path.GetRelativePath(_siteDir, local).Replace('\\', '/')
            : "(theme)/" + name;
    }

    private string? ReadText(string name)
    {
        var bytes = ReadThemeFile(name);
        return bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
    }

    /// <summary>The parsed template, or null (with a diagnostic) when it is missing or does not parse.</summary>
    public Template? Get(string name)
    {
        lock (_lock)
        {
            if (_cache.TryGetValue(name, out var cached)) return cached;
            var text = ReadText(name);
            Template? template = null;
            if (text is null)
            {
                _diagnostics.Report(Rules.TemplateError, new SourceLocation(DisplayName(name), 0, 0), $"template '{name}' not found");
            }
            else
            {
                template = Template.Parse(text, name);
                if (template.HasErrors)
                {
                    foreach (var m in template.Messages)
                    {
                        _diagnostics.Report(Rules.TemplateError, new SourceLocation(DisplayName(name), m.Span.Start.Line + 1, m.Span.Start.Column + 1), m.Message);
                    }
                    template = null;
                }
                else
                {
                    foreach (var (span, message) in new TemplateNameCheck(Builtins, ThemeLocals()).Check(template))
                    {
                        var where = new SourceLocation(DisplayName(name), span.Start.Line + 1, span.Start.Column + 1);
                        _diagnostics.Report(Rules.TemplateName, where, message);
                        lock (_reported) _nameLines.Add((where.File, where.Line));
                    }
                }
            }
            _cache[name] = template;
            return template;
        }
    }

    /// <summary>Scriban's built-in objects and functions (<c>html</c>, <c>string</c>, <c>include</c>, …), as every render context has them.</summary>
    private static readonly ScriptObject Builtins = new TemplateContext().BuiltinObject;

    private HashSet<string>? _themeLocals;

    /// <summary>
    /// The names any template of the theme sets (loop variables, assignments, captures, functions): a partial
    /// sees the variables of the template that includes it, so they are known in every template.
    /// </summary>
    private HashSet<string> ThemeLocals()
    {
        if (_themeLocals is not null) return _themeLocals;
        var names = new SortedSet<string>(EmbeddedFiles(), StringComparer.Ordinal);
        if (_siteTemplates is not null)
        {
            foreach (var f in Directory.EnumerateFiles(_siteTemplates, "*.html", SearchOption.AllDirectories))
            {
                names.Add(Path.GetRelativePath(_siteTemplates, f).Replace('\\', '/'));
            }
        }
        var locals = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => n.EndsWith(".html", StringComparison.Ordinal) && !n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            if (ReadText(name) is not { } text) continue;
            var parsed = Template.Parse(text, name);
            if (!parsed.HasErrors) locals.UnionWith(TemplateNameCheck.LocalsOf(parsed));
        }
        return _themeLocals = locals;
    }

    /// <summary>
    /// Renders <paramref name="name"/> with the variables of <paramref name="globals"/>; null (with a diagnostic)
    /// on error. The render may add variables to <paramref name="globals"/>, so a caller that reuses the object
    /// clears it first.
    /// </summary>
    public string? Render(string name, ScriptObject globals)
    {
        var template = Get(name);
        if (template is null) return null;
        // A TemplateContext builds Scriban's whole builtin library when created, so each thread keeps
        // one and reuses it; a render that fails drops it, so no half-pushed state leaks into the next.
        // The timeout's source is kept too: re-arming it is cheaper than a new source and timer per page.
        var timeout = _timeouts.Value;
        if (timeout is null || !timeout.TryReset()) _timeouts.Value = timeout = new CancellationTokenSource();
        timeout.CancelAfter(RenderTimeout);
        var context = _contexts.Value ??= NewContext();
        context.CancellationToken = timeout.Token;
        context.PushGlobal(globals);
        try
        {
            var html = template.Render(context);
            context.PopGlobal();
            return html;
        }
        catch (AlreadyReportedException)
        {
            _contexts.Value = null;
            return null;
        }
        catch (ScriptAbortException) when (timeout.IsCancellationRequested)
        {
            _contexts.Value = null;
            RenderError(new SourceLocation(DisplayName(name), 1, 1),
                $"rendering took longer than {RenderTimeout.TotalSeconds:0} s and was stopped (an endless loop?)");
            return null;
        }
        catch (ScriptRuntimeException e)
        {
            _contexts.Value = null;
            RenderError(new SourceLocation(DisplayName(e.Span.FileName ?? name), e.Span.Start.Line + 1, e.Span.Start.Column + 1), e.OriginalMessage);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            _contexts.Value = null;
            RenderError(new SourceLocation(DisplayName(name), 1, 1), e.Message);
            return null;
        }
    }

    // Errors found while rendering, by place and message, with how many renders failed there: one diagnostic
    // each (see ReportRenderErrors), not one per page.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(SourceLocation Where, string Message), int> _renderErrors = new();
    private readonly HashSet<(SourceLocation, string)> _reported = [];
    // Lines whose names were found wrong when the template loaded: what fails there at render time is the same mistake.
    private readonly HashSet<(string File, int Line)> _nameLines = [];

    /// <summary>True when a name on that template line was reported when the template loaded.</summary>
    public bool HasNameProblem(string file, int line)
    {
        lock (_reported) return _nameLines.Contains((file, line));
    }

    private void RenderError(SourceLocation where, string message) => _renderErrors.AddOrUpdate((where, message), 1, (_, n) => n + 1);

    /// <summary>
    /// Reports each template error met while rendering once, at its place, with the number of pages it stopped;
    /// an error already reported is not reported again. Call after rendering (and before deciding to publish).
    /// </summary>
    public void ReportRenderErrors()
    {
        lock (_reported)
        {
            foreach (var ((where, message), count) in _renderErrors.OrderBy(e => e.Key.Where.Line).ThenBy(e => e.Key.Where.Column))
            {
                if (_nameLines.Contains((where.File, where.Line)) || !_reported.Add((where, message))) continue;
                _diagnostics.Report(Rules.TemplateError, where, count == 1 ? message + " (1 page not rendered)" : $"{message} ({count} pages not rendered)");
            }
        }
    }

    private readonly ThreadLocal<CancellationTokenSource?> _timeouts = new();

    private readonly ThreadLocal<TemplateContext?> _contexts = new();

    /// <summary>Starts a page on this thread: what its templates write is recorded afresh (see <see cref="WriterOf"/>).</summary>
    public void BeginPage() => (_contexts.Value as RecordingContext)?.Writes.Clear();

    /// <summary>
    /// The template place that most likely wrote <paramref name="url"/> into the page last rendered on this
    /// thread: the expression whose text is the URL (or the longest part of it) on a template line that also
    /// holds the rest of it; else the first template line holding the URL as written; else the page template.
    /// </summary>
    public SourceLocation WriterOf(string url, string pageTemplate)
    {
        var writes = (_contexts.Value as RecordingContext)?.Writes ?? [];
        (SourceSpan Span, int Score)? best = null;
        var used = new List<string> { pageTemplate, "layout.html" };
        foreach (var (span, value) in writes)
        {
            if (span.FileName is { } file && !used.Contains(file)) used.Add(file);
            if (value is not string text || text.Length == 0 || text.Length > url.Length) continue;
            var at = url.IndexOf(text, StringComparison.Ordinal);
            if (at < 0) continue;
            var rest = url.Remove(at, text.Length);
            var line = SourceLine(span.FileName, span.Start.Line);
            var score = text.Length + (rest.Length == 0 || (line is not null && line.Contains(rest, StringComparison.Ordinal)) ? 100_000 : 0);
            if (best is null || score > best.Value.Score) best = (span, score);
        }
        if (best is { Span: var found }) return new SourceLocation(DisplayName(found.FileName ?? pageTemplate), found.Start.Line + 1, found.Start.Column + 1);
        foreach (var file in used)
        {
            var lines = Lines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var column = lines[i].IndexOf(url, StringComparison.Ordinal);
                if (column >= 0) return new SourceLocation(DisplayName(file), i + 1, column + 1);
            }
        }
        return new SourceLocation(DisplayName(pageTemplate), 0, 0);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _lines = new(StringComparer.Ordinal);

    private string[] Lines(string name) => _lines.GetOrAdd(name, n => (ReadText(n) ?? "").Split('\n'));

    private string? SourceLine(string? name, int line) => name is not null && Lines(name) is { } lines && line >= 0 && line < lines.Length ? lines[line] : null;

    /// <summary>A render context that remembers what each expression wrote, and where it is in its template.</summary>
    private sealed class RecordingContext : TemplateContext
    {
        // Scriban writes an expression's value right after evaluating its statement, passing the span of the
        // enclosing block: the statement last evaluated is the one that wrote.
        private SourceSpan _statement;

        public List<(SourceSpan Span, object? Value)> Writes { get; } = [];

        public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
        {
            if (scriptNode is ScriptExpressionStatement statement) _statement = statement.Span;
            return base.Evaluate(scriptNode, aliasReturnedFunction);
        }

        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            Writes.Add((_statement.FileName is null ? span : _statement, textAsObject));
            return base.Write(span, textAsObject);
        }
    }

    private TemplateContext NewContext() => new RecordingContext
    {
        TemplateLoader = this,
        LoopLimit = 100_000,
        RecursiveLimit = 64,
        LimitToString = MaxOutputChars,
        OutputLimit = MaxOutputChars,
        OnOutputLimit = ScriptLimitBehavior.Throw,
        StrictVariables = false,
        EnableRelaxedMemberAccess = true,
        MemberRenamer = StandardMemberRenamer.Default,
    };

    string ITemplateLoader.GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
    {
        var clean = templateName.Replace('\\', '/');
        if (clean.StartsWith('/') || clean.Split('/').Any(s => s == ".."))
        {
            throw new ScriptRuntimeException(callerSpan, $"include '{templateName}' must name a file inside the templates folder");
        }
        return clean;
    }

    string ITemplateLoader.Load(TemplateContext context, SourceSpan callerSpan, string templatePath)
    {
        var text = ReadText(templatePath) ?? throw new ScriptRuntimeException(callerSpan, $"include '{templatePath}' not found in the templates folder or the theme");
        // Parse here too, so a broken partial is reported once at its own file, line and column
        // rather than once per page at every place that includes it.
        if (Get(templatePath) is null) throw new AlreadyReportedException(callerSpan);
        return text;
    }

    /// <summary>Stops a render whose cause has already been reported as a diagnostic.</summary>
    private sealed class AlreadyReportedException(SourceSpan span) : ScriptRuntimeException(span, "template has errors (reported)");

    ValueTask<string?> ITemplateLoader.LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
        ValueTask.FromResult<string?>(((ITemplateLoader)this).Load(context, callerSpan, templatePath));
}
