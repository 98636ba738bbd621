using System.Globalization;
using GuideBuilder.Load;
using GuideBuilder.Render;

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

                Writes content/<category>/<slug>.md with front matter and a skeleton of steps.
                Never overwrites an existing file.

                Example:
                  guidebuilder new "Reset a Router Password" --category networking
                """);
            return CommandLine.Ok;
        }
        if (a.Positional.Count != 1) throw new UsageException("'new' takes one argument: the guide's title in quotes");
        var title = a.Positional[0].Trim();
        var slug = SiteModelBuilder.Slug(title);
        if (slug.Length == 0) throw new UsageException($"cannot make a file name from the title '{title}'");
        var category = a.Value("--category") is { } c ? SiteModelBuilder.Slug(c) : "guides";
        if (category.Length == 0) throw new UsageException("--category needs a name with letters or digits");
        var config = SiteConfigLoader.Load(SiteConfigLoader.Locate(a.Value("--config"), workingDir));
        var dir = Path.Combine(config.ContentDir, category);
        var file = Path.Combine(dir, slug + ".md");
        if (File.Exists(file))
        {
            stderr.WriteLine($"error: {Path.GetRelativePath(workingDir, file)} already exists; choose another title");
            return CommandLine.UsageError;
        }
        Directory.CreateDirectory(dir);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        File.WriteAllText(file, $"""
            # yaml-language-server: $schema=https://guides.example.org/schema/frontmatter.json
            ---
            title: {Yaml(title)}
            date: {now}
            updated: {now}
            tags:
              - {category}
            categories:
              - {category}
            description: {Yaml("How to " + char.ToLowerInvariant(title[0]) + title[1..])}
            ---

            Say in a sentence or two what the reader will have done at the end, and what they need first.

            ## Steps

            1. Open **Settings** by pressing **Win** \+ **I**.
            2. Click **the first thing to click**.
            3. Describe the last step and what the reader should see.

            ## Check that it worked

            Tell the reader how to confirm the result.

            """.Replace("# yaml-language-server: $schema=https://guides.example.org/schema/frontmatter.json\n", ""));
        stdout.WriteLine($"created {Path.GetRelativePath(workingDir, file)}");
        return CommandLine.Ok;
    }

    private static string Yaml(string text) =>
        text.IndexOfAny([':', '#', '\'', '"', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`']) >= 0
            ? "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
            : text;

    public static int Init(string[] args, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        var a = new ParsedArgs(args, ["--help"], []);
        if (a.Has("--help"))
        {
            stdout.WriteLine("""
                Usage: guidebuilder init [DIR]

                Scaffolds a new site in DIR (default: the current folder): site.yml and content/ with one guide.
                The site builds at once with the embedded theme. Refuses a folder that already has a site.yml.

                Example:
                  guidebuilder init my-guides && cd my-guides && guidebuilder build
                """);
            return CommandLine.Ok;
        }
        if (a.Positional.Count > 1) throw new UsageException("'init' takes at most one argument: the folder");
        var dir = Path.GetFullPath(a.Positional.Count == 1 ? a.Positional[0] : ".", workingDir);
        var siteYml = Path.Combine(dir, "site.yml");
        if (File.Exists(siteYml))
        {
            stderr.WriteLine($"error: {siteYml} already exists; not overwriting it");
            return CommandLine.UsageError;
        }
        Directory.CreateDirectory(Path.Combine(dir, "content", "getting-started"));
        File.WriteAllText(siteYml, """
            title: My Guides
            base_url: https://guides.example.org/
            content: content
            output: _site
            """ + "\n");
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        File.WriteAllText(Path.Combine(dir, "content", "getting-started", "write-your-first-guide.md"), $"""
            ---
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
        stdout.WriteLine($"created a new site in {Path.GetRelativePath(workingDir, dir)}; run 'guidebuilder build' there");
        return CommandLine.Ok;
    }

    public static int Clean(string[] args, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        var a = new ParsedArgs(args, ["--help"], ["--config", "--output"]);
        if (a.Has("--help"))
        {
            stdout.WriteLine("""
                Usage: guidebuilder clean [--config FILE] [--output DIR]

                Removes the output folder (refuses one that overlaps the site's sources).
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
        return CommandLine.Ok;
    }
}
