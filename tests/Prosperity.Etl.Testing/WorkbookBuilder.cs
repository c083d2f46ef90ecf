using ClosedXML.Excel;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;

namespace Prosperity.Etl.Testing;

/// <summary>
/// Builds submission workbooks for tests: the real template, filled in, then edited cell by cell
/// the way districts edit them (text numbers, formulas, moved headers, renamed sheets).
/// </summary>
public sealed class WorkbookBuilder
{
    private readonly List<Action<XLWorkbook>> _edits = [];
    private Region _region = Some.Xinchang;
    private Period _period = Some.Period;
    private Dictionary<string, decimal?> _values = Some.Values();
    private readonly Dictionary<string, string> _explanations = [];
    private readonly List<(string Address, string Formula, string Error)> _errorCells = [];
    private bool _ratioGiven;

    public WorkbookBuilder For(Region region, Period period)
    {
        _region = region;
        _period = period;
        return this;
    }

    public WorkbookBuilder WithValues(Dictionary<string, decimal?> values)
    {
        _values = values;
        _ratioGiven = true;
        return this;
    }

    /// <summary>
    /// Sets one value. Changing an income also updates the urban-rural ratio (unless the ratio was
    /// set explicitly), so the return stays consistent (rule CON001).
    /// </summary>
    public WorkbookBuilder WithValue(string code, decimal? value)
    {
        _values[code] = value;
        if (code == "RATIO_URBAN_RURAL")
        {
            _ratioGiven = true;
        }
        else if (!_ratioGiven && code is "INC_URBAN_PC" or "INC_RURAL_PC" &&
                 _values.GetValueOrDefault("INC_URBAN_PC") is { } urban && _values.GetValueOrDefault("INC_RURAL_PC") is { } rural && rural > 0)
        {
            _values["RATIO_URBAN_RURAL"] = Math.Round(urban / rural, 2);
        }

        return this;
    }

    public WorkbookBuilder WithExplanation(string code, string text)
    {
        _explanations[code] = text;
        return this;
    }

    /// <summary>An arbitrary edit of the workbook after the template is written (protection is removed first).</summary>
    public WorkbookBuilder Edit(Action<XLWorkbook> edit)
    {
        _edits.Add(edit);
        return this;
    }

    /// <summary>Sets the value cell of an indicator to text or a formula (starting with =).</summary>
    public WorkbookBuilder WithRawValue(string code, object raw) => Edit(wb =>
    {
        var cell = ValueCell(wb, code);
        if (raw is string s && s.StartsWith('='))
        {
            cell.FormulaA1 = s[1..];
        }
        else
        {
            cell.Value = raw;
        }
    });

    /// <summary>
    /// Makes an indicator's value cell a formula whose cached result is an Excel error, written as
    /// Excel writes it (<c>t="e"</c> with the error text as the cached value).
    /// </summary>
    public WorkbookBuilder WithExcelError(string code, string formula, string error)
    {
        _errorCells.Add((ValueAddress(code), formula, error));
        return this;
    }

    /// <summary>The value cell of an indicator in a template-built workbook.</summary>
    public static IXLCell ValueCell(XLWorkbook workbook, string code)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var sheet = workbook.Worksheet(SubmissionFormat.IndicatorSheetName);
        var row = sheet.Column(2).CellsUsed().First(c => c.GetString() == code).Address.RowNumber;
        return sheet.Cell(row, 6);
    }

    /// <summary>The A1 address of an indicator's value cell in the unedited template.</summary>
    public static string ValueAddress(string code)
    {
        var index = Some.Catalog.Indicators.Select(i => i.Code).ToList().IndexOf(code);
        return $"F{SubmissionTemplateWriter.FirstDataRow + index}";
    }

    public TemplateRequest Request() => new(_region, _period, Some.Catalog.Indicators)
    {
        Values = _values,
        Explanations = _explanations,
        Submitter = "测试 Tester",
        Contact = "0575-0000",
        FilledOn = new DateOnly(2025, 10, 15),
    };

    /// <summary>Writes the workbook to <paramref name="path"/> and returns the path.</summary>
    public string Save(string path)
    {
        SaveWorkbook(path);
        if (_errorCells.Count > 0)
        {
            PackageEditor.SetErrorCells(path, SubmissionFormat.IndicatorSheetName, _errorCells);
        }

        return path;
    }

    private void SaveWorkbook(string path)
    {
        using (var stream = new MemoryStream())
        {
            SubmissionTemplateWriter.Write(Request(), stream);
            if (_edits.Count == 0)
            {
                File.WriteAllBytes(path, stream.ToArray());
                return;
            }

            stream.Position = 0;
            using var workbook = new XLWorkbook(stream);
            foreach (var sheet in workbook.Worksheets)
            {
                sheet.Unprotect();
            }

            workbook.Unprotect();
            foreach (var edit in _edits)
            {
                edit(workbook);
            }

            // Real Excel and WPS files carry cached formula values; ClosedXML writes them only when asked.
            workbook.SaveAs(path, new SaveOptions { EvaluateFormulasBeforeSaving = true });
        }
    }
}
