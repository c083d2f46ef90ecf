using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel;

/// <summary>
/// Reads a submission workbook with ClosedXML. Sheets and headers are found by their labels
/// (Chinese or English), not by fixed addresses. Formula cells give their cached value; nothing is
/// recalculated. A file that is not a readable .xlsx gives a classified issue, never an exception.
/// </summary>
public sealed partial class SubmissionWorkbookReader : ISubmissionReader
{
    private const int HeaderSearchRows = 40;
    private const int HeaderSearchColumns = 30;

    private readonly ReaderLimits _limits;

    /// <summary>A reader with the default limits.</summary>
    public SubmissionWorkbookReader()
        : this(new ReaderLimits())
    {
    }

    /// <summary>A reader with the given limits against hostile packages.</summary>
    public SubmissionWorkbookReader(ReaderLimits limits) => _limits = limits ?? throw new ArgumentNullException(nameof(limits));

    /// <inheritdoc />
    public ReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        SniffedFormat format;
        try
        {
            format = FileSniffer.Sniff(path);
        }
        catch (IOException ex)
        {
            return ReadResult.Failed(Rules.NotAWorkbook.ForFile(path, $"无法读取文件：{ex.Message}", $"The file cannot be read: {ex.Message}"));
        }
        catch (UnauthorizedAccessException ex)
        {
            return ReadResult.Failed(Rules.NotAWorkbook.ForFile(path, $"无权读取文件：{ex.Message}", $"The file cannot be read: {ex.Message}"));
        }

        switch (format)
        {
            case SniffedFormat.NotAWorkbook:
                return ReadResult.Failed(Rules.NotAWorkbook.ForFile(path,
                    "文件不是Excel工作簿（.xlsx）。", "The file is not an Excel workbook (.xlsx).", expected: ".xlsx"));
            case SniffedFormat.EncryptedOoxml:
                return ReadResult.Failed(Rules.Encrypted.ForFile(path,
                    "工作簿设置了打开密码，请取消密码后重新上报（文件→信息→保护工作簿→用密码进行加密，清空密码）。",
                    "The workbook is password-protected; remove the password and send it again (File > Info > Protect Workbook > Encrypt with Password, clear it)."));
            case SniffedFormat.LegacyXls:
                return ReadResult.Failed(Rules.LegacyFormat.At(path, null, ".xls", ".xlsx",
                    "文件是旧版.xls格式，请用Excel或WPS“另存为”Excel工作簿（*.xlsx）后重新上报。",
                    "The file is a legacy .xls workbook; open it in Excel or WPS and use Save As > Excel Workbook (*.xlsx)."));
            case SniffedFormat.Ods:
                return ReadResult.Failed(Rules.LegacyFormat.At(path, null, ".ods", ".xlsx",
                    "文件是OpenDocument（.ods）格式，请“另存为”Excel 2007-365（.xlsx）后重新上报。",
                    "The file is an OpenDocument spreadsheet (.ods); use Save As > Excel 2007-365 (.xlsx) and send it again."));
        }

        if (PackageGuard.Check(path, _limits) is { } refused)
        {
            return ReadResult.Failed(refused);
        }

        XLWorkbook workbook;
        try
        {
            // Event tracking keeps ranges in step with inserted rows; a read-only load does not need it and is faster without.
            workbook = new XLWorkbook(path, new LoadOptions { EventTracking = XLEventTracking.Disabled });
        }
#pragma warning disable CA1031 // Any failure of the parser on a user's file is reported as a bad workbook, not a crash.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (IsMissingGraphics(ex))
            {
                // ClosedXML loads pictures through System.Drawing, which needs libgdiplus on Linux.
                return ReadResult.Failed(Rules.NotAWorkbook.ForFile(path,
                    "工作簿含有本服务器无法读取的图片或图形，请删除图片后重新上报。",
                    "The workbook contains pictures or drawings this server cannot load; remove them and send it again.",
                    found: "pictures/drawings", expected: "a workbook without pictures"));
            }

            return ReadResult.Failed(Rules.NotAWorkbook.ForFile(path,
                $"工作簿已损坏或无法解析：{ex.GetType().Name}: {FirstLine(ex.Message)}",
                $"The workbook is damaged or cannot be parsed: {ex.GetType().Name}: {FirstLine(ex.Message)}"));
        }

        using (workbook)
        {
            return Read(path, workbook);
        }
    }

    private static ReadResult Read(string path, XLWorkbook workbook)
    {
        var issues = new List<ValidationIssue>();
        var cover = FindSheet(workbook, SubmissionFormat.CoverSheetLabels, SubmissionFormat.RegionCodeLabels);
        var data = FindSheet(workbook, SubmissionFormat.IndicatorSheetLabels, SubmissionFormat.CodeHeaders, exclude: cover);

        if (cover is null)
        {
            issues.Add(Rules.MissingSheet.At(path, null, null, "封面 Cover",
                "找不到封面工作表（含“地区代码”的工作表）。", "No cover sheet (a sheet with a 'Region code' label) was found."));
        }

        if (data is null)
        {
            issues.Add(Rules.MissingSheet.At(path, null, null, "指标 Indicators",
                "找不到指标工作表（含“指标代码”表头的工作表）。", "No indicator sheet (a sheet with a 'Code' header) was found."));
        }

        if (cover is null || data is null)
        {
            return new ReadResult(null, issues);
        }

        var regionCode = CoverValue(cover, SubmissionFormat.RegionCodeLabels);
        var period = CoverValue(cover, SubmissionFormat.PeriodLabels);
        var header = FindHeader(data);
        if (header is null)
        {
            issues.Add(Rules.MissingHeader.At(path, new CellRef(data.Name, "A1"), null, "指标代码 Code / 本期数值 Value",
                "指标工作表缺少“指标代码”和“本期数值”表头。", "The indicator sheet lacks the 'Code' and 'Value' headers."));
            return new ReadResult(null, issues);
        }

        var submission = new Submission
        {
            SourcePath = path,
            RegionCode = regionCode ?? new CoverField(null, new CellRef(cover.Name, "C5")),
            PeriodText = period ?? new CoverField(null, new CellRef(cover.Name, "C7")),
            Submitter = CoverValue(cover, SubmissionFormat.SubmitterLabels),
            Contact = CoverValue(cover, SubmissionFormat.ContactLabels),
            FilledOn = CoverValue(cover, SubmissionFormat.FilledOnLabels),
            Values = ReadValues(data, header.Value),
        };
        return new ReadResult(submission, issues);
    }

    private static IXLWorksheet? FindSheet(XLWorkbook workbook, string[] nameHints, string[] labels, IXLWorksheet? exclude = null)
    {
        var candidates = workbook.Worksheets.Where(w => w != exclude && w.Visibility == XLWorksheetVisibility.Visible).ToList();
        return candidates.FirstOrDefault(w => nameHints.Any(h => w.Name.Contains(h, StringComparison.OrdinalIgnoreCase)) && FindLabel(w, labels) is not null)
            ?? candidates.FirstOrDefault(w => FindLabel(w, labels) is not null);
    }

    private static IXLCell? FindLabel(IXLWorksheet sheet, string[] labels)
    {
        // Only cells that exist in the search window, in row then column order: the same first match as
        // visiting every address, without ClosedXML creating a cell object for each empty one.
        foreach (var cell in UsedCells(sheet.Range(1, 1, HeaderSearchRows, HeaderSearchColumns)))
        {
            if (cell.DataType == XLDataType.Text && SubmissionFormat.Matches(CellText(cell), labels))
            {
                return cell;
            }
        }

        return null;
    }

    private static IEnumerable<IXLCell> UsedCells(IXLRange range) =>
        range.CellsUsed().OrderBy(c => c.Address.RowNumber).ThenBy(c => c.Address.ColumnNumber);

    /// <summary>The value beside a cover label: the first non-empty cell to its right that is not itself a label.</summary>
    private static CoverField? CoverValue(IXLWorksheet cover, string[] labels)
    {
        var label = FindLabel(cover, labels);
        if (label is null)
        {
            return null;
        }

        var row = label.Address.RowNumber;
        for (var c = label.Address.ColumnNumber + 1; c <= label.Address.ColumnNumber + 6; c++)
        {
            var cell = cover.Cell(row, c);
            var text = CellText(cell);
            if (string.IsNullOrWhiteSpace(text) || (cell.DataType == XLDataType.Text && SubmissionFormat.Matches(text, labels)) || IsAnyCoverLabel(text))
            {
                continue;
            }

            return new CoverField(text.Trim(), new CellRef(cover.Name, cell.Address.ToString()!));
        }

        return new CoverField(null, new CellRef(cover.Name, cover.Cell(row, label.Address.ColumnNumber + 2).Address.ToString()!));
    }

    private static bool IsAnyCoverLabel(string text) =>
        SubmissionFormat.Matches(text, ["item", "项目"]) ||
        SubmissionFormat.Matches(text, SubmissionFormat.RegionCodeLabels) || SubmissionFormat.Matches(text, SubmissionFormat.PeriodLabels) ||
        SubmissionFormat.Matches(text, SubmissionFormat.SubmitterLabels) || SubmissionFormat.Matches(text, SubmissionFormat.ContactLabels) ||
        SubmissionFormat.Matches(text, SubmissionFormat.FilledOnLabels);

    private readonly record struct HeaderLayout(int LastHeaderRow, int Code, int Value, int? Unit, int? Explanation);

    private static HeaderLayout? FindHeader(IXLWorksheet sheet)
    {
        var codeCell = FindLabel(sheet, SubmissionFormat.CodeHeaders);
        if (codeCell is null)
        {
            return null;
        }

        // The header may span two rows (Chinese above English); read columns from both.
        var row = codeCell.Address.RowNumber;
        var headerRows = new[] { row, row + 1 }
            .Select(r => UsedCells(sheet.Range(r, 1, r, HeaderSearchColumns)).Select(c => (Column: c.Address.ColumnNumber, Text: CellText(c))).ToList())
            .ToArray();
        int? Find(string[] labels)
        {
            foreach (var cells in headerRows)
            {
                foreach (var (column, text) in cells)
                {
                    if (SubmissionFormat.Matches(text, labels))
                    {
                        return column;
                    }
                }
            }

            return null;
        }

        var value = Find(SubmissionFormat.ValueHeaders);
        if (value is null)
        {
            return null;
        }

        var secondRowIsHeader = headerRows[1].Any(c =>
            SubmissionFormat.Matches(c.Text, SubmissionFormat.CodeHeaders) ||
            SubmissionFormat.Matches(c.Text, SubmissionFormat.ValueHeaders));
        return new HeaderLayout(secondRowIsHeader ? row + 1 : row, codeCell.Address.ColumnNumber, value.Value,
            Find(SubmissionFormat.UnitHeaders), Find(SubmissionFormat.ExplanationHeaders));
    }

    private static List<SubmittedValue> ReadValues(IXLWorksheet sheet, HeaderLayout layout)
    {
        var values = new List<SubmittedValue>();
        // Rows are those with a code: the used cells of the code column below the header, in row order.
        foreach (var codeCell in UsedCells(sheet.Range(layout.LastHeaderRow + 1, layout.Code, XLHelper.MaxRowNumber, layout.Code)))
        {
            var r = codeCell.Address.RowNumber;
            var code = CellText(codeCell).Trim();
            if (code.Length == 0)
            {
                continue;
            }

            var valueCell = sheet.Cell(r, layout.Value);
            var (number, text, isError) = ReadValue(valueCell);
            var explanation = layout.Explanation is { } e ? NullIfBlank(CellText(sheet.Cell(r, e))) : null;
            var unit = layout.Unit is { } u ? NullIfBlank(CellText(sheet.Cell(r, u))) : null;
            values.Add(new SubmittedValue(code, number, text, unit, explanation,
                new CellRef(sheet.Name, valueCell.Address.ToString()!), new CellRef(sheet.Name, codeCell.Address.ToString()!))
            {
                IsExcelError = isError,
            });
        }

        return values;
    }

    private static (decimal? Number, string? Text, bool IsError) ReadValue(IXLCell cell)
    {
        var raw = RawValue(cell);
        switch (raw)
        {
            case null:
                return (null, null, false);
            case double d when double.IsFinite(d):
                return ((decimal)d, null, false);
            case DateTime dt:
                return (null, dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false);
            case bool b:
                return (null, b ? "TRUE" : "FALSE", false);
            default:
                var text = Convert.ToString(raw, CultureInfo.InvariantCulture) ?? string.Empty;
                return string.IsNullOrWhiteSpace(text) ? (null, null, false) : (null, text, ExcelError().IsMatch(text.Trim()));
        }
    }

    /// <summary>The cell's value without recalculating: a formula's cached value, else the stored value.</summary>
    private static object? RawValue(IXLCell cell)
    {
        if (cell.HasFormula)
        {
            var cached = cell.CachedValue;
            if (cached is string s && cell.DataType == XLDataType.Number &&
                double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }

            return cached is string { Length: 0 } ? null : cached;
        }

        if (cell.IsEmpty())
        {
            return null;
        }

        return cell.DataType switch
        {
            XLDataType.Number => cell.GetDouble(),
            XLDataType.DateTime => cell.GetDateTime(),
            XLDataType.Boolean => cell.GetBoolean(),
            _ => cell.GetString(),
        };
    }

    private static string CellText(IXLCell cell) => RawValue(cell) switch
    {
        null => string.Empty,
        DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("G15", CultureInfo.InvariantCulture),
        var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static bool IsMissingGraphics(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is DllNotFoundException || (e is TypeInitializationException t && t.TypeName.Contains("Gdip", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    [GeneratedRegex(@"^#(DIV/0!|REF!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$")]
    private static partial Regex ExcelError();
}
