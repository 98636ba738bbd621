using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using GuideBuilder.Load;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GuideBuilder.Render;

/// <summary>
/// The names templates can use, from the model's own types: the variables the site's pages are rendered with
/// (<see cref="Globals"/>) and each model type's fields in Scriban's snake_case. One list, read by the name
/// check below, by the page renderer and by the README's model reference test.
/// </summary>
public static class TemplateModelNames
{
    /// <summary>Every variable a template is given, with its type (<c>item</c> is the card partial's loop variable).</summary>
    public static IReadOnlyDictionary<string, Type> Globals { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["site"] = typeof(SiteModel),
        ["root"] = typeof(string),
        ["home"] = typeof(string),
        ["page"] = typeof(PageModel),
        ["item"] = typeof(PageModel),
        ["pages"] = typeof(IReadOnlyList<PageModel>),
        ["total"] = typeof(int),
        ["term"] = typeof(TermModel),
        ["terms"] = typeof(IReadOnlyList<TermModel>),
        ["kind"] = typeof(string),
        ["pager"] = typeof(PagerModel),
        ["body"] = typeof(string),
        ["title"] = typeof(string),
        ["description"] = typeof(string),
        ["canonical"] = typeof(string),
        ["labels"] = typeof(LabelsModel),
    };

    // Each model type named once, through Properties: its public properties are then kept for reflection in a
    // trimmed (native) build too, where Scriban reads them by name while rendering and no code may call a getter.
    private static readonly Dictionary<Type, Dictionary<string, Type>> Fields = new()
    {
        [typeof(SiteModel)] = Properties(typeof(SiteModel)),
        [typeof(PageModel)] = Properties(typeof(PageModel)),
        [typeof(TermModel)] = Properties(typeof(TermModel)),
        [typeof(PagerModel)] = Properties(typeof(PagerModel)),
        [typeof(PageLink)] = Properties(typeof(PageLink)),
        [typeof(TocEntry)] = Properties(typeof(TocEntry)),
        [typeof(LabelsModel)] = Properties(typeof(LabelsModel)),
    };

    /// <summary>The model types whose fields are checked.</summary>
    public static IReadOnlyList<Type> Types { get; } = [.. Fields.Keys];

    private static Dictionary<string, Type> Properties([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(p => StandardMemberRenamer.Rename(p.Name), p => p.PropertyType, StringComparer.Ordinal);

    /// <summary>The fields of a model type as templates name them, with their types; null for a type that is not part of the model.</summary>
    public static IReadOnlyDictionary<string, Type>? FieldsOf(Type type) =>
        Fields.GetValueOrDefault(Nullable.GetUnderlyingType(type) ?? type);

    /// <summary>The item type of a list of the model, or null.</summary>
    public static Type? ItemOf(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
}

/// <summary>
/// Checks a parsed template's names against the model before anything is rendered: a variable that is neither
/// given to templates, nor set in any template (assignments, loops, captures, functions), nor one of Scriban's
/// built-ins; a field that a model object does not have; a function that a built-in object does not have.
/// Each is reported at its line and column with the closest name that exists.
/// </summary>
internal sealed class TemplateNameCheck(ScriptObject builtins, IReadOnlySet<string> themeLocals)
{
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal) { "for", "while", "tablerow", "this", "empty", "blank", "null", "true", "false" };

    /// <summary>Names a template sets anywhere: loop variables, assignments, captures, functions and their parameters.</summary>
    public static IEnumerable<string> LocalsOf(Template template)
    {
        var names = new List<string>();
        Collect(template.Page);
        return names;

        void Collect(ScriptNode? node)
        {
            switch (node)
            {
                case null:
                    return;
                case ScriptForStatement f when f.Variable is ScriptVariable v:
                    names.Add(v.Name);
                    break;
                case ScriptAssignExpression { Target: ScriptVariable v }:
                    names.Add(v.Name);
                    break;
                case ScriptCaptureStatement { Target: ScriptVariable v }:
                    names.Add(v.Name);
                    break;
                case ScriptFunction fn:
                    if (fn.NameOrDoToken is ScriptVariable name) names.Add(name.Name);
                    if (fn.Parameters is not null) names.AddRange(fn.Parameters.Select(p => p.Name?.Name ?? "").Where(n => n.Length > 0));
                    break;
            }
            foreach (var child in node.Children) Collect(child);
        }
    }

    /// <summary>The problems in <paramref name="template"/>: where, and what with a suggestion.</summary>
    public List<(SourceSpan Span, string Message)> Check(Template template)
    {
        var problems = new List<(SourceSpan, string)>();
        var scope = new Dictionary<string, Type?>(StringComparer.Ordinal);
        var known = TemplateModelNames.Globals.Keys.Concat(themeLocals).Concat(builtins.Keys).Distinct().ToList();
        Visit(template.Page, insideWith: false);
        return problems;

        void Visit(ScriptNode? node, bool insideWith)
        {
            switch (node)
            {
                case null:
                    return;
                case ScriptForStatement f:
                    Visit(f.Iterator, insideWith);
                    var name = (f.Variable as ScriptVariable)?.Name;
                    var item = TypeOf(f.Iterator, insideWith) is Type list ? TemplateModelNames.ItemOf(list) : null;
                    var hadOuter = name is not null && scope.TryGetValue(name, out var outer);
                    if (name is not null) scope[name] = item;
                    Visit(f.Body, insideWith);
                    Visit(f.Else, insideWith);
                    if (name is not null && !hadOuter) scope.Remove(name);
                    return;
                case ScriptWithStatement w:
                    Visit(w.Name, insideWith);
                    Visit(w.Body, insideWith: true);
                    return;
                case ScriptAssignExpression a:
                    if (a.Target is not ScriptVariable) Visit(a.Target, insideWith);
                    Visit(a.Value, insideWith);
                    return;
                case ScriptCaptureStatement c:
                    Visit(c.Body, insideWith);
                    return;
                case ScriptFunction fn:
                    Visit(fn.Body, insideWith);
                    return;
                case ScriptMemberExpression or ScriptVariable:
                    TypeOf((ScriptExpression)node, insideWith);
                    return;
            }
            foreach (var child in node.Children) Visit(child, insideWith);
        }

        // The static type of an expression: a model Type, a built-in ScriptObject, or null when unknown.
        object? TypeOf(ScriptExpression? e, bool insideWith)
        {
            switch (e)
            {
                case ScriptVariableGlobal v:
                    if (scope.TryGetValue(v.Name, out var local)) return local;
                    if (TemplateModelNames.Globals.TryGetValue(v.Name, out var global)) return global;
                    if (builtins.TryGetValue(v.Name, out var builtin)) return builtin as ScriptObject;
                    if (!insideWith && !themeLocals.Contains(v.Name) && !Special.Contains(v.Name))
                    {
                        problems.Add((v.Span, $"'{v.Name}' is not a variable templates are given{Suggest.Hint(v.Name, known)}"));
                    }
                    return null;
                case ScriptVariable:
                    return null;   // $, $0, …: a function's arguments
                case ScriptIsEmptyExpression empty:
                    TypeOf(empty.Target, insideWith);
                    return null;
                case ScriptMemberExpression { Member: { } memberVariable } m:
                    var target = TypeOf(m.Target, insideWith);
                    var member = memberVariable.Name;
                    if (target is ScriptObject obj)
                    {
                        if (obj.TryGetValue(member, out var value)) return value as ScriptObject;
                        problems.Add((m.Span, $"'{Describe(m.Target)}' has no function '{member}'{Suggest.Hint(member, obj.Keys)}"));
                        return null;
                    }
                    if (target is Type type && TemplateModelNames.FieldsOf(type) is { } fields)
                    {
                        if (fields.TryGetValue(member, out var fieldType)) return fieldType;
                        problems.Add((memberVariable.Span, $"'{Describe(m.Target)}' has no field '{member}'{Suggest.Hint(member, fields.Keys)}"));
                        return null;
                    }
                    return null;
                case ScriptNestedExpression n:
                    return TypeOf(n.Expression, insideWith);
                case ScriptIndexerExpression i:
                    Visit(i.Index, insideWith);
                    return TypeOf(i.Target, insideWith) is Type list ? TemplateModelNames.ItemOf(list) : null;
                case null:
                    return null;
                default:
                    Visit(e, insideWith);
                    return null;
            }
        }
    }

    private static string Describe(ScriptExpression? e) => e switch
    {
        ScriptVariable v => v.Name,
        ScriptMemberExpression m => Describe(m.Target) + "." + m.Member?.Name,
        _ => e?.ToString() ?? "",
    };
}
