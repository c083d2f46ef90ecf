using System.IO.Compression;
using System.Text;

namespace Prosperity.Etl.Excel;

/// <summary>What a file really is, judged by its bytes rather than its name.</summary>
public enum SniffedFormat
{
    /// <summary>An Office Open XML package (.xlsx, .xlsm).</summary>
    Xlsx,

    /// <summary>An encrypted (password-protected) OOXML file inside a compound file.</summary>
    EncryptedOoxml,

    /// <summary>A legacy binary Excel 97-2003 workbook (.xls).</summary>
    LegacyXls,

    /// <summary>An OpenDocument spreadsheet (.ods).</summary>
    Ods,

    /// <summary>An Excel 2.x-4.x worksheet: a bare BIFF2-4 record stream without the compound file of later .xls.</summary>
    LegacyBiff,

    /// <summary>Empty, truncated, or not a spreadsheet at all.</summary>
    NotAWorkbook,
}

/// <summary>Classifies a file by its signature before any parser sees it.</summary>
public static class FileSniffer
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CompoundFileSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage");

    /// <summary>Classifies the file at <paramref name="path"/>.</summary>
    public static SniffedFormat Sniff(string path)
    {
        using var stream = File.OpenRead(path);
        return Sniff(stream);
    }

    /// <summary>Classifies a seekable stream; the position is restored.</summary>
    public static SniffedFormat Sniff(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var start = stream.Position;
        try
        {
            Span<byte> head = stackalloc byte[8];
            var n = stream.ReadAtLeast(head, 8, throwOnEndOfStream: false);
            if (n >= 4 && head[..4].SequenceEqual(ZipSignature))
            {
                stream.Position = start;
                return IsOds(stream) ? SniffedFormat.Ods : SniffedFormat.Xlsx;
            }

            if (n == 8 && head.SequenceEqual(CompoundFileSignature))
            {
                stream.Position = start;
                return ContainsEncryptedPackage(stream) ? SniffedFormat.EncryptedOoxml : SniffedFormat.LegacyXls;
            }

            // A BOF record (0x0009, 0x0209 or 0x0409) opening a bare BIFF2-4 stream, length 4-16.
            if (n >= 4 && head[0] == 0x09 && head[1] is 0x00 or 0x02 or 0x04 && head[2] is >= 4 and <= 16 && head[3] == 0)
            {
                return SniffedFormat.LegacyBiff;
            }

            return SniffedFormat.NotAWorkbook;
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static bool IsOds(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            var mimetype = zip.GetEntry("mimetype");
            if (mimetype is null || mimetype.Length > 200)
            {
                return false;
            }

            using var reader = new StreamReader(mimetype.Open());
            return reader.ReadToEnd().Contains("opendocument.spreadsheet", StringComparison.Ordinal);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static bool ContainsEncryptedPackage(Stream stream)
    {
        // The directory of a compound file is small; the stream name is stored in UTF-16.
        var buffer = new byte[Math.Min(stream.Length, 1 << 20)];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return buffer.AsSpan(0, read).IndexOf(EncryptedPackageName) >= 0;
    }
}
