using System.Runtime.InteropServices;

namespace GuideBuilder.Write;

/// <summary>A second name for an existing file (same inode, same time stamp): how an unchanged file is carried into a new build.</summary>
internal static class HardLink
{
    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int Link(string existing, string newPath);

    [DllImport("kernel32", EntryPoint = "CreateHardLinkW", SetLastError = true, CharSet = CharSet.Unicode)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CreateHardLink(string newPath, string existing, IntPtr securityAttributes);

    /// <summary>True when <paramref name="newPath"/> now names the file <paramref name="existing"/>; false when links are not possible here.</summary>
    public static bool TryCreate(string existing, string newPath)
    {
        try
        {
            return OperatingSystem.IsWindows() ? CreateHardLink(newPath, existing, IntPtr.Zero) : Link(existing, newPath) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }
}
