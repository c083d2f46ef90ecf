using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel;

/// <summary>
/// Streams through every part of an .xlsx package with <see cref="ZipArchive"/> before the workbook
/// parser sees it: counts the bytes each part really expands to (a zip header can lie), and the rows,
/// columns and cells of each worksheet. A zip bomb or a giant sheet is refused with a clear issue
/// while only a small buffer is in memory.
/// </summary>
public static class PackageGuard
{
    /// <summary>The issue that refuses the package, or null when it is within the limits.</summary>
    public static ValidationIssue? Check(string path, ReaderLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            if (zip.Entries.Count > limits.MaxEntries)
            {
                return Rules.ExpandsTooMuch.ForFile(path,
                    Inv($"压缩包含{zip.Entries.Count}个部件，超过上限{limits.MaxEntries}。"),
                    Inv($"The package has {zip.Entries.Count} parts, above the limit of {limits.MaxEntries}."),
                    found: Inv($"{zip.Entries.Count} parts"), expected: Inv($"at most {limits.MaxEntries} parts"));
            }

            var budget = new Budget(limits);
            foreach (var entry in zip.Entries)
            {
                var issue = Scan(path, entry, limits, budget);
                if (issue is not null)
                {
                    return issue;
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or XmlException or EndOfStreamException)
        {
            var line = ex.Message.Split('\n')[0].Trim();
            return Rules.NotAWorkbook.ForFile(path, $"工作簿压缩包已损坏：{line}", $"The workbook package is damaged: {line}", expected: ".xlsx");
        }
    }

    private sealed class Budget(ReaderLimits limits)
    {
        public long ExpandedLeft { get; set; } = limits.MaxExpandedBytes;

        public long CellsLeft { get; set; } = limits.MaxCells;
    }

    private static ValidationIssue? Scan(string path, ZipArchiveEntry entry, ReaderLimits limits, Budget budget)
    {
        var name = entry.FullName.Replace('\\', '/');
        var ratioCap = Math.Max(limits.RatioFloorBytes, entry.CompressedLength * (long)limits.MaxCompressionRatio);
        using var counted = new CountingStream(entry.Open(), Math.Min(ratioCap, budget.ExpandedLeft));
        ValidationIssue? issue = null;
        try
        {
            if (name.Contains("worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                issue = ScanSheet(path, name, counted, limits, budget);
            }
            else
            {
                counted.CopyTo(Stream.Null);
            }
        }
        catch (LimitExceededException)
        {
            var byRatio = ratioCap < budget.ExpandedLeft;
            return byRatio
                ? Rules.ExpandsTooMuch.ForFile(path,
                    Inv($"部件{name}的压缩比超过{limits.MaxCompressionRatio}:1（疑似压缩炸弹）。"),
                    Inv($"The part {name} expands more than {limits.MaxCompressionRatio}:1 (a zip bomb?)."),
                    found: Inv($"{entry.CompressedLength} bytes compressed, over {counted.Count} expanded"),
                    expected: Inv($"at most {limits.MaxCompressionRatio}:1"))
                : Rules.ExpandsTooMuch.ForFile(path,
                    Inv($"工作簿解压后超过{limits.MaxExpandedBytes:N0}字节。"),
                    Inv($"The workbook expands to more than {limits.MaxExpandedBytes:N0} bytes."),
                    found: Inv($"over {limits.MaxExpandedBytes} bytes expanded"), expected: Inv($"at most {limits.MaxExpandedBytes} bytes"));
        }

        budget.ExpandedLeft -= counted.Count;
        return issue;
    }

    private static ValidationIssue? ScanSheet(string path, string part, Stream stream, ReaderLimits limits, Budget budget)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        using var xml = XmlReader.Create(stream, settings);
        var nextRow = 0;
        var nextColumn = 0;
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "row")
            {
                nextRow = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : nextRow + 1;
                nextColumn = 0;
                if (nextRow > limits.MaxRows)
                {
                    return SheetTooBig(path, part, Inv($"row {nextRow}"), Inv($"at most {limits.MaxRows} rows"),
                        Inv($"行数超过上限{limits.MaxRows}"), Inv($"uses row {nextRow}, beyond the limit of {limits.MaxRows} rows"));
                }
            }
            else if (xml.LocalName == "c")
            {
                nextColumn = ColumnOf(xml.GetAttribute("r")) ?? nextColumn + 1;
                if (nextColumn > limits.MaxColumns)
                {
                    return SheetTooBig(path, part, Inv($"column {nextColumn}"), Inv($"at most {limits.MaxColumns} columns"),
                        Inv($"列数超过上限{limits.MaxColumns}"), Inv($"uses column {nextColumn}, beyond the limit of {limits.MaxColumns} columns"));
                }

                if (--budget.CellsLeft < 0)
                {
                    return SheetTooBig(path, part, Inv($"over {limits.MaxCells} cells"), Inv($"at most {limits.MaxCells} cells"),
                        Inv($"单元格总数超过上限{limits.MaxCells:N0}"), Inv($"holds more than {limits.MaxCells:N0} cells in all"));
                }
            }
        }

        return null;
    }

    private static ValidationIssue SheetTooBig(string path, string part, string found, string expected, string zh, string en) =>
        Rules.SheetTooBig.ForFile(path, $"工作表（{part}）{zh}；报表只需“指标”表，请删除多余内容后重新上报。",
            $"The worksheet ({part}) {en}; a return needs only its indicator sheet, so remove the rest and send it again.",
            found: found, expected: expected);

    /// <summary>The column number of an A1 reference ("AB12" gives 28), or null.</summary>
    private static int? ColumnOf(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var n = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z')
            {
                n = (n * 26) + (ch - 'A' + 1);
                if (n > 1_000_000)
                {
                    return n;
                }
            }
            else
            {
                break;
            }
        }

        return n == 0 ? null : n;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class LimitExceededException : Exception
    {
    }

    /// <summary>Counts what is read and stops at a limit, whatever the zip header declared.</summary>
    private sealed class CountingStream(Stream inner, long limit) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            if (Count > limit)
            {
                throw new LimitExceededException();
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
