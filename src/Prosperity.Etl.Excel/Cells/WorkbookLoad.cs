using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel.Cells;

/// <summary>The outcome of reading a file's cells: the workbook, or the one issue that refused it.</summary>
public sealed record WorkbookLoad(WorkbookCells? Workbook, ValidationIssue? Refused);
