using ClosedXML.Excel;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

public class SubmissionTemplateWriterTests
{
    [Fact]
    public void Write_ShouldRoundTrip_WhenReadBackByTheReader()
    {
        using var temp = new TempFolder();
        var builder = new WorkbookBuilder().WithExplanation("WORKSHOPS", "新增12家。12 new workshops.");
        var path = builder.Save(temp.File("x.xlsx"));

        var read = new SubmissionWorkbookReader().Read(path);

        Assert.Empty(read.Issues);
        var s = read.Submission!;
        Assert.Equal("330624", s.RegionCode.Text);
        Assert.Equal("2025Q3", s.PeriodText.Text);
        Assert.Equal("测试 Tester", s.Submitter?.Text);
        Assert.Equal("0575-0000", s.Contact?.Text);
        Assert.Equal("2025-10-15", s.FilledOn?.Text);
        var expected = Some.Values();
        Assert.Equal(Some.Catalog.Indicators.Select(i => i.Code), s.Values.Select(v => v.IndicatorCode));
        foreach (var line in s.Values)
        {
            Assert.Equal(expected[line.IndicatorCode], line.Number);
        }

        Assert.Equal("新增12家。12 new workshops.", s.Values.Single(v => v.IndicatorCode == "WORKSHOPS").Explanation);
        Assert.Equal(WorkbookBuilder.ValueAddress("INC_RURAL_PC"), s.Values.Single(v => v.IndicatorCode == "INC_RURAL_PC").Location.Cell);
    }

    [Fact]
    public void Write_ShouldLockStructure_AndLeaveInputCellsOpen()
    {
        using var temp = new TempFolder();
        var path = new WorkbookBuilder().Save(temp.File("x.xlsx"));

        using var wb = new XLWorkbook(path);
        var cover = wb.Worksheet(SubmissionFormat.CoverSheetName);
        var data = wb.Worksheet(SubmissionFormat.IndicatorSheetName);
        Assert.True(cover.IsProtected);
        Assert.True(data.IsProtected);
        Assert.True(wb.IsProtected);
        Assert.False(data.Cell(WorkbookBuilder.ValueAddress("INC_URBAN_PC")).Style.Protection.Locked);
        Assert.True(data.Cell("B6").Style.Protection.Locked);
        Assert.Equal(XLWorksheetVisibility.Hidden, wb.Worksheet(SubmissionFormat.ListsSheetName).Visibility);
    }

    [Fact]
    public void Write_ShouldShowThePeriodInBothForms_AndBilingualHeaders()
    {
        using var temp = new TempFolder();
        var path = new WorkbookBuilder().Save(temp.File("x.xlsx"));

        using var wb = new XLWorkbook(path);
        var cover = wb.Worksheet(SubmissionFormat.CoverSheetName);
        Assert.Equal("2025Q3", cover.Cell("C7").GetString());
        Assert.StartsWith("2025年前三季度", cover.Cell("C8").GetString(), StringComparison.Ordinal);
        var data = wb.Worksheet(SubmissionFormat.IndicatorSheetName);
        Assert.Equal("指标代码", data.Cell("B4").GetString());
        Assert.Equal("Code", data.Cell("B5").GetString());
        Assert.Equal("上报说明", data.Cell("G4").GetString());
    }

    [Fact]
    public void Write_ShouldOfferDropDowns_ForTheRegionAndPlausibleRanges()
    {
        using var temp = new TempFolder();
        var path = new WorkbookBuilder().Save(temp.File("x.xlsx"));

        using var wb = new XLWorkbook(path);
        var cover = wb.Worksheet(SubmissionFormat.CoverSheetName);
        Assert.Equal(XLAllowedValues.List, cover.Cell("C5").DataValidation.AllowedValues);
        var value = wb.Worksheet(SubmissionFormat.IndicatorSheetName).Cell(WorkbookBuilder.ValueAddress("INC_URBAN_PC"));
        Assert.Equal(XLAllowedValues.Decimal, value.DataValidation.AllowedValues);
        Assert.Equal(XLErrorStyle.Warning, value.DataValidation.ErrorStyle);
    }
}
