namespace Prosperity.Etl.Excel.Cells;

/// <summary>
/// A whole workbook as its file stored it, read in one streaming pass: every sheet with its cells,
/// merged ranges and column widths, hidden sheets included, and the date system. Nothing is
/// recalculated; pictures, charts, comments, macros and the like are not part of it.
/// </summary>
public sealed class WorkbookCells(string path, WorkbookFormat format, bool date1904, IReadOnlyList<WorksheetCells> sheets)
{
    /// <summary>The file it was read from.</summary>
    public string Path { get; } = path;

    /// <summary>The file format.</summary>
    public WorkbookFormat Format { get; } = format;

    /// <summary>True when serial dates count from 1904-01-01 (the Mac date system).</summary>
    public bool Date1904 { get; } = date1904;

    /// <summary>The sheets in workbook (tab) order.</summary>
    public IReadOnlyList<WorksheetCells> Sheets { get; } = sheets;

    /// <summary>The sheet with the name, or null.</summary>
    public WorksheetCells? Sheet(string name) => Sheets.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The number of stored cells in all sheets.</summary>
    public long CellCount => Sheets.Sum(s => (long)s.Cells.Count);
}
