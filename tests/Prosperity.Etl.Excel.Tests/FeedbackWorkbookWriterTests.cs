using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using ExcelDataReader;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel.Tests;

public sealed class FeedbackWorkbookWriterTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A return with an error (text in the urban income cell) and a warning (workshops beyond the plausible range).</summary>
    private (string Source, IReadOnlyList<ValidationIssue> Issues) FlawedReturn()
    {
        var source = new WorkbookBuilder()
            .WithRawValue("INC_URBAN_PC", "about 60k")
            .WithValue("WORKSHOPS", 30_000m)
            .Save(_temp.File("330624-2025Q3.xlsx"));
        var read = new SubmissionWorkbookReader().Read(source);
        var validated = new SubmissionValidator(Some.Catalog, Some.Clock).Validate(read.Submission!);
        return (source, validated.Issues);
    }

    private string Annotate(string source, IReadOnlyList<ValidationIssue> issues)
    {
        var output = _temp.File("out/" + Path.GetFileNameWithoutExtension(source) + ".feedback.xlsx");
        new FeedbackWorkbookWriter().Write(source, issues, output);
        return output;
    }

    [Fact]
    public void Write_ShouldMarkEachFlaggedCellWithFillAndComment_WhenTheSourceIsAWorkbook()
    {
        var (source, issues) = FlawedReturn();
        var urban = WorkbookBuilder.ValueAddress("INC_URBAN_PC");
        var workshops = WorkbookBuilder.ValueAddress("WORKSHOPS");
        Assert.Contains(issues, i => i.Code == "VAL001" && i.Cell == urban);
        Assert.Contains(issues, i => i.Code == "VAL003" && i.Cell == workshops);

        using var wb = new XLWorkbook(Annotate(source, issues));

        var sheet = wb.Worksheet(SubmissionFormat.IndicatorSheetName);
        Assert.Equal(FeedbackWorkbookWriter.ErrorFill, sheet.Cell(urban).Style.Fill.BackgroundColor);
        Assert.Contains("VAL001", sheet.Cell(urban).Comment.Text, StringComparison.Ordinal);
        Assert.Contains("not a number", sheet.Cell(urban).Comment.Text, StringComparison.Ordinal);
        Assert.Equal(FeedbackWorkbookWriter.WarningFill, sheet.Cell(workshops).Style.Fill.BackgroundColor);
        Assert.Contains("VAL003", sheet.Cell(workshops).Comment.Text, StringComparison.Ordinal);
        Assert.Equal("about 60k", sheet.Cell(urban).GetString());
    }

    [Fact]
    public void Write_ShouldListEveryIssueFirstWithAHyperlinkToItsCell()
    {
        var (source, issues) = FlawedReturn();

        using var wb = new XLWorkbook(Annotate(source, issues));

        var list = wb.Worksheet(1);
        Assert.Equal(FeedbackWorkbookWriter.IssuesSheetName, list.Name);
        var rows = Enumerable.Range(2, issues.Count).Select(r => list.Row(r)).ToList();
        Assert.Equal(issues.Select(i => i.Code).Order(StringComparer.Ordinal), rows.Select(r => r.Cell(2).GetString()).Order(StringComparer.Ordinal));
        var errorRow = rows.Single(r => r.Cell(2).GetString() == "VAL001");
        Assert.True(errorRow.Cell(5).HasHyperlink);
        Assert.Contains(WorkbookBuilder.ValueAddress("INC_URBAN_PC"), errorRow.Cell(5).Hyperlink.InternalAddress, StringComparison.Ordinal);
        Assert.Contains(SubmissionFormat.IndicatorSheetName, errorRow.Cell(5).Hyperlink.InternalAddress, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ShouldProduceAValidPackage_WhenCheckedByTheOpenXmlValidator()
    {
        var (source, issues) = FlawedReturn();
        var output = Annotate(source, issues);

        using var doc = SpreadsheetDocument.Open(output, false);
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
    }

    [Fact]
    public void Write_ShouldGiveAWorkbookThatExcelDataReaderReads()
    {
        var (source, issues) = FlawedReturn();
        var output = Annotate(source, issues);

        // ExcelDataReader asks for code page 1252 even for .xlsx.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var stream = File.OpenRead(output);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var sheets = new List<string>();
        var codes = new List<string?>();
        do
        {
            sheets.Add(reader.Name);
            while (sheets.Count == 1 && reader.Read())
            {
                codes.Add(Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        while (reader.NextResult());

        Assert.Equal(FeedbackWorkbookWriter.IssuesSheetName, sheets[0]);
        Assert.Contains("VAL001", codes);
        Assert.Contains("VAL003", codes);
        Assert.Contains(SubmissionFormat.IndicatorSheetName, sheets);
    }

    [Fact]
    public void Write_ShouldGiveACopyTheDistrictCanCorrectAndSendBack()
    {
        var (source, issues) = FlawedReturn();
        var annotated = Annotate(source, issues);
        using (var wb = new XLWorkbook(annotated))
        {
            wb.Worksheet(SubmissionFormat.IndicatorSheetName).Cell(WorkbookBuilder.ValueAddress("INC_URBAN_PC")).Value = 62_845;
            wb.Worksheet(SubmissionFormat.IndicatorSheetName).Cell(WorkbookBuilder.ValueAddress("WORKSHOPS")).Value = 152;
            wb.Save();
        }

        var read = new SubmissionWorkbookReader().Read(annotated);
        var validated = new SubmissionValidator(Some.Catalog, Some.Clock).Validate(read.Submission!);

        Assert.Empty(read.Issues);
        Assert.Empty(validated.Issues);
        Assert.Equal(62_845m, validated.Facts.Single(f => f.Indicator.Code == "INC_URBAN_PC").Value);
    }

    [Fact]
    public void Write_ShouldWriteTheListOnly_WhenTheSourceIsNotAWorkbook()
    {
        var source = _temp.File("report.xlsx");
        File.WriteAllText(source, "typed in a text editor");
        var read = new SubmissionWorkbookReader().Read(source);

        using var wb = new XLWorkbook(Annotate(source, read.Issues));

        var list = Assert.Single(wb.Worksheets);
        Assert.Equal("STR001", list.Cell(2, 2).GetString());
        Assert.False(list.Cell(2, 5).HasHyperlink);
    }

    [Fact]
    public void Write_ShouldMarkTheCellInACopyRebuiltFromTheCells_WhenClosedXmlCannotOpenTheWorkbook()
    {
        // openpyxl wrote pictures on both sheets: ClosedXML 0.95 cannot load them without libgdiplus.
        var source = Testing.Fixtures.Return("openpyxl-picture.xlsx");
        var issue = Rules.NotANumber.At(source, new Domain.CellRef("指标", "E5"), "x", "a number", "不是数字。", "Not a number.");
        var output = _temp.File("picture.feedback.xlsx");

        var kind = new FeedbackWorkbookWriter().Write(source, [issue], output);

        using var wb = new XLWorkbook(output);
        Assert.True(kind is Import.FeedbackKind.RebuiltCopy or Import.FeedbackKind.AnnotatedCopy, kind.ToString());
        Assert.Equal(FeedbackWorkbookWriter.ErrorFill, wb.Worksheet("指标").Cell("E5").Style.Fill.BackgroundColor);
        Assert.Equal(39_716, wb.Worksheet("指标").Cell("E5").GetDouble());
        Assert.Contains(kind == Import.FeedbackKind.RebuiltCopy ? "rebuilt" : "Your own workbook", wb.Worksheet(FeedbackWorkbookWriter.IssuesSheetName).Cell("K2").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ShouldRebuildTheCopy_WhenTheReturnIsAnXls()
    {
        var source = Testing.Fixtures.Return("libreoffice-return.xls");
        var issue = Rules.NotANumber.At(source, new Domain.CellRef("指标", "E4"), "x", "a number", "不是数字。", "Not a number.");

        var kind = new FeedbackWorkbookWriter().Write(source, [issue], _temp.File("xls.feedback.xlsx"));

        Assert.Equal(Import.FeedbackKind.RebuiltCopy, kind);
        using var wb = new XLWorkbook(_temp.File("xls.feedback.xlsx"));
        Assert.Equal(FeedbackWorkbookWriter.ErrorFill, wb.Worksheet("指标").Cell("E4").Style.Fill.BackgroundColor);
        Assert.Contains("VAL001", wb.Worksheet("指标").Cell("E4").Comment.Text, StringComparison.Ordinal);
        Assert.Equal("A1:F1", wb.Worksheet("指标").MergedRanges.Single().RangeAddress.ToString());
    }
}
