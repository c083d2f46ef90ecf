using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Excel.Reading;

/// <summary>
/// Everything one read of a workbook found: its cells, what it was taken for and why, which sheet,
/// column or cell was taken for what, and the outcome the importer uses.
/// </summary>
/// <param name="Workbook">The cells, or null when the file could not be read at all.</param>
/// <param name="Kind">Return, bulletin or unknown.</param>
/// <param name="Reason">Why it was taken for that kind, in one sentence.</param>
/// <param name="Layout">The reader's decisions about the layout.</param>
/// <param name="Result">The submission or bulletin table and the issues found while reading.</param>
public sealed record WorkbookReading(WorkbookCells? Workbook, WorkbookKind Kind, string Reason, IReadOnlyList<LayoutEntry> Layout, ReadResult Result);
