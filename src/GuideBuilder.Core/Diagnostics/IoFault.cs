using System.Globalization;

namespace GuideBuilder.Diagnostics;

/// <summary>
/// A failure of the machine rather than of the content or of GuideBuilder: a full disk, a read-only
/// mount, a permission, a path too long, a file another process holds. It names the operation and the
/// path, and for a full disk how big the site is and how much room there was.
/// </summary>
public sealed record IoFault(RuleInfo Rule, string Operation, string Path, string Reason)
{
    /// <summary>Bytes the whole site needs, when the disk filled up while writing it.</summary>
    public long? Needed { get; init; }

    /// <summary>Bytes free on the file system that filled up, measured after the partial copy was removed.</summary>
    public long? Free { get; init; }

    /// <summary>The folder whose file system filled up.</summary>
    public string? Volume { get; init; }

    public string Message
    {
        get
        {
            var text = $"{Headline(Rule)} {Operation} '{Path}'";
            if (Needed is { } needed && Free is { } free)
            {
                text += $": the site needs {Size(needed)} and {Size(free)} is free on the file system holding '{Volume}'"
                    + (needed > free ? $" ({Size(needed - free)} short)" : "");
            }
            else if (Reason.Length > 0)
            {
                text += $" ({Reason})";
            }
            return text + "; " + (Operation.StartsWith("reading", StringComparison.Ordinal) || Operation.StartsWith("listing", StringComparison.Ordinal)
                ? ReadAdvice(Rule)
                : Advice(Rule));
        }
    }

    /// <summary>Reports this fault once, at <see cref="Path"/> relative to <paramref name="siteDir"/> when it lies inside.</summary>
    public void ReportTo(DiagnosticBag diagnostics, string siteDir)
    {
        var shown = this with { Path = Relative(Path, siteDir) };
        diagnostics.Report(Rule, new SourceLocation(shown.Path, 0, 0), shown.Message, ignoreSiteOverride: true);
    }

    /// <summary>Reports this fault at a known place: <paramref name="file"/> is already relative to the site folder.</summary>
    public void ReportTo(DiagnosticBag diagnostics, string file, int line, int column) =>
        diagnostics.Report(Rule, new SourceLocation(file, line, column), (this with { Path = file }).Message, ignoreSiteOverride: true);

    /// <summary>'/'-separated and relative to <paramref name="siteDir"/> when inside it; otherwise the full path.</summary>
    public static string Relative(string path, string siteDir)
    {
        var full = System.IO.Path.GetFullPath(path);
        var site = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(siteDir));
        return full.StartsWith(site + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? System.IO.Path.GetRelativePath(site, full).Replace('\\', '/')
            : full;
    }

    /// <summary>True for the exceptions the file system throws.</summary>
    public static bool IsIo(Exception e) => e is IOException or UnauthorizedAccessException;

    /// <summary>Classifies <paramref name="e"/>, thrown while doing <paramref name="operation"/> on <paramref name="path"/>.</summary>
    public static IoFault From(Exception e, string operation, string path) => new(Classify(e), operation, path, Strip(e.Message, path));

    /// <summary>
    /// The fault inside <paramref name="e"/>: itself, or the first of an <see cref="AggregateException"/>'s inner
    /// exceptions (parallel writers hitting one full disk fail alike; one message is enough). Null when
    /// <paramref name="e"/> is not an I/O failure (a bug).
    /// </summary>
    public static IoFault? Find(Exception e)
    {
        switch (e)
        {
            case IoFaultException f: return f.Fault;
            case AggregateException a:
                var inner = a.Flatten().InnerExceptions;
                return inner.Count > 0 && inner.All(x => Find(x) is not null) ? Find(inner[0]) : null;
            case PathTooLongException or IOException or UnauthorizedAccessException:
                return From(e, "accessing", PathIn(e.Message) ?? "");
            default: return null;
        }
    }

    /// <summary>
    /// The one seam every file operation of a build goes through: runs <paramref name="action"/> and turns a
    /// file-system failure into an <see cref="IoFaultException"/> naming <paramref name="operation"/> and <paramref name="path"/>.
    /// </summary>
    public static void Guard(string operation, string path, Action action)
    {
        try
        {
            FaultInjection.Check(operation, path);
            action();
        }
        catch (Exception e) when (IsIo(e))
        {
            throw new IoFaultException(From(e, operation, path));
        }
    }

    /// <inheritdoc cref="Guard(string, string, Action)"/>
    public static T Guard<T>(string operation, string path, Func<T> action)
    {
        try
        {
            FaultInjection.Check(operation, path);
            return action();
        }
        catch (Exception e) when (IsIo(e))
        {
            throw new IoFaultException(From(e, operation, path));
        }
    }

    /// <summary>Free bytes on the file system holding <paramref name="path"/> (null when it cannot be asked).</summary>
    public static long? FreeSpace(string path)
    {
        try
        {
            var existing = path;
            while (!Directory.Exists(existing) && System.IO.Path.GetDirectoryName(existing) is { } parent) existing = parent;
            return new DriveInfo(existing).AvailableFreeSpace;
        }
        catch (Exception e) when (IsIo(e) || e is ArgumentException)
        {
            return null;
        }
    }

    // errno values (Linux, macOS) and Win32 error codes; .NET puts either in the HResult of the IOException it throws.
    private static RuleInfo Classify(Exception e)
    {
        if (e is PathTooLongException) return Rules.IoPathTooLong;
        var code = Code(e) ?? (e.InnerException is { } inner ? Code(inner) : null);
        return code switch
        {
            28 or 122 when !OperatingSystem.IsWindows() => Rules.IoNoSpace,            // ENOSPC, EDQUOT
            69 when OperatingSystem.IsMacOS() => Rules.IoNoSpace,                       // EDQUOT
            112 or 39 when OperatingSystem.IsWindows() => Rules.IoNoSpace,              // ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL
            30 when !OperatingSystem.IsWindows() => Rules.IoReadOnly,                   // EROFS
            19 when OperatingSystem.IsWindows() => Rules.IoReadOnly,                    // ERROR_WRITE_PROTECT
            36 or 63 when !OperatingSystem.IsWindows() => Rules.IoPathTooLong,          // ENAMETOOLONG (Linux, macOS)
            206 when OperatingSystem.IsWindows() => Rules.IoPathTooLong,                // ERROR_FILENAME_EXCED_RANGE
            16 or 26 or 11 or 35 when !OperatingSystem.IsWindows() => Rules.IoFileInUse, // EBUSY, ETXTBSY, EWOULDBLOCK (Linux, macOS)
            32 or 33 when OperatingSystem.IsWindows() => Rules.IoFileInUse,             // sharing and lock violations
            _ when e is UnauthorizedAccessException => Rules.IoPermissionDenied,
            13 or 1 when !OperatingSystem.IsWindows() => Rules.IoPermissionDenied,      // EACCES, EPERM
            5 when OperatingSystem.IsWindows() => Rules.IoPermissionDenied,             // ERROR_ACCESS_DENIED
            _ => Rules.IoFailed,
        };
    }

    private static int? Code(Exception e)
    {
        if (e is not (IOException or UnauthorizedAccessException)) return null;
        var h = e.HResult;
        if ((h & 0xFFFF0000) == 0x80070000) return h & 0xFFFF;
        return h is > 0 and < 4096 ? h : null;
    }

    private static string Headline(RuleInfo rule) => rule.Name switch
    {
        "io.no-space" => "no space left on the device:",
        "io.read-only" => "the file system is read-only:",
        "io.permission-denied" => "permission denied:",
        "io.path-too-long" => "the path is too long for the file system:",
        "io.file-in-use" => "the file is in use by another process:",
        _ => "a file operation failed:",
    };

    private static string Advice(RuleInfo rule) => rule.Name switch
    {
        "io.no-space" => "free some space or choose another --output; the previous site is unchanged",
        "io.read-only" => "choose an --output on a writable file system; the previous site is unchanged",
        "io.permission-denied" => "give this user access to the folder, or choose another --output; the previous site is unchanged",
        "io.path-too-long" => "choose a shorter --output folder or shorter file and slug names; the previous site is unchanged",
        "io.file-in-use" => "close the program that holds it and build again; the previous site is unchanged",
        _ => "the previous site is unchanged",
    };

    private static string ReadAdvice(RuleInfo rule) => rule.Name switch
    {
        "io.permission-denied" => "give this user read access; nothing was written",
        "io.file-in-use" => "close the program that holds it and build again; nothing was written",
        _ => "nothing was written",
    };

    /// <summary>The exception's message without the path it repeats (the diagnostic names the path once).</summary>
    private static string Strip(string message, string path)
    {
        if (path.Length == 0) return message.Trim().TrimEnd('.', ':', ' ');
        var m = message.Replace($" : '{path}'", "").Replace($"'{path}'", "").Replace(path, "").Trim().TrimEnd('.', ':', ' ');
        return m.Length == 0 ? "" : m;
    }

    private static string? PathIn(string message)
    {
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }

    /// <summary>A byte count as people read it: 812 bytes, 14.2 KB, 3.1 MB, 1.5 GB (1 KB = 1,024 bytes).</summary>
    public static string Size(long bytes)
    {
        string[] units = ["KB", "MB", "GB", "TB"];
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + (bytes == 1 ? " byte" : " bytes");
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}

/// <summary>An <see cref="IoFault"/> on its way up to the build, which reports it as one diagnostic (exit code 2).</summary>
public sealed class IoFaultException(IoFault fault) : Exception(fault.Message)
{
    public IoFault Fault { get; } = fault;
}

/// <summary>
/// Test seam: makes <see cref="IoFault.Guard(string, string, Action)"/> and the site writer throw a chosen
/// exception for chosen operations, for the code running in the arming test only (it flows with the
/// execution context into parallel loops, and not into other tests).
/// </summary>
internal static class FaultInjection
{
    private static readonly AsyncLocal<Func<string, string, Exception?>?> Plan = new();

    /// <summary>From now until the returned object is disposed, <paramref name="plan"/> (operation, path) may return an exception to throw.</summary>
    public static IDisposable Arm(Func<string, string, Exception?> plan)
    {
        var previous = Plan.Value;
        Plan.Value = plan;
        return new Disarm(() => Plan.Value = previous);
    }

    public static void Check(string operation, string path)
    {
        if (Plan.Value is { } plan && plan(operation, path) is { } e) throw e;
    }

    private sealed class Disarm(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
