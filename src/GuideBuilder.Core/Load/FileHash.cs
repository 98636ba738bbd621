using System.Security.Cryptography;

namespace GuideBuilder.Load;

/// <summary>The SHA-256 of a file's bytes, as lower-case hex: the one way the build cache, its memo and the writer hash a file.</summary>
public static class FileHash
{
    /// <summary>The SHA-256 of the file at <paramref name="path"/>, read as a stream; throws what reading it throws.</summary>
    public static string Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// The SHA-256 of a file for a cache key: "none" when it is not there, and when it cannot be read a value
    /// that matches nothing (so a key made of it is never found).
    /// </summary>
    public static string ForKey(string path)
    {
        try
        {
            return File.Exists(path) ? Of(path) : "none";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Guid.NewGuid().ToString();
        }
    }
}
