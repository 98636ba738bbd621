using System.Runtime.CompilerServices;
using System.Text;

namespace GuideBuilder.Tests.Support;

/// <summary>
/// Compares a result with an expected file under <c>Fixtures/</c>, in full. With the environment
/// variable <c>GB_UPDATE_GOLDEN=1</c> it instead writes the result into the source tree's fixture
/// (not the copy in bin/), so a changed expectation is one command and a reviewable diff:
/// <c>GB_UPDATE_GOLDEN=1 dotnet test --filter GoldenTests</c>.
/// </summary>
public static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("GB_UPDATE_GOLDEN") == "1";

    /// <summary>The test project's folder in the source tree.</summary>
    public static string ProjectDir([CallerFilePath] string thisFile = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(thisFile))!;

    /// <summary>Asserts <paramref name="actual"/> equals the fixture at <paramref name="fixture"/> ('/'-separated, under Fixtures/).</summary>
    public static void Verify(string fixture, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
        var source = Path.Combine(ProjectDir(), "Fixtures", fixture);
        if (Updating)
        {
            File.WriteAllText(source, actual);
            return;
        }
        var copy = Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);
        var path = File.Exists(copy) ? copy : source;
        Assert.True(File.Exists(path), $"missing expected file Fixtures/{fixture}; run with GB_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            // Point at the first difference: a whole-page Assert.Equal is unreadable.
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            var i = 0;
            while (i < e.Length && i < a.Length && e[i] == a[i]) i++;
            Assert.Fail($"Fixtures/{fixture} differs at line {i + 1}:\n  expected: {(i < e.Length ? e[i] : "<end of file>")}\n  actual:   {(i < a.Length ? a[i] : "<end of file>")}\n" +
                "(if the change is intended, run GB_UPDATE_GOLDEN=1 dotnet test --filter GoldenTests and review the diff)");
        }
    }

    /// <summary>The golden guides and their shared site (site.yml, templates) as copied beside the tests.</summary>
    public static string GoldenDir => Path.Combine(AppContext.BaseDirectory, "Fixtures", "golden");

    /// <summary>A golden guide's bytes as a site holds them: LF endings, or CRLF with a BOM for the "crlf" fixtures.</summary>
    public static byte[] GuideBytes(string mdPath)
    {
        var text = File.ReadAllText(mdPath).Replace("\r\n", "\n");
        return Path.GetFileName(mdPath).Contains("crlf", StringComparison.Ordinal)
            ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n"))]
            : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Writes the golden fixtures' shared site and every golden guide (under content/windows/) into <paramref name="site"/>.</summary>
    public static void WriteSite(TempSite site)
    {
        CopyTree(Path.Combine(GoldenDir, "site"), site.Root);
        foreach (var file in Directory.GetFiles(GoldenDir, "*.md"))
        {
            site.WriteBytes("content/windows/" + Path.GetFileName(file), GuideBytes(file));
        }
    }

    /// <summary>Copies a folder's files into another, leaving out build output and state (_site, .guidebuilder, bin, obj).</summary>
    public static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(from, file);
            if (rel.Split(Path.DirectorySeparatorChar).Any(s => s is "_site" or ".guidebuilder" or "bin" or "obj")) continue;
            var target = Path.Combine(to, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
