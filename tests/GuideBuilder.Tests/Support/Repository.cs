namespace GuideBuilder.Tests.Support;

/// <summary>The repository this test assembly was built from (the folder holding GuideBuilder.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GuideBuilder.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("GuideBuilder.sln not found above " + AppContext.BaseDirectory);
    }
}
