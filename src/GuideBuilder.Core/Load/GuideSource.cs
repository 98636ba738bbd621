using System.Buffers;
using System.Text;
using GuideBuilder.Diagnostics;

namespace GuideBuilder.Load;

/// <summary>A guide as read from disk: front matter parsed, body lines mapped to source lines.</summary>
public sealed record GuideSource(
    string FullPath,
    string SiteRelativePath,
    string ContentRelativePath,
    FrontMatter Meta,
    SourceLines Body)
{
    /// <summary>Content-relative paths of the files its include directives name (read by the include scan when the source is loaded).</summary>
    public IReadOnlyList<string> Includes { get; init; } = [];
}

/// <summary>Reads one .md file: encoding checks, BOM, line endings, front matter.</summary>
public static class GuideReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads a guide, or reports why it cannot be used and returns null. With <paramref name="sha256"/> (32 bytes),
    /// the SHA-256 of the bytes read is put there (the build cache's key for what the guide says).
    /// </summary>
    public static GuideSource? Read(string fullPath, string siteRelative, string contentRelative, DiagnosticBag diagnostics, byte[]? sha256 = null)
    {
        // The bytes only live until they are decoded: read them into a pooled buffer.
        byte[]? rented = null;
        int length;
        try
        {
            FaultInjection.Check("reading", fullPath);
            using var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            var size = RandomAccess.GetLength(handle);
            if (size > MaxPooled) return Hashed(File.ReadAllBytes(fullPath), sha256, fullPath, siteRelative, contentRelative, diagnostics);
            rented = ArrayPool<byte>.Shared.Rent((int)size + 1);
            length = 0;
            while (true)
            {
                var read = RandomAccess.Read(handle, rented.AsSpan(length), length);
                if (read == 0) break;
                length += read;
                if (length == rented.Length)
                {
                    // The file grew while it was read: take it whole the simple way.
                    ArrayPool<byte>.Shared.Return(rented);
                    rented = null;
                    return Hashed(File.ReadAllBytes(fullPath), sha256, fullPath, siteRelative, contentRelative, diagnostics);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            // A guide deleted since discovery is the content's business; anything else that stops a read is the machine's.
            if (e is FileNotFoundException or DirectoryNotFoundException)
            {
                diagnostics.Report(Rules.SourceUnreadable, new SourceLocation(siteRelative, 1, 1), $"cannot read the file: {e.Message}");
            }
            else
            {
                IoFault.From(e, "reading", fullPath).ReportTo(diagnostics, siteRelative, 1, 1);
            }
            return null;
        }
        try
        {
            if (sha256 is not null) System.Security.Cryptography.SHA256.HashData(rented.AsSpan(0, length), sha256);
            return Parse(rented.AsSpan(0, length), fullPath, siteRelative, contentRelative, diagnostics);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static GuideSource? Hashed(byte[] bytes, byte[]? sha256, string fullPath, string siteRelative, string contentRelative, DiagnosticBag diagnostics)
    {
        if (sha256 is not null) System.Security.Cryptography.SHA256.HashData(bytes, sha256);
        return Parse(bytes, fullPath, siteRelative, contentRelative, diagnostics);
    }

    /// <summary>Files up to this size are read into a pooled buffer.</summary>
    private const long MaxPooled = 16 * 1024 * 1024;

    /// <summary>Parses the bytes of a guide (exposed for tests and fuzzing).</summary>
    public static GuideSource? Parse(byte[] bytes, string fullPath, string siteRelative, string contentRelative, DiagnosticBag diagnostics) =>
        Parse(bytes.AsSpan(), fullPath, siteRelative, contentRelative, diagnostics);

    private static GuideSource? Parse(ReadOnlySpan<byte> bytes, string fullPath, string siteRelative, string contentRelative, DiagnosticBag diagnostics)
    {
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            diagnostics.Report(Rules.SourceUnreadable, new SourceLocation(siteRelative, 1, 1), "the file is UTF-16 text; save it as UTF-8");
            return null;
        }
        if (bytes.IndexOf((byte)0) is var nulByte and >= 0)
        {
            var (line, col) = PositionOfByte(bytes, nulByte);
            diagnostics.Report(Rules.SourceUnreadable, new SourceLocation(siteRelative, line, col), "the file holds NUL bytes: it looks binary, not Markdown");
            return null;
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var (line, col) = PositionOfByte(bytes, e.Index);
            diagnostics.Report(Rules.SourceUnreadable, new SourceLocation(siteRelative, line, col),
                $"the file is not valid UTF-8 text (bad byte 0x{(e.Index >= 0 && e.Index < bytes.Length ? bytes[e.Index] : 0):X2}); save it as UTF-8");
            return null;
        }
        if (string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')))
        {
            diagnostics.Report(Rules.SourceEmpty, new SourceLocation(siteRelative, 1, 1), "the file is empty; it is skipped (write a title and some text, or delete it)");
            return null;
        }
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Report(Rules.SourceEmpty, new SourceLocation(siteRelative, 1, 1),
                "the file is empty: write the guide (front matter and text) or delete the file; the page is skipped");
            return null;
        }
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var lines = text.Split('\n');
        if (lines.Length > 0 && lines[^1].Length == 0) lines = lines[..^1];

        var bodyStart = 0;
        var meta = new FrontMatter();
        if (lines.Length > 0 && lines[0].TrimEnd() == "---")
        {
            var close = -1;
            for (var i = 1; i < lines.Length; i++)
            {
                var t = lines[i].TrimEnd();
                if (t is "---" or "...")
                {
                    close = i;
                    break;
                }
            }
            if (close < 0)
            {
                diagnostics.Report(Rules.FrontMatterInvalid, new SourceLocation(siteRelative, 1, 1),
                    "front matter opened with '---' is never closed (add a '---' line after the last key)");
                return null;
            }
            try
            {
                meta = FrontMatterParser.Parse(lines, 1, close - 1, firstLine: 2, (rule, message, line, col) =>
                    diagnostics.Report(rule, new SourceLocation(siteRelative, line, col), message));
            }
            catch (FrontMatterException e)
            {
                diagnostics.Report(Rules.FrontMatterInvalid, new SourceLocation(siteRelative, e.Line, e.Column), e.Message + "; the page is skipped");
                return null;
            }
            bodyStart = close + 1;
        }
        meta = DateFallback(meta, contentRelative, siteRelative, diagnostics);
        var bodyLines = lines[bodyStart..];
        var map = new int[bodyLines.Length];
        for (var i = 0; i < map.Length; i++) map[i] = bodyStart + i + 1;
        return new GuideSource(fullPath, siteRelative, contentRelative, meta, new SourceLines(bodyLines, map));
    }

    /// <summary>
    /// A page without <c>date</c> is dated from its <c>created</c> or <c>published</c> key, else from a Jekyll
    /// file name (<c>2019-11-08-title.md</c>); either is reported as information.
    /// </summary>
    private static FrontMatter DateFallback(FrontMatter meta, string contentRelative, string siteRelative, DiagnosticBag diagnostics)
    {
        if (meta.Date is not null) return meta;
        if (meta.Created is { } created)
        {
            var line = meta.KeyLines.GetValueOrDefault(meta.CreatedKey ?? "", 1);
            diagnostics.Report(Rules.FrontMatterDateFallback, new SourceLocation(siteRelative, line, 1),
                $"no 'date': the page is dated {created:yyyy-MM-dd} from its '{meta.CreatedKey}' key");
            return meta with { Date = created };
        }
        var name = Path.GetFileName(contentRelative);
        if (name.Length > 11 && name[10] == '-'
            && DateTimeOffset.TryParseExact(name[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var fromName))
        {
            diagnostics.Report(Rules.FrontMatterDateFallback, new SourceLocation(siteRelative, 1, 1),
                $"no 'date': the page is dated {fromName:yyyy-MM-dd} from its file name");
            return meta with { Date = fromName };
        }
        return meta;
    }

    private static (int Line, int Column) PositionOfByte(ReadOnlySpan<byte> bytes, int index)
    {
        int line = 1, col = 1;
        for (var i = 0; i < index && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n') { line++; col = 1; }
            else if ((bytes[i] & 0xC0) != 0x80) col++;
        }
        return (line, col);
    }
}
