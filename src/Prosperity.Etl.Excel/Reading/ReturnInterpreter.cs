using System.Globalization;
using System.Text.RegularExpressions;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Import;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel.Reading;

/// <summary>
/// Reads a district return from a workbook's cells. Sheets and headers are found by their labels
/// (Chinese or English), not by fixed addresses, so inserted rows and columns, moved headers and
/// renamed sheets read the same. Every non-empty cell of the value and explanation columns below
/// the header is either taken or named in an issue: a value on a row without a code, an error value,
/// a formula without a saved result.
/// </summary>
internal static partial class ReturnInterpreter
{
    private const int HeaderSearchRows = 40;
    private const int HeaderSearchColumns = 30;

    /// <summary>True when the workbook has what a return needs to be recognised: a cover and an indicator sheet.</summary>
    public static ReturnReading Interpret(WorkbookCells workbook)
    {
        var path = workbook.Path;
        var issues = new List<ValidationIssue>();
        var layout = new List<LayoutEntry>();
        var cover = FindSheet(workbook, SubmissionFormat.CoverSheetLabels, SubmissionFormat.RegionCodeLabels, null);
        var data = FindSheet(workbook, SubmissionFormat.IndicatorSheetLabels, SubmissionFormat.CodeHeaders, cover);

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
            return new ReturnReading(null, issues, layout);
        }

        layout.Add(new LayoutEntry("cover sheet", cover.Name, null, "a sheet with a region code label"));
        layout.Add(new LayoutEntry("indicator sheet", data.Name, null, "a sheet with an indicator code header"));
        var regionCode = CoverValue(path, cover, SubmissionFormat.RegionCodeLabels, "region code", layout, issues);
        var period = CoverValue(path, cover, SubmissionFormat.PeriodLabels, "period", layout, issues);
        var header = FindHeader(data);
        if (header is null)
        {
            issues.Add(Rules.MissingHeader.At(path, new CellRef(data.Name, "A1"), null, "指标代码 Code / 本期数值 Value",
                "指标工作表缺少“指标代码”和“本期数值”表头。", "The indicator sheet lacks the 'Code' and 'Value' headers."));
            return new ReturnReading(null, issues, layout);
        }

        var h = header.Value;
        layout.Add(new LayoutEntry("indicator code column", data.Name, CellAddress.Format(h.CodeLabel.Row, h.CodeLabel.Column), h.CodeLabel.Text!));
        layout.Add(new LayoutEntry("value column", data.Name, CellAddress.Format(h.ValueLabel.Row, h.ValueLabel.Column), h.ValueLabel.Text!));
        if (h.UnitLabel is { } unitLabel)
        {
            layout.Add(new LayoutEntry("unit column", data.Name, CellAddress.Format(unitLabel.Row, unitLabel.Column), unitLabel.Text!));
        }

        if (h.ExplanationLabel is { } explanationLabel)
        {
            layout.Add(new LayoutEntry("explanation column", data.Name, CellAddress.Format(explanationLabel.Row, explanationLabel.Column), explanationLabel.Text!));
        }

        var submission = new Submission
        {
            SourcePath = path,
            RegionCode = regionCode ?? new CoverField(null, new CellRef(cover.Name, "C5")),
            PeriodText = period ?? new CoverField(null, new CellRef(cover.Name, "C7")),
            RegionName = FindLabel(cover, SubmissionFormat.RegionNameLabels) is null ? null
                : CoverValue(path, cover, SubmissionFormat.RegionNameLabels, "region name", layout, issues),
            Submitter = CoverValue(path, cover, SubmissionFormat.SubmitterLabels, "submitter", layout, issues),
            Contact = CoverValue(path, cover, SubmissionFormat.ContactLabels, "contact", layout, issues),
            FilledOn = CoverValue(path, cover, SubmissionFormat.FilledOnLabels, "date filled in", layout, issues),
            Stage = FindLabel(cover, SubmissionFormat.StageLabels) is null ? null
                : CoverValue(path, cover, SubmissionFormat.StageLabels, "status of full-year figures (快报/年报)", layout, issues),
            Values = ReadValues(path, data, h, issues),
        };
        return new ReturnReading(submission, issues, layout);
    }

    private static WorksheetCells? FindSheet(WorkbookCells workbook, string[] nameHints, string[] labels, WorksheetCells? exclude)
    {
        var candidates = workbook.Sheets.Where(w => w != exclude && w.IsVisible).ToList();
        return candidates.FirstOrDefault(w => nameHints.Any(h => w.Name.Contains(h, StringComparison.OrdinalIgnoreCase)) && FindLabel(w, labels) is not null)
            ?? candidates.FirstOrDefault(w => FindLabel(w, labels) is not null);
    }

    private static WorkbookCell? FindLabel(WorksheetCells sheet, string[] labels)
    {
        foreach (var cell in sheet.CellsIn(1, 1, HeaderSearchRows, HeaderSearchColumns))
        {
            if (cell.IsString && SubmissionFormat.Matches(cell.Text, labels))
            {
                return cell;
            }
        }

        return null;
    }

    /// <summary>The value beside a cover label: the first non-empty cell to its right that is not itself a label.</summary>
    private static CoverField? CoverValue(string path, WorksheetCells cover, string[] labels, string role, List<LayoutEntry> layout, List<ValidationIssue> issues)
    {
        if (FindLabel(cover, labels) is not { } label)
        {
            return null;
        }

        for (var c = label.Column + 1; c <= label.Column + 6; c++)
        {
            var cell = cover.Cell(label.Row, c);
            var place = new CellRef(cover.Name, cell.Address);
            if (Unreadable(path, cell, place, issues))
            {
                layout.Add(new LayoutEntry(role, cover.Name, cell.Address, label.Text!));
                return new CoverField(null, place);
            }

            var text = CellText(cell);
            if (string.IsNullOrWhiteSpace(text) || (cell.IsString && SubmissionFormat.Matches(text, labels)) || IsAnyCoverLabel(text))
            {
                continue;
            }

            layout.Add(new LayoutEntry(role, cover.Name, cell.Address, label.Text!));
            return new CoverField(text.Trim(), place);
        }

        var blank = CellAddress.Format(label.Row, label.Column + 2);
        layout.Add(new LayoutEntry(role, cover.Name, blank, label.Text!));
        return new CoverField(null, new CellRef(cover.Name, blank));
    }

    private static bool IsAnyCoverLabel(string text) =>
        SubmissionFormat.Matches(text, ["item", "项目"]) ||
        SubmissionFormat.Matches(text, SubmissionFormat.RegionCodeLabels) || SubmissionFormat.Matches(text, SubmissionFormat.PeriodLabels) ||
        SubmissionFormat.Matches(text, SubmissionFormat.SubmitterLabels) || SubmissionFormat.Matches(text, SubmissionFormat.ContactLabels) ||
        SubmissionFormat.Matches(text, SubmissionFormat.FilledOnLabels) || SubmissionFormat.Matches(text, SubmissionFormat.StageLabels);

    private readonly record struct HeaderLayout(int LastHeaderRow, WorkbookCell CodeLabel, WorkbookCell ValueLabel, WorkbookCell? UnitLabel, WorkbookCell? ExplanationLabel)
    {
        public int Code => CodeLabel.Column;

        public int Value => ValueLabel.Column;

        public int? Unit => UnitLabel?.Column;

        public int? Explanation => ExplanationLabel?.Column;
    }

    private static HeaderLayout? FindHeader(WorksheetCells sheet)
    {
        if (FindLabel(sheet, SubmissionFormat.CodeHeaders) is not { } codeCell)
        {
            return null;
        }

        // The header may span two rows (Chinese above English); read columns from both.
        var row = codeCell.Row;
        var headerRows = new[] { row, row + 1 }
            .Select(r => sheet.CellsIn(r, 1, r, HeaderSearchColumns).Where(c => c.IsString).ToList())
            .ToArray();
        WorkbookCell? Find(string[] labels)
        {
            foreach (var cells in headerRows)
            {
                foreach (var cell in cells)
                {
                    if (SubmissionFormat.Matches(cell.Text, labels))
                    {
                        return cell;
                    }
                }
            }

            return null;
        }

        if (Find(SubmissionFormat.ValueHeaders) is not { } value)
        {
            return null;
        }

        var secondRowIsHeader = headerRows[1].Any(c =>
            SubmissionFormat.Matches(c.Text, SubmissionFormat.CodeHeaders) ||
            SubmissionFormat.Matches(c.Text, SubmissionFormat.ValueHeaders));
        return new HeaderLayout(secondRowIsHeader ? row + 1 : row, codeCell, value,
            Find(SubmissionFormat.UnitHeaders), Find(SubmissionFormat.ExplanationHeaders));
    }

    private static List<SubmittedValue> ReadValues(string path, WorksheetCells sheet, HeaderLayout layout, List<ValidationIssue> issues)
    {
        var values = new List<SubmittedValue>();
        var rowsWithCode = new HashSet<int>();
        foreach (var codeCell in sheet.Cells)
        {
            if (codeCell.Row <= layout.LastHeaderRow || codeCell.Column != layout.Code)
            {
                continue;
            }

            var r = codeCell.Row;
            var codePlace = new CellRef(sheet.Name, codeCell.Address);
            if (Unreadable(path, codeCell, codePlace, issues))
            {
                rowsWithCode.Add(r);
                continue;
            }

            var code = CellText(codeCell).Trim();
            if (code.Length == 0)
            {
                continue;
            }

            rowsWithCode.Add(r);
            var valueCell = sheet.Cell(r, layout.Value);
            var (number, text, isError) = ReadValue(valueCell);
            string? explanation = null;
            if (layout.Explanation is { } e)
            {
                var cell = sheet.Cell(r, e);
                explanation = Unreadable(path, cell, new CellRef(sheet.Name, cell.Address), issues) ? null : NullIfBlank(CellText(cell));
            }

            string? unit = null;
            if (layout.Unit is { } u)
            {
                var cell = sheet.Cell(r, u);
                unit = Unreadable(path, cell, new CellRef(sheet.Name, cell.Address), issues) ? null : NullIfBlank(CellText(cell));
            }

            if (valueCell is { Kind: CellKind.Number, HasCachedValue: true, Formula: { } formula }
                && SimpleFormula.TryEvaluate(formula, sheet) is { } recomputed
                && Math.Abs(recomputed - valueCell.Number) > 1e-9 * Math.Max(1, Math.Abs(recomputed)))
            {
                issues.Add(Rules.ResultDisagreesWithFormula.At(path, new CellRef(sheet.Name, valueCell.Address), valueCell.DisplayText,
                    string.Create(CultureInfo.InvariantCulture, $"{recomputed:G15} (={formula})"),
                    $"单元格保存的计算结果与其公式“={formula}”不一致（可能在手动计算模式下保存），请在Excel或WPS中重新计算并保存。",
                    $"The cell's saved result differs from what its formula '={formula}' gives (saved with manual calculation?); recalculate and save it in Excel or WPS."));
            }

            values.Add(new SubmittedValue(code, number, text, unit, explanation, new CellRef(sheet.Name, valueCell.Address), codePlace)
            {
                IsExcelError = isError,
                IsUncachedFormula = valueCell.IsUncachedFormula,
            });
        }

        // A figure or an explanation below the header on a row without an indicator code is not loaded: say so.
        foreach (var cell in sheet.Cells)
        {
            if (cell.Row <= layout.LastHeaderRow || rowsWithCode.Contains(cell.Row) || cell.IsBlank
                || (cell.Column != layout.Value && cell.Column != layout.Explanation))
            {
                continue;
            }

            var what = cell.Column == layout.Value ? ("数值", "value") : ("说明", "explanation");
            issues.Add(Rules.NotLoaded.At(path, new CellRef(sheet.Name, cell.Address), CellText(cell), "an indicator code in the code column of the same row",
                $"第{cell.Row}行填有{what.Item1}，但该行没有指标代码，未载入。",
                $"Row {cell.Row} holds a {what.Item2} but no indicator code, so it was not loaded."));
        }

        return values;
    }

    /// <summary>
    /// An error value or a formula without a saved result, in a cell read as text (cover, code, unit,
    /// explanation): an issue at the cell, and the cell is not taken. Value cells are flagged on their line instead.
    /// </summary>
    private static bool Unreadable(string path, WorkbookCell cell, CellRef place, List<ValidationIssue> issues)
    {
        if (cell.IsUncachedFormula)
        {
            issues.Add(UncachedFormula(path, place));
            return true;
        }

        if (cell.Kind == CellKind.Error)
        {
            issues.Add(Rules.ErrorValue.At(path, place, cell.Text, "a value, not an Excel error",
                $"单元格是Excel错误值{cell.Text}，请检查公式。", $"The cell holds the Excel error value {cell.Text}; check its formula."));
            return true;
        }

        return false;
    }

    /// <summary>The issue for a formula whose result was never saved.</summary>
    public static ValidationIssue UncachedFormula(string path, CellRef place) =>
        Rules.FormulaWithoutResult.At(path, place, "a formula without a saved result", "a value, or a formula saved by Excel or WPS",
            "单元格中的公式没有保存计算结果（文件可能由脚本或插件生成），请用Excel或WPS打开并保存后重新上报。",
            "The cell's formula has no saved result (the file was probably written by a script or an add-in); open it in Excel or WPS, save it and send it again.");

    private static (decimal? Number, string? Text, bool IsError) ReadValue(WorkbookCell cell)
    {
        switch (cell.Kind)
        {
            case CellKind.Empty:
                return (null, null, false);
            case CellKind.Number when Math.Abs(cell.Number) < 7.9e27:
                return ((decimal)cell.Number, null, false);
            case CellKind.Number:
                return (null, cell.DisplayText, false);
            case CellKind.Error:
                return (null, cell.Text, true);
            case CellKind.Date or CellKind.Boolean:
                return (null, cell.DisplayText, false);
            default:
                var text = cell.Text ?? string.Empty;
                return string.IsNullOrWhiteSpace(text) ? (null, null, false) : (null, text, ExcelError().IsMatch(text.Trim()));
        }
    }

    /// <summary>A cell as text: numbers in invariant form, dates in ISO 8601.</summary>
    public static string CellText(WorkbookCell cell) => cell.DisplayText;

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    [GeneratedRegex(@"^#(DIV/0!|REF!|N/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$")]
    private static partial Regex ExcelError();
}

/// <summary>What the return interpreter found: the submission (or null), its issues, and which cell was taken for what.</summary>
internal sealed record ReturnReading(Submission? Submission, IReadOnlyList<ValidationIssue> Issues, IReadOnlyList<LayoutEntry> Layout);
