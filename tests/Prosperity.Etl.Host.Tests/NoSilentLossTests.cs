using Prosperity.Etl.Testing;
using Xunit.Abstractions;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Every non-empty cell of the value and explanation columns is loaded or named in an issue, over
/// the generated samples, fuzzed returns and hand-edited variants (checked against ExcelDataReader's
/// view of the same cells).
/// </summary>
public sealed class NoSilentLossTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private void AssertNothingLost(IEnumerable<string> files)
    {
        var checkedFiles = 0;
        var lost = new List<string>();
        foreach (var file in files)
        {
            lost.AddRange(NoSilentLoss.Violations(file, Some.Catalog, Some.Clock).Select(v => $"{Path.GetFileName(file)}: {v}"));
            checkedFiles++;
        }

        output.WriteLine($"{checkedFiles} file(s) checked");
        Assert.True(checkedFiles > 0);
        Assert.Equal([], lost);
    }

    [Fact]
    public void Check_ShouldFindTheCell_WhenItsIssueIsNotCounted()
    {
        var lost = NoSilentLoss.Violations(Fixtures.Return("openpyxl-stray-value.xlsx"), Some.Catalog, Some.Clock, countIssues: false);

        Assert.Equal(["指标!E25 '99999'"], lost);
    }

    [Fact]
    public void Read_ShouldLoseNoCell_WhenReadingTheGeneratedSamples() =>
        AssertNothingLost(Directory.EnumerateFiles(Path.Combine(Fixtures.Root, "samples", "workbooks"), "*.xlsx", SearchOption.AllDirectories));

    [Fact]
    public void Read_ShouldLoseNoCell_WhenReadingWorkbooksOtherProgramsWrote() =>
        AssertNothingLost(Directory.EnumerateFiles(Path.Combine(Fixtures.Root, "tests", "fixtures", "returns")).Where(f => !f.EndsWith(".py", StringComparison.Ordinal)));

    [Fact]
    public void Read_ShouldLoseNoCell_WhenReturnsAreFuzzed()
    {
        var random = new Random(20_251_203);
        var files = new List<string>();
        foreach (var mutation in FuzzImportTests.Mutations)
        {
            for (var i = 0; i < 5; i++)
            {
                var path = _temp.File($"{mutation}-{i}.xlsx");
                FuzzImportTests.Mutate(mutation, random, path);
                files.Add(path);
            }
        }

        AssertNothingLost(files);
    }

    [Fact]
    public void Read_ShouldLoseNoCell_WhenReturnsAreEditedByHand()
    {
        var files = new List<string>
        {
            new WorkbookBuilder().Edit(wb =>
            {
                var data = wb.Worksheet(Excel.SubmissionFormat.IndicatorSheetName);
                data.Row(8).InsertRowsAbove(1);
                data.Cell(8, 6).Value = 123;
                data.Cell(8, 7).Value = "一行没有代码的说明";
                data.Column(1).InsertColumnsBefore(1);
            }).Save(_temp.File("inserted.xlsx")),
            new WorkbookBuilder().Edit(wb =>
            {
                var data = wb.Worksheet(Excel.SubmissionFormat.IndicatorSheetName);
                data.Cell(30, 6).Value = 5_000;
                data.Cell(30, 2).Value = "合计";
                data.Cell(9, 7).Value = "数据来自县农业农村局";
            }).Save(_temp.File("total-row.xlsx")),
            new WorkbookBuilder().WithRawValue("WORKSHOPS", "约150个").WithRawValue("INC_RURAL_PC", "#N/A").Save(_temp.File("typed.xlsx")),
        };

        AssertNothingLost(files);
    }
}
