using System.Globalization;
using NPOI.HSSF.UserModel;
using NPOI.SS.UserModel;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel.Cells;

/// <summary>
/// Reads a legacy Excel 97-2003 (.xls) workbook into the same cell model as an .xlsx, with NPOI's
/// HSSF reader: cell types as stored (error values and formulas with their cached results kept),
/// dates by their number format, merged ranges, column widths, hidden sheets. Formulas are never
/// evaluated. The sheet limits of <see cref="ReaderLimits"/> apply as for .xlsx.
/// </summary>
internal static class XlsCellReader
{
    public static WorkbookLoad Load(string path, ReaderLimits limits, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var workbook = new HSSFWorkbook(stream);
            var date1904 = Uses1904Dates(workbook);
            var sheets = new List<WorksheetCells>();
            long cellsLeft = limits.MaxCells;
            for (var i = 0; i < workbook.NumberOfSheets; i++)
            {
                var sheet = workbook.GetSheetAt(i);
                var visibility = workbook.IsSheetVeryHidden(i) ? SheetVisibility.VeryHidden
                    : workbook.IsSheetHidden(i) ? SheetVisibility.Hidden : SheetVisibility.Visible;
                var cells = new List<WorkbookCell>();
                var lastColumn = 0;
                foreach (IRow row in sheet)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (row.RowNum + 1 > limits.MaxRows)
                    {
                        return Refused(path, sheet.SheetName, Inv($"row {row.RowNum + 1}"), Inv($"at most {limits.MaxRows} rows"),
                            Inv($"行数超过上限{limits.MaxRows}"), Inv($"uses row {row.RowNum + 1}, beyond the limit of {limits.MaxRows} rows"));
                    }

                    foreach (var cell in row.Cells)
                    {
                        if (cell.ColumnIndex + 1 > limits.MaxColumns)
                        {
                            return Refused(path, sheet.SheetName, Inv($"column {cell.ColumnIndex + 1}"), Inv($"at most {limits.MaxColumns} columns"),
                                Inv($"列数超过上限{limits.MaxColumns}"), Inv($"uses column {cell.ColumnIndex + 1}, beyond the limit of {limits.MaxColumns} columns"));
                        }

                        if (--cellsLeft < 0)
                        {
                            return Refused(path, sheet.SheetName, Inv($"over {limits.MaxCells} cells"), Inv($"at most {limits.MaxCells} cells"),
                                Inv($"单元格总数超过上限{limits.MaxCells:N0}"), Inv($"holds more than {limits.MaxCells:N0} cells in all"));
                        }

                        if (Convert(cell, date1904) is { } converted)
                        {
                            cells.Add(converted.HasFormula ? converted with { Formula = FormulaText(cell) } : converted);
                            lastColumn = Math.Max(lastColumn, converted.Column);
                        }
                    }
                }

                var merged = Enumerable.Range(0, sheet.NumMergedRegions).Select(sheet.GetMergedRegion)
                    .Select(r => new MergedRange(r.FirstRow + 1, r.FirstColumn + 1, r.LastRow + 1, r.LastColumn + 1)).ToList();
                var widths = new Dictionary<int, double>();
                for (var c = 0; c < Math.Min(lastColumn, 256); c++)
                {
                    widths[c + 1] = Math.Round(sheet.GetColumnWidth(c) / 256.0, 2);
                }

                sheets.Add(new WorksheetCells(sheet.SheetName, visibility, cells, merged, widths));
            }

            return new WorkbookLoad(new WorkbookCells(path, WorkbookFormat.Xls, date1904, sheets), null);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex) when (ex.GetType().FullName?.Contains("EncryptedDocumentException", StringComparison.Ordinal) == true)
        {
            return new WorkbookLoad(null, Rules.Encrypted.ForFile(path,
                "工作簿设置了打开密码，请取消密码后重新上报。", "The workbook is password-protected; remove the password and send it again."));
        }
#pragma warning disable CA1031 // Any failure of the parser on a user's file is reported as a bad workbook, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var line = ex.Message.Split('\n')[0].Trim();
            line = line.Length > 160 ? line[..160] + "…" : line;
            return new WorkbookLoad(null, Rules.NotAWorkbook.ForFile(path,
                $".xls工作簿已损坏或无法解析：{line}", $"The .xls workbook is damaged or cannot be parsed: {line}", expected: ".xls or .xlsx"));
        }
    }

    private static WorkbookCell? Convert(ICell cell, bool date1904)
    {
        var row = cell.RowIndex + 1;
        var column = cell.ColumnIndex + 1;
        var hasFormula = cell.CellType == CellType.Formula;
        var type = hasFormula ? cell.CachedFormulaResultType : cell.CellType;
        switch (type)
        {
            case CellType.Numeric:
                var number = cell.NumericCellValue;
                if (DateUtil.IsCellDateFormatted(cell) && ExcelDates.FromSerial(number, date1904) is not null)
                {
                    // NPOI applies the workbook's own date system.
                    return new WorkbookCell(row, column, CellKind.Date, number, ExcelDates.ToIso(cell.DateCellValue), hasFormula, true);
                }

                return new WorkbookCell(row, column, CellKind.Number, number, null, hasFormula, true);
            case CellType.String:
                var rich = cell.RichStringCellValue;
                var kind = hasFormula ? CellKind.FormulaString : rich.NumFormattingRuns > 0 ? CellKind.RichString : CellKind.SharedString;
                return new WorkbookCell(row, column, kind, 0, rich.String, hasFormula, true);
            case CellType.Boolean:
                return new WorkbookCell(row, column, CellKind.Boolean, cell.BooleanCellValue ? 1 : 0, null, hasFormula, true);
            case CellType.Error:
                return new WorkbookCell(row, column, CellKind.Error, 0, FormulaErrorText(cell.ErrorCellValue), hasFormula, true);
            default:
                return hasFormula ? new WorkbookCell(row, column, CellKind.Empty, 0, null, true, false) : null;
        }
    }

    /// <summary>The formula as text, where NPOI can render it.</summary>
    private static string? FormulaText(ICell cell)
    {
        try
        {
            return cell.CellFormula;
        }
#pragma warning disable CA1031 // A formula NPOI cannot render is simply not recomputed.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>The workbook's date system; NPOI 2.4 keeps it on its internal record model only.</summary>
    private static bool Uses1904Dates(HSSFWorkbook workbook) =>
        typeof(HSSFWorkbook).GetProperty("Workbook", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)?.GetValue(workbook)
            is NPOI.HSSF.Model.InternalWorkbook { IsUsing1904DateWindowing: true };

    private static string FormulaErrorText(byte code) => code switch
    {
        0x00 => "#NULL!",
        0x07 => "#DIV/0!",
        0x0F => "#VALUE!",
        0x17 => "#REF!",
        0x1D => "#NAME?",
        0x24 => "#NUM!",
        0x2A => "#N/A",
        _ => "#ERROR!",
    };

    private static WorkbookLoad Refused(string path, string sheet, string found, string expected, string zh, string en) =>
        new(null, Rules.SheetTooBig.ForFile(path, $"工作表（{sheet}）{zh}；报表只需“指标”表，请删除多余内容后重新上报。",
            $"The worksheet ({sheet}) {en}; a return needs only its indicator sheet, so remove the rest and send it again.",
            found: found, expected: expected));

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
