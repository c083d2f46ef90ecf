using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

/// <summary>Growth columns of openpyxl-written bulletins read as published growth and checked against the two levels.</summary>
public sealed class PublishedGrowthReadingTests
{
    private static BulletinTable Read(string fixture) =>
        new BulletinWorkbookReader(Some.Catalog).TryRead(Fixtures.Return(fixture))!.Table!;

    [Fact]
    public void TryRead_ShouldLoadTheGrowthColumnAsPublishedGrowth_NotAsALevel()
    {
        var table = Read("openpyxl-bulletin-growth-2025Q3.xlsx");

        Assert.Equal(12, table.Growth.Count); // the province and eleven cities, "5.3%" typed as text included
        Assert.Equal(12, table.Figures.Count); // the levels only
        Assert.Equal(5.3m, table.Growth.Single(g => g.Region.Code == "330800").Value);
        Assert.Equal("C11", table.Growth.Single(g => g.Region.Code == "330600").Location.Cell);
        Assert.All(table.Figures, f => Assert.True(f.Value > 1000m));
        Assert.All(table.Ranks, r => Assert.Equal("INC_URBAN_PC_GROWTH", r.IndicatorCode));
    }

    [Fact]
    public void CheckGrowth_ShouldFlagOnlyThePrintedGrowthMoreThanATenthOfAPointFromTheTwoLevels()
    {
        var table = Read("openpyxl-bulletin-growth-2025Q3.xlsx");
        var previous = Read("openpyxl-bulletin-level-2024Q3.xlsx");
        var lastYear = new PeriodValues(previous.Figures.Select(f => new CurrentValue(f.Region.Code, f.Indicator.Code, f.Value)));

        var issues = PublishedRankCheck.CheckGrowth("b.xlsx", table, lastYear);

        // Shaoxing: printed 4.7 (comparable basis), 62,000 over 59,387 is 4.40 %.
        var issue = Assert.Single(issues);
        Assert.Equal(("PUB001", "C11", "4.7", "4.4%"), (issue.Code, issue.Cell, issue.Found, issue.Expected));
    }

    [Fact]
    public void CheckGrowth_ShouldFlagNothing_WhenLastYearIsNotLoaded()
    {
        var table = Read("openpyxl-bulletin-growth-2025Q3.xlsx");
        Assert.Empty(PublishedRankCheck.CheckGrowth("b.xlsx", table, PeriodValues.Empty));
    }

    [Fact]
    public void Check_ShouldAcceptEitherPlaceOfATie_AndFlagAWrongRank()
    {
        var table = Read("openpyxl-bulletin-growth-2025Q3.xlsx");

        var issues = PublishedRankCheck.Check("b.xlsx", table, Some.Catalog);

        // Wenzhou 5th and Jinhua 6th, both at 4.8, are a tie; Taizhou printed 9th at 4.2 is 11th.
        var issue = Assert.Single(issues);
        Assert.Equal(("PUB002", "D15", "9", "11"), (issue.Code, issue.Cell, issue.Found, issue.Expected));
    }

    [Fact]
    public void Check_ShouldFindNoDisagreement_InTheSampleBulletinsHandRankedColumns()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            Prosperity.Etl.Samples.ProvinceBulletin.Write(path);
            var read = new BulletinWorkbookReader(Some.Catalog).TryRead(path)!;
            Assert.DoesNotContain(read.Issues, i => i.Code == "PUB002");
            Assert.NotEmpty(read.Table!.Ranks);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
