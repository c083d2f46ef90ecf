using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel;

/// <summary>
/// The package limits alone: streams every part of a workbook through the reader's checks (the
/// bytes each part really expands to, XML nesting depth, each sheet's rows, columns and cells)
/// without keeping what it reads. The reader applies the same checks in its own single pass; this
/// is for callers that must vet a file before another program opens it.
/// </summary>
public static class PackageGuard
{
    /// <summary>The issue that refuses the package, or null when it is within the limits.</summary>
    public static ValidationIssue? Check(string path, ReaderLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var format = FileSniffer.Sniff(path);
        return format is SniffedFormat.Xlsx or SniffedFormat.LegacyXls ? WorkbookFile.Load(path, limits).Refused : null;
    }
}
