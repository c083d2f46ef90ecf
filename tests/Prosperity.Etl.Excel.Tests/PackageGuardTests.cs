using System.IO.Compression;
using ClosedXML.Excel;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

public sealed class PackageGuardTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Valid(string name = "x.xlsx", WorkbookBuilder? builder = null) => (builder ?? new WorkbookBuilder()).Save(_temp.File(name));

    [Fact]
    public void Check_ShouldPass_WhenTheWorkbookIsAnOrdinaryReturn()
    {
        Assert.Null(PackageGuard.Check(Valid(), new ReaderLimits()));
    }

    [Fact]
    public void Read_ShouldRejectWithSTR008_WhenAPartExpandsLikeAZipBomb()
    {
        var path = Valid();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            using var stream = zip.CreateEntry("xl/media/image1.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 20; i++)
            {
                stream.Write(zeros);
            }
        }

        var read = new SubmissionWorkbookReader().Read(path);

        var issue = Assert.Single(read.Issues);
        Assert.Equal("STR008", issue.Code);
        Assert.Contains("xl/media/image1.bin", issue.MessageEn, StringComparison.Ordinal);
        Assert.Null(read.Submission);
    }

    [Fact]
    public void Read_ShouldRejectWithSTR008_WhenThePackageExpandsBeyondTheTotalLimit()
    {
        var read = new SubmissionWorkbookReader(new ReaderLimits { MaxExpandedBytes = 20_000 }).Read(Valid());

        var issue = Assert.Single(read.Issues);
        Assert.Equal("STR008", issue.Code);
        Assert.Contains("20,000 bytes", issue.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShouldRejectWithSTR009_WhenASheetGoesBeyondTheRowLimit()
    {
        var path = Valid(builder: new WorkbookBuilder().Edit(wb => wb.Worksheet(SubmissionFormat.IndicatorSheetName).Cell(60_001, 2).Value = "x"));

        var issue = Assert.Single(new SubmissionWorkbookReader().Read(path).Issues);

        Assert.Equal("STR009", issue.Code);
        Assert.Equal("row 60001", issue.Found);
    }

    [Fact]
    public void Read_ShouldRejectWithSTR009_WhenASheetGoesBeyondTheColumnLimit()
    {
        var path = Valid(builder: new WorkbookBuilder().Edit(wb => wb.Worksheet(SubmissionFormat.IndicatorSheetName).Cell(3, 900).Value = "x"));

        var issue = Assert.Single(new SubmissionWorkbookReader().Read(path).Issues);

        Assert.Equal("STR009", issue.Code);
        Assert.Equal("column 900", issue.Found);
    }

    [Fact]
    public void Read_ShouldRejectWithSTR009_WhenTheSheetsHoldTooManyCells()
    {
        var issue = Assert.Single(new SubmissionWorkbookReader(new ReaderLimits { MaxCells = 50 }).Read(Valid()).Issues);

        Assert.Equal("STR009", issue.Code);
    }

    [Fact]
    public void Read_ShouldRejectWithSTR001_WhenTheZipIsTruncated()
    {
        var path = Valid();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var issue = Assert.Single(new SubmissionWorkbookReader().Read(path).Issues);

        Assert.Equal("STR001", issue.Code);
        Assert.Equal(path, issue.File);
    }

    [Fact]
    public void Read_ShouldStillReadTheReturn_WhenAnUnrelatedSheetIsLargeButWithinTheLimits()
    {
        var path = Valid(builder: new WorkbookBuilder().Edit(wb =>
        {
            var extra = wb.AddWorksheet("附表 Notes");
            extra.Cell(2_000, 20).Value = 1;
        }));

        var read = new SubmissionWorkbookReader().Read(path);

        Assert.Empty(read.Issues);
        Assert.NotNull(read.Submission);
        GC.KeepAlive(typeof(XLWorkbook));
    }
}
