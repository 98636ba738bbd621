using System.Globalization;
using GuideBuilder.Load;
using GuideBuilder.Render;
using GuideBuilder.Validate;

namespace GuideBuilder.Cli;

/// <summary><c>new</c>, <c>init</c> and <c>clean</c>.</summary>
public static class ScaffoldCommands
{
    public static int New(string[] args, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        var a = new ParsedArgs(args, ["--help"], ["--category", "--config"]);
        if (a.Has("--help"))
        {
            stdout.WriteLine("""
                Usage: guidebuilder new "Title" [--category C] [--config FILE]

                Writes content/<category>/<slug>.md with front matter (title, date, updated, tags,
                categories, description) and a skeleton of steps. The category defaults to 'guides'.
                Never overwrites an existing file (exit code 2).

                Options:
                  --category C     folder and first category of the guide
                  --config FILE    site.yml to use (default: ./site.yml, else the nearest in a parent folder)

                Examples:
                  guidebuilder new "Reset a Router Password" --category networking
                  guidebuilder new "Clear the Print Queue"
                """);
            return CommandLine.Ok;
        }
        if (a.Positional.Count != 1) throw new UsageException("'new' takes one argument: the guide's title in quotes");
        var title = a.Positional[0].Trim();
        // An apostrophe joins its word ("Router's" → routers), it does not split it.
        var slug = SiteModelBuilder.Slug(title.Replace("'", "").Replace("\u2019", ""));
        if (slug.Length == 0) throw new UsageException($"cannot make a file name from the title '{title}'");
        var categoryName = a.Value("--category")?.Trim() ?? "guides";
        var category = SiteModelBuilder.Slug(categoryName);
        if (category.Length == 0) throw new UsageException("--category needs a name with letters or digits");
        var config = SiteConfigLoader.Load(SiteConfigLoader.Locate(a.Value("--config"), workingDir));
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
            stderr.WriteLine($"error: {Path.GetRelativePath(workingDir, file)} already exists; not overwriting it (choose another title or --category)");
            return CommandLine.UsageError;
        }
        stdout.WriteLine($"created {Path.GetRelativePath(workingDir, file)}");
        return CommandLine.Ok;
    }

    /// <summary>Where <c>init</c> puts the JSON Schemas, relative to the site folder.</summary>
    public const string SchemaFolder = "schemas";
    public const string SiteSchema = "site.schema.json";
    public const string FrontMatterSchema = "frontmatter.schema.json";

    /// <summary>A double-quoted YAML scalar: safe for any title (colons, '#', 'yes', numbers, leading dashes).</summary>
    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text,
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The JSON Schema shipped inside the tool.</summary>
    public static string EmbeddedSchema(string name)
    {
        using var stream = typeof(ScaffoldCommands).Assembly.GetManifestResourceStream("schemas/" + name)
            ?? throw new InvalidOperationException($"schema {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static int Init(string[] args, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        var a = new ParsedArgs(args, ["--help"], []);
        if (a.Has("--help"))
        {
            stdout.WriteLine("""
                Usage: guidebuilder init [DIR]

                Scaffolds a new site in DIR (default: the current folder): site.yml, content/ with one
                guide, schemas/ with JSON Schemas for site.yml and front matter (editor completion), and
                a .gitignore line for the output folder and the build's state (.guidebuilder: cache, manifest).
                The site builds at once with the embedded theme. Refuses a folder that already has a
                site.yml (exit code 2).

                Examples:
                  guidebuilder init my-guides && cd my-guides && guidebuilder build
                  guidebuilder init
                """);
            return CommandLine.Ok;
        }
        if (a.Positional.Count > 1) throw new UsageException("'init' takes at most one argument: the folder");
        var dir = Path.GetFullPath(a.Positional.Count == 1 ? a.Positional[0] : ".", workingDir);
        var siteYml = Path.Combine(dir, "site.yml");
        var guide = Path.Combine(dir, "content", "getting-started", "write-your-first-guide.md");
        foreach (var existing in new[] { siteYml, guide }.Where(File.Exists))
        {
            stderr.WriteLine($"error: {Path.GetRelativePath(workingDir, existing)} already exists; not overwriting it");
            return CommandLine.UsageError;
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

    public static int Clean(string[] args, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        var a = new ParsedArgs(args, ["--help"], ["--config", "--output"]);
        if (a.Has("--help"))
        {
            stdout.WriteLine("""
                Usage: guidebuilder clean [--config FILE] [--output DIR]

                Removes the output folder (refuses one that overlaps the site's sources) and the build's state
                folder (site.yml 'cache', else .guidebuilder: the output manifest and caches).

                Options:
                  --config FILE    site.yml to use (default: ./site.yml, else the nearest in a parent folder)
                  --output DIR     the output folder to remove (default: site.yml 'output', else _site)

                Examples:
                  guidebuilder clean
                  guidebuilder clean --output public
                """);
            return CommandLine.Ok;
        }
        var config = SiteConfigLoader.Load(SiteConfigLoader.Locate(a.Value("--config"), workingDir));
        var output = a.Value("--output") is { } o ? Path.GetFullPath(o, workingDir) : config.OutputDir;
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
