namespace GuideBuilder.Cli;

/// <summary><c>serve</c>: not available in this build yet.</summary>
public static class ServeCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDir)
    {
        stderr.WriteLine("error: 'serve' is not available in this version yet; use 'build' and open the output folder");
        return CommandLine.UsageError;
    }
}
