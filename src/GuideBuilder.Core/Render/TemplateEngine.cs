using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
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
            }
            _cache[name] = template;
            return template;
        }
    }

    /// <summary>Renders <paramref name="name"/> with <paramref name="globals"/>; null (with a diagnostic) on error.</summary>
    public string? Render(string name, IReadOnlyDictionary<string, object?> globals)
    {
        var script = new ScriptObject();
        foreach (var (k, v) in globals) script[k] = v;
        return Render(name, script);
    }

    /// <summary>
    /// Renders <paramref name="name"/> with the variables of <paramref name="globals"/>; null (with a diagnostic)
    /// on error. The render may add variables to <paramref name="globals"/>, so a caller that reuses the object
    /// clears it first.
    /// </summary>
    public string? Render(string name, ScriptObject globals) => Render(name, globals, null);

    /// <summary>
    /// Renders <paramref name="name"/> with <paramref name="globals"/>, then <paramref name="layout"/> with
    /// <paramref name="layoutGlobals"/> plus <c>body</c> = the first render's text; null (with a diagnostic) on
    /// error. Same result as two <see cref="Render(string, ScriptObject)"/> calls, but when the layout only ever
    /// prints <c>{{ body }}</c> the body is copied from buffer to buffer instead of becoming a string first.
    /// </summary>
    public string? RenderInLayout(string name, ScriptObject globals, string layout, ScriptObject layoutGlobals)
    {
        var body = _bodies.Value ??= new PageBody();
        body.Builder.Clear();
        try
        {
            if (Render(name, globals, body.Output) is null) return null;
            var layoutTemplate = Get(layout);
            layoutGlobals["body"] = layoutTemplate is not null && PrintsBodyOnly(layoutTemplate) ? body : body.ToString();
            return Render(layout, layoutGlobals, null);
        }
        finally
        {
            layoutGlobals.Remove("body");
            if (body.Builder.Capacity > 1 << 20) _bodies.Value = null;
            else body.Builder.Clear();
        }
    }

    private readonly ThreadLocal<PageBody?> _bodies = new();
    private readonly ConditionalWeakTable<Template, object> _printsBodyOnly = new();

    /// <summary>
    /// True when every use of <c>body</c> in the layout is a bare <c>{{ body }}</c> and it includes nothing
    /// (a partial could use <c>body</c> in other ways): then the layout cannot tell a <see cref="PageBody"/>
    /// from the string.
    /// </summary>
    private bool PrintsBodyOnly(Template layout)
    {
        if (_printsBodyOnly.TryGetValue(layout, out var known)) return (bool)known;
        var ok = true;
        var stack = new Stack<ScriptNode>();
        if (layout.Page is not null) stack.Push(layout.Page);
        while (stack.Count > 0 && ok)
        {
            var node = stack.Pop();
            if (node is ScriptVariable v)
            {
                if (v.Name == "include") ok = false;
                else if (v.Name == "body") ok = v is ScriptVariableGlobal && node.Parent is ScriptExpressionStatement;
            }
            foreach (var child in node.Children) stack.Push(child);
        }
        _printsBodyOnly.AddOrUpdate(layout, ok);
        return ok;
    }

    private string? Render(string name, ScriptObject globals, IScriptOutput? output)
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
        if (output is not null) context.PushOutput(output);
        try
        {
            var html = template.Render(context);
            if (output is not null) context.PopOutput();
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
            _diagnostics.Report(Rules.TemplateError, new SourceLocation(DisplayName(name), 1, 1),
                $"rendering took longer than {RenderTimeout.TotalSeconds:0} s and was stopped (an endless loop?)");
            return null;
        }
        catch (ScriptRuntimeException e)
        {
            _contexts.Value = null;
            _diagnostics.Report(Rules.TemplateError, new SourceLocation(DisplayName(e.Span.FileName ?? name), e.Span.Start.Line + 1, e.Span.Start.Column + 1), e.OriginalMessage);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            _contexts.Value = null;
            _diagnostics.Report(Rules.TemplateError, new SourceLocation(DisplayName(name), 1, 1), e.Message);
            return null;
        }
    }

    private readonly ThreadLocal<CancellationTokenSource?> _timeouts = new();

    private readonly ThreadLocal<TemplateContext?> _contexts = new();

    private TemplateContext NewContext() => new SandboxContext
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

    /// <summary>The text a page template rendered, waiting to be printed by the layout's <c>{{ body }}</c>.</summary>
    private sealed class PageBody
    {
        public StringBuilder Builder { get; } = new();
        public IScriptOutput Output { get; }
        public PageBody() => Output = new BodyOutput(Builder);
        public override string ToString() => Builder.ToString();
    }

    /// <summary>Collects a page template's output; its ToString is empty so Scriban does not copy the text into a string.</summary>
    private sealed class BodyOutput(StringBuilder builder) : IScriptOutput
    {
        public void Write(string text, int offset, int count) => builder.Append(text, offset, count);

        public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
        {
            Write(text, offset, count);
            return ValueTask.CompletedTask;
        }

        public override string ToString() => "";
    }

    /// <summary>The context pages render in: Scriban's, with two shortcuts that give the same output.</summary>
    private sealed class SandboxContext : TemplateContext
    {
        /// <summary>
        /// Prints a <see cref="PageBody"/> by appending its buffer, exactly as Scriban would print the string
        /// (same output limit accounting and new-line state); anything unusual (an indent, a limit about to
        /// be hit, another kind of output) goes through Scriban with the string.
        /// </summary>
        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (textAsObject is not PageBody body) return base.Write(span, textAsObject);
            var length = body.Builder.Length;
            var limit = (long)(OutputLimit ?? LimitToString);
            ref var written = ref CurrentOutputLength(this);
            // An empty indent (a {{ body }} at the start of a line) prints line by line the same text.
            if (CurrentIndent is { Length: > 0 } || Output is not StringBuilderOutput output || length >= LimitToString || (limit > 0 && length > limit - written))
            {
                return base.Write(span, body.ToString());
            }
            if (length == 0) return this;
            PreviousTextWasNewLine(this) = body.Builder[length - 1] == '\n';
            output.Builder.Append(body.Builder);
            written += length;
            return this;
        }

        /// <summary>
        /// A filter argument that already has the parameter's reference type is passed as it is (what Scriban
        /// ends up doing after a series of type checks that showed up in profiles).
        /// </summary>
        public override object? ToObject(SourceSpan span, object? value, Type destinationType)
        {
            if (value is not null && !destinationType.IsValueType && destinationType != typeof(string) && destinationType != typeof(System.Collections.IList)
                && value is not IScriptConvertibleTo && destinationType.IsInstanceOfType(value) && !typeof(IScriptConvertibleFrom).IsAssignableFrom(destinationType))
            {
                return value;
            }
            return base.ToObject(span, value, destinationType);
        }

        // Scriban's own bookkeeping for Write, kept exact when the body is appended directly.
        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_currentOutputLength")]
        private static extern ref long CurrentOutputLength(TemplateContext context);

        [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_previousTextWasNewLine")]
        private static extern ref bool PreviousTextWasNewLine(TemplateContext context);
    }
}
