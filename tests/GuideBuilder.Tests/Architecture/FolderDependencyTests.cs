using System.Text.RegularExpressions;
using GuideBuilder.Tests.Support;

namespace GuideBuilder.Tests.Architecture;

/// <summary>
/// The folders of GuideBuilder.Core depend downwards only, in the order below. A folder's
/// dependencies are read from its source: <c>using GuideBuilder.X;</c> lines, and names qualified
/// with another folder's namespace (<c>Render.ReaderText</c>, <c>GuideBuilder.Write.SitePages</c>)
/// that name a type declared in that folder.
/// </summary>
public sealed partial class FolderDependencyTests
{
    /// <summary>Bottom first: a folder may use only the folders before it.</summary>
    public static readonly string[] Layers = ["Diagnostics", "Load", "Model", "Strip", "Render", "Validate", "Write", "Building"];

    private static string CoreDir => Path.Combine(Repository.Root, "src", "GuideBuilder.Core");

    [Fact]
    public void Every_folder_of_the_core_has_a_place_in_the_layers()
    {
        var folders = Folders().Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Layers.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void Folders_depend_only_on_folders_below_them()
    {
        var graph = Graph(Folders());
        var upward = graph.SelectMany(kv => kv.Value
                .Where(to => Array.IndexOf(Layers, to) >= Array.IndexOf(Layers, kv.Key))
                .Select(to => $"{kv.Key} -> {to}"))
            .ToList();
        Assert.Empty(upward);
    }

    [Fact]
    public void The_folder_graph_has_no_cycle()
    {
        Assert.Null(FindCycle(Graph(Folders())));
    }

    [Fact]
    public void The_reader_sees_usings_and_qualified_names_and_the_cycle_check_finds_cycles()
    {
        var folders = new Dictionary<string, List<string>>
        {
            ["Render"] = ["namespace GuideBuilder.Render;\npublic sealed class Page { }\n"],
            ["Strip"] = ["using GuideBuilder.Model;\nnamespace GuideBuilder.Strip;\nclass A { int x = Render.Page.Count; void Validate() { } }\n"],
            ["Model"] = ["namespace GuideBuilder.Model;\npublic sealed class Guide { void M() => GuideBuilder.Strip.A.Run(); }\n"],
        };
        folders["Strip"].Add("namespace GuideBuilder.Strip;\npublic sealed class A { }\n");
        var graph = Graph(folders);
        Assert.Equal(["Model", "Render"], graph["Strip"].Order(StringComparer.Ordinal));
        Assert.Equal(["Strip"], graph["Model"]);
        Assert.Equal("Model -> Strip -> Model", FindCycle(graph));
        Assert.Null(FindCycle(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = [] }));
    }

    private static Dictionary<string, List<string>> Folders() =>
        Directory.EnumerateDirectories(CoreDir)
            .Where(d => Path.GetFileName(d) is not ("bin" or "obj"))
            .Where(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories).Any())
            .ToDictionary(d => Path.GetFileName(d)!, d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText).ToList());

    /// <summary>Folder → the other folders its files use.</summary>
    private static Dictionary<string, HashSet<string>> Graph(Dictionary<string, List<string>> folders)
    {
        var types = folders.ToDictionary(kv => kv.Key,
            kv => kv.Value.SelectMany(text => TypeDeclaration().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal));
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var (folder, files) in folders)
        {
            var uses = graph[folder] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in files)
            {
                var code = Comment().Replace(file, "");
                foreach (Match m in UsingLine().Matches(code)) uses.Add(m.Groups[1].Value);
                foreach (Match m in QualifiedName().Matches(code))
                {
                    var (target, type) = (m.Groups[1].Value, m.Groups[2].Value);
                    if (types.TryGetValue(target, out var declared) && declared.Contains(type)) uses.Add(target);
                }
            }
            uses.Remove(folder);
            uses.IntersectWith(folders.Keys);
        }
        return graph;
    }

    /// <summary>A cycle as "A -> B -> A", or null.</summary>
    private static string? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        string? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1) return string.Join(" -> ", path.SkipWhile(p => p != next).Append(next));
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle) return cycle;
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }
        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle) return cycle;
        }
        return null;
    }

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?(?:\w+\s*=\s*)?GuideBuilder\.(\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(?:GuideBuilder\.)?(\w+)\.(\w+)")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\b(?:class|record|struct|enum|interface)\s+(\w+)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
