using System.CommandLine;
using System.Globalization;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Validate;

namespace GuideBuilder.Cli;

/// <summary><c>new</c>, <c>init</c> and <c>clean</c>.</summary>
public static class ScaffoldCommands
{
    /// <summary><c>new "Title" [--category C]</c>.</summary>
    public static GuideCommand DefineNew(CliContext cx)
    {
        var title = new Argument<string>("title") { Description = "the guide's title in quotes", HelpName = "\"Title\"" };
        var categoryOption = new Option<string?>("--category") { HelpName = "C", Description = "folder and first category of the guide" };
        var configOption = CommonOptions.Config();
        var command = new GuideCommand("new", "scaffold content/<category>/<slug>.md  (--category C)")
        {
            Details = """
                Writes content/<category>/<slug>.md with front matter (title, date, updated, tags,
                categories, description) and a skeleton of steps. The category defaults to 'guides'.
                Never overwrites an existing file (exit code 2).
                """,
            Examples = ["new \"Reset a Router Password\" --category networking", "new \"Clear the Print Queue\""],
        };
        command.Arguments.Add(title);
        command.Options.Add(categoryOption);
        command.Options.Add(configOption);
        command.SetAction(parse => New(parse.GetValue(title)!, parse.GetValue(categoryOption), parse.GetValue(configOption), cx));
        return command;
    }

    private static int New(string typedTitle, string? categoryOption, string? configOption, CliContext cx)
    {
        var (stdout, workingDir) = (cx.Stdout, cx.WorkingDir);
        var title = typedTitle.Trim();
        // An apostrophe joins its word ("Router's" → routers), it does not split it.
        var slug = SiteModelBuilder.Slug(title.Replace("'", "").Replace("\u2019", ""));
        if (slug.Length == 0) throw new UsageException($"cannot make a file name from the title '{title}'");
        var categoryName = categoryOption?.Trim() ?? "guides";
        var category = SiteModelBuilder.Slug(categoryName);
        if (category.Length == 0) throw new UsageException("--category needs a name with letters or digits");
        var config = SiteConfigLoader.Load(SiteConfigLoader.Locate(configOption, workingDir));
        var dir = Path.Combine(config.ContentDir, category);
        var file = Path.Combine(dir, slug + ".md");
        Directory.CreateDirectory(dir);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var schema = Path.Combine(config.SiteDir, SchemaFolder, FrontMatterSchema);
        // The schema comment goes inside the front matter: a line before '---' would stop it being front matter.
        var schemaLine = File.Exists(schema)
            ? $"# yaml-language-server: $schema={Path.GetRelativePath(dir, schema).Replace('\\', '/')}\n"
            : "";
        var text = $"""
            ---
            {schemaLine}title: {Quote(title)}
            date: {now}
            updated: {now}
            tags:
              - {Quote(categoryName)}
            categories:
              - {Quote(categoryName)}
            description: {Quote(Placeholders.Description)}
            ---

            {Placeholders.Introduction}

            ## Steps

            1. Open **Settings** by pressing <kbd>Win</kbd>+<kbd>I</kbd>.
            2. {Placeholders.MiddleStep}
            3. {Placeholders.LastStep}

            ## Check that it worked

            {Placeholders.Check}

            """;
        try
        {
            // CreateNew: never overwrite, even when another process creates the file in between.
            using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
            writer.Write(text);
        }
        catch (IOException) when (File.Exists(file))
        {
            throw new UsageException($"{Path.GetRelativePath(workingDir, file)} already exists; not overwriting it (choose another title or --category)");
        }
        stdout.WriteLine($"created {Path.GetRelativePath(workingDir, file)}");
        return CommandLine.Ok;
    }

    /// <summary>Where <c>init</c> puts the JSON Schemas, relative to the site folder.</summary>
    public const string SchemaFolder = "schemas";
    public const string SiteSchema = "site.schema.json";
    public const string FrontMatterSchema = "frontmatter.schema.json";

    /// <summary>A double-quoted YAML scalar: safe for any title (colons, '#', 'yes', numbers, leading dashes).</summary>
    private static string Quote(string text) => System.Text.Json.Nodes.JsonValue.Create(text).ToJsonString(
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The JSON Schema shipped inside the tool.</summary>
    public static string EmbeddedSchema(string name)
    {
        using var stream = typeof(ScaffoldCommands).Assembly.GetManifestResourceStream("schemas/" + name)
            ?? throw new InvalidOperationException($"schema {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary><c>init [DIR]</c>.</summary>
    public static GuideCommand DefineInit(CliContext cx)
    {
        var folder = new Argument<string?>("folder") { Description = "the folder", HelpName = "DIR", Arity = ArgumentArity.ZeroOrOne };
        var command = new GuideCommand("init", "scaffold a new site in DIR (default: the current folder)")
        {
            Details = """
                Scaffolds a new site in DIR (default: the current folder): site.yml, content/ with one
                guide, schemas/ with JSON Schemas for site.yml and front matter (editor completion), and
                a .gitignore line for the output folder and the build's state (.guidebuilder: cache, manifest).
                The site builds at once with the embedded theme. Refuses a folder that already has a
                site.yml (exit code 2).
                """,
            Examples = ["init my-guides && cd my-guides && guidebuilder build", "init"],
        };
        command.Arguments.Add(folder);
        command.SetAction(parse => Init(parse.GetValue(folder), cx));
        return command;
    }

    private static int Init(string? folder, CliContext cx)
    {
        var (stdout, workingDir) = (cx.Stdout, cx.WorkingDir);
        var dir = Path.GetFullPath(folder ?? ".", workingDir);
        var siteYml = Path.Combine(dir, "site.yml");
        var guide = Path.Combine(dir, "content", "getting-started", "write-your-first-guide.md");
        if (new[] { siteYml, guide }.FirstOrDefault(File.Exists) is { } existing)
        {
            throw new UsageException($"{Path.GetRelativePath(workingDir, existing)} already exists; not overwriting it");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(guide)!);
        Directory.CreateDirectory(Path.Combine(dir, SchemaFolder));
        foreach (var name in new[] { SiteSchema, FrontMatterSchema })
        {
            File.WriteAllText(Path.Combine(dir, SchemaFolder, name), EmbeddedSchema(name));
        }
        File.WriteAllText(siteYml, $"""
            # yaml-language-server: $schema={SchemaFolder}/{SiteSchema}
            title: My Guides
            base_url: https://guides.example.org/
            description: How-to guides, one task per page
            content: content
            output: _site

            """);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        File.WriteAllText(guide, $"""
            ---
            # yaml-language-server: $schema=../../{SchemaFolder}/{FrontMatterSchema}
            title: Write Your First Guide
            date: {now}
            updated: {now}
            tags:
              - guidebuilder
            categories:
              - getting-started
            description: How to add a guide to this site and see it in the browser
            ---

            This site was made by `guidebuilder init`. Each guide is a Markdown file under `content/`.

            ## Add a guide

            1. Open a terminal in the site folder.
            2. Run `guidebuilder new "My Guide" --category getting-started`.
            3. Run `guidebuilder serve` and open the address it prints.

            ## Publish

            Run `guidebuilder build`: the site is written to `_site/`, ready to copy to any web server.

            """);
        IgnoreBuildState(dir);
        var where = Path.GetRelativePath(workingDir, dir);
        stdout.WriteLine(where == "."
            ? "created a new site here; run 'guidebuilder serve' to see it, 'guidebuilder build' to publish it"
            : $"created a new site in {where}; run 'guidebuilder serve' there to see it, 'guidebuilder build' to publish it");
        return CommandLine.Ok;
    }

    /// <summary>
    /// Lists the output folder and the build's state folder (manifest, build cache) in the site's
    /// <c>.gitignore</c>, adding only the lines it does not have yet.
    /// </summary>
    private static void IgnoreBuildState(string dir)
    {
        var path = Path.Combine(dir, ".gitignore");
        var text = File.Exists(path) ? File.ReadAllText(path) : "";
        var have = text.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var add = new[] { "_site/", ".guidebuilder/" }.Where(l => !have.Contains(l) && !have.Contains(l.TrimEnd('/'))).ToList();
        if (add.Count == 0) return;
        var prefix = text.Length == 0 || text.EndsWith('\n') ? "" : "\n";
        File.AppendAllText(path, prefix + string.Join("\n", add) + "\n");
    }

    /// <summary><c>clean [--config FILE] [--output DIR]</c>.</summary>
    public static GuideCommand DefineClean(CliContext cx)
    {
        var configOption = CommonOptions.Config();
        var outputOption = CommonOptions.Output("the output folder to remove (default: site.yml 'output', else _site)");
        var command = new GuideCommand("clean", "remove the output folder and the build's state (.guidebuilder)")
        {
            Details = """
                Removes the output folder (refuses one that overlaps the site's sources) and the build's state
                folder (site.yml 'cache', else .guidebuilder: the output manifest and caches).
                """,
            Examples = ["clean", "clean --output public"],
        };
        command.Options.Add(configOption);
        command.Options.Add(outputOption);
        command.SetAction(parse => Clean(parse.GetValue(configOption), parse.GetValue(outputOption), cx));
        return command;
    }

    private static int Clean(string? configOption, string? outputOption, CliContext cx)
    {
        var (stdout, workingDir) = (cx.Stdout, cx.WorkingDir);
        var config = SiteConfigLoader.Load(SiteConfigLoader.Locate(configOption, workingDir));
        var output = outputOption is { } o ? Path.GetFullPath(o, workingDir) : config.OutputDir;
        GuideBuilder.Write.SiteWriter.CheckOutputPath(config, output);
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
            stdout.WriteLine($"removed {Path.GetRelativePath(workingDir, output)}");
        }
        else
        {
            stdout.WriteLine($"nothing to remove: {Path.GetRelativePath(workingDir, output)} does not exist");
        }
        if (Directory.Exists(config.CacheDir))
        {
            Directory.Delete(config.CacheDir, recursive: true);
            stdout.WriteLine($"removed {Path.GetRelativePath(workingDir, config.CacheDir)}");
        }
        return CommandLine.Ok;
    }
}
