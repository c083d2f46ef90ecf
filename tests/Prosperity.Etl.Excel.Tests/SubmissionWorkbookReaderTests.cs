using ClosedXML.Excel;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

public class SubmissionWorkbookReaderTests
{
    private static Prosperity.Etl.Import.ReadResult Read(WorkbookBuilder builder)
    {
        using var temp = new TempFolder();
        return new SubmissionWorkbookReader().Read(builder.Save(temp.File("x.xlsx")));
    }

    [Fact]
    public void Read_ShouldGiveTheCachedValue_WhenTheCellHoldsAFormula()
    {
        var read = Read(new WorkbookBuilder().WithRawValue("WORKSHOPS", "=100+52"));

        var line = read.Submission!.Values.Single(v => v.IndicatorCode == "WORKSHOPS");
        Assert.Equal(152m, line.Number);
    }

    [Fact]
    public void Read_ShouldFlagTheCell_WhenAFormulaGivesAnExcelError()
    {
        var read = Read(new WorkbookBuilder().WithExcelError("RATIO_URBAN_RURAL", "F6/F99", "#DIV/0!"));

        var line = read.Submission!.Values.Single(v => v.IndicatorCode == "RATIO_URBAN_RURAL");
        Assert.True(line.IsExcelError, $"number={line.Number} text={line.Text}");
        Assert.Equal("#DIV/0!", line.Text);
    }

    [Fact]
    public void Read_ShouldKeepTextAsText_WhenANumberWasTypedAsText()
    {
        var read = Read(new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "62,845元"));

        var line = read.Submission!.Values.Single(v => v.IndicatorCode == "INC_URBAN_PC");
        Assert.Null(line.Number);
        Assert.Equal("62,845元", line.Text);
    }

    [Fact]
    public void Read_ShouldFindSheetsAndHeadersByLabel_WhenRowsAndColumnsWereInsertedAndSheetsRenamed()
    {
        var read = Read(new WorkbookBuilder().Edit(wb =>
        {
            var data = wb.Worksheet(SubmissionFormat.IndicatorSheetName);
            data.Row(3).InsertRowsAbove(2);
            data.Column(1).InsertColumnsBefore(1);
            data.Name = "Sheet2";
            wb.Worksheet(SubmissionFormat.CoverSheetName).Name = "Sheet1";
        }));

        Assert.Empty(read.Issues);
        var line = read.Submission!.Values.Single(v => v.IndicatorCode == "INC_URBAN_PC");
        Assert.Equal(62_845m, line.Number);
        Assert.Equal(new Domain.CellRef("Sheet2", "G8"), line.Location);
    }

    [Fact]
    public void Read_ShouldReportTheMissingSheet_WhenTheIndicatorSheetIsGone()
    {
        var read = Read(new WorkbookBuilder().Edit(wb => wb.Worksheet(SubmissionFormat.IndicatorSheetName).Delete()));

        Assert.Null(read.Submission);
        Assert.Equal("STR004", Assert.Single(read.Issues).Code);
    }

    [Fact]
    public void Read_ShouldReportTheMissingHeader_WhenTheValueHeaderWasDeleted()
    {
        var read = Read(new WorkbookBuilder().Edit(wb =>
        {
            var data = wb.Worksheet(SubmissionFormat.IndicatorSheetName);
            data.Cell("F4").Value = string.Empty;
            data.Cell("F5").Value = string.Empty;
        }));

        var issue = Assert.Single(read.Issues);
        Assert.Equal("STR005", issue.Code);
        Assert.Equal(SubmissionFormat.IndicatorSheetName, issue.Sheet);
    }

    [Theory]
    [InlineData(new byte[0], "STR001")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x01 }, "STR001")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "STR001")]
    public void Read_ShouldClassifyWithoutThrowing_WhenTheFileIsNotAWorkbook(byte[] bytes, string code)
    {
        using var temp = new TempFolder();
        var path = temp.File("bad.xlsx");
        File.WriteAllBytes(path, bytes);

        var read = new SubmissionWorkbookReader().Read(path);

        Assert.Null(read.Submission);
        var issue = Assert.Single(read.Issues);
        Assert.Equal(code, issue.Code);
        Assert.Equal(path, issue.File);
    }

    [Fact]
    public void Read_ShouldReject_WhenTheZipIsTruncated()
    {
        using var temp = new TempFolder();
        var good = File.ReadAllBytes(new WorkbookBuilder().Save(temp.File("good.xlsx")));
        var path = temp.File("truncated.xlsx");
        File.WriteAllBytes(path, good[..(good.Length / 2)]);

        var read = new SubmissionWorkbookReader().Read(path);

        Assert.Equal("STR001", Assert.Single(read.Issues).Code);
    }

    [Fact]
    public void Read_ShouldSayHowToConvert_WhenTheFileIsAnOdsSpreadsheet()
    {
        using var temp = new TempFolder();
        var path = temp.File("return.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        {
            using var writer = new StreamWriter(zip.CreateEntry("mimetype").Open());
            writer.Write("application/vnd.oasis.opendocument.spreadsheet");
        }

        var issue = Assert.Single(new SubmissionWorkbookReader().Read(path).Issues);

        Assert.Equal("STR003", issue.Code);
        Assert.Contains(".xlsx", issue.MessageEn, StringComparison.Ordinal);
    }
}
