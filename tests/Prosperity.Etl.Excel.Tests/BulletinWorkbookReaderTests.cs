using ClosedXML.Excel;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

public sealed class BulletinWorkbookReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Sample()
    {
        var path = _temp.File(ProvinceBulletin.FileName);
        ProvinceBulletin.Write(path);
        return path;
    }

    private static decimal Figure(Import.Bulletins.BulletinTable table, string region, string indicator) =>
        table.Figures.Single(f => f.Region.Code == region && f.Indicator.Code == indicator).Value;

    [Fact]
    public void TryRead_ShouldReadEveryCityAndTheProvinceTotal_FromTheSampleBulletin()
    {
        var result = new BulletinWorkbookReader(Some.Catalog).TryRead(Sample());

        Assert.NotNull(result);
        Assert.Empty(result.Issues);
        var table = result.Table!;
        Assert.Equal("2025年前三季度全省各市城乡居民人均可支配收入", table.Title);
        Assert.Equal(Some.Period, table.Period);
        Assert.Equal(12, table.Regions.Count);
        Assert.Equal(48, table.Figures.Count);
        Assert.Equal(61_554m, Figure(table, "330600", "INC_ALL_PC"));
        Assert.Equal(63_960m, Figure(table, "330000", "INC_URBAN_PC"));
        Assert.Equal(72_880m, Figure(table, "330200", "INC_URBAN_PC")); // "宁 波", "72,880" as text
        Assert.Equal(66_210m, Figure(table, "330900", "INC_URBAN_PC")); // full-width digits
        Assert.Equal(1.65m, Figure(table, "331000", "RATIO_URBAN_RURAL"));
        Assert.Equal("H15", table.Figures.Single(f => f.Region.Code == "331000" && f.Indicator.Code == "RATIO_URBAN_RURAL").Location.Cell);
    }

    [Fact]
    public void TryRead_ShouldKeepThePublishedRanks_FromRankColumnsAndTheRankRow()
    {
        var table = new BulletinWorkbookReader(Some.Catalog).TryRead(Sample())!.Table!;

        Assert.Equal(44 + 4, table.Ranks.Count);
        Assert.Contains(table.Ranks, r => r is { IndicatorCode: "INC_ALL_PC", Rank: 3 } && r.Region.Code == "330600" && r.Location.Cell == "J17");
        Assert.Contains(table.Ranks, r => r is { IndicatorCode: "INC_URBAN_PC", Rank: 3 } && r.Region.Code == "330600" && r.Location.Cell == "B17");
        Assert.Equal(2, table.Ranks.Count(r => r is { IndicatorCode: "RATIO_URBAN_RURAL", Rank: 7 }));
    }

    [Fact]
    public void TryRead_ShouldReturnNull_WhenTheWorkbookIsADistrictReturn()
    {
        var path = new WorkbookBuilder().Save(_temp.File("return.xlsx"));

        Assert.Null(new BulletinWorkbookReader(Some.Catalog).TryRead(path));
    }

    [Fact]
    public void TryRead_ShouldConvertTenThousands_WhenTheUnitRowSaysWanYuan()
    {
        var path = Sample();
        using (var wb = new XLWorkbook(path))
        {
            wb.Worksheet(1).Cell("K2").Value = "单位：万元";
            wb.Worksheet(1).Cell("B11").Value = 6.987m; // 绍兴, in 万元
            wb.Save();
        }

        var table = new BulletinWorkbookReader(Some.Catalog).TryRead(path)!.Table!;

        Assert.Equal(69_870m, Figure(table, "330600", "INC_URBAN_PC"));
    }

    [Fact]
    public void TryRead_ShouldNameTheTitleCell_WhenTheTitleHasNoPeriod()
    {
        var path = Sample();
        using (var wb = new XLWorkbook(path))
        {
            wb.Worksheet(1).Cell("A1").Value = "全省各市城乡居民人均可支配收入";
            wb.Worksheet(1).Name = "表3";
            wb.Save();
        }

        var result = new BulletinWorkbookReader(Some.Catalog).TryRead(path)!;

        Assert.Null(result.Table);
        var issue = Assert.Single(result.Issues);
        Assert.Equal("REF004", issue.Code);
        Assert.Equal("A1", issue.Cell);
    }

    [Fact]
    public void TryRead_ShouldReadTheFullYear_WhenTheTitleNamesTheYearAlone()
    {
        var path = Sample();
        using (var wb = new XLWorkbook(path))
        {
            wb.Worksheet(1).Cell("A1").Value = "2024年全省各市城乡居民人均可支配收入";
            wb.Save();
        }

        var result = new BulletinWorkbookReader(Some.Catalog).TryRead(path)!;

        Assert.Empty(result.Issues);
        Assert.Equal(new Domain.Period(2024, 4), result.Table!.Period);
    }

    [Fact]
    public void TryRead_ShouldSayWhatIsExpected_WhenTheTitleNamesASingleQuarter()
    {
        var path = Sample();
        using (var wb = new XLWorkbook(path))
        {
            wb.Worksheet(1).Cell("A1").Value = "2025年三季度全省各市城乡居民人均可支配收入";
            wb.Save();
        }

        var result = new BulletinWorkbookReader(Some.Catalog).TryRead(path)!;

        Assert.Null(result.Table);
        var issue = Assert.Single(result.Issues);
        Assert.Equal("REF004", issue.Code);
        Assert.Contains("2025年前三季度", issue.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void CommittedSample_ShouldHoldTheGeneratorsFigures()
    {
        string? committed = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null && committed is null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "workbooks", "bulletins", ProvinceBulletin.FileName);
            committed = File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Prosperity.Etl.sln")) ? candidate : null;
        }

        Assert.NotNull(committed);
        var reader = new BulletinWorkbookReader(Some.Catalog);
        var expected = reader.TryRead(Sample())!.Table!;
        var actual = reader.TryRead(committed!)!.Table!;

        Assert.Equal(expected.Figures.Select(f => (f.Region.Code, f.Indicator.Code, f.Value)), actual.Figures.Select(f => (f.Region.Code, f.Indicator.Code, f.Value)));
        Assert.Equal(expected.Ranks.Select(r => (r.Region.Code, r.IndicatorCode, r.Rank)), actual.Ranks.Select(r => (r.Region.Code, r.IndicatorCode, r.Rank)));
    }

    [Theory]
    [InlineData("2025年1-3季度全省各市", 2025, 3)]
    [InlineData("2025年前三季度", 2025, 3)]
    [InlineData("2025年1—9月份", 2025, 3)]
    [InlineData("2025年上半年各市", 2025, 2)]
    [InlineData("2024年全年", 2024, 4)]
    [InlineData("2024年全省各市城乡居民人均可支配收入", 2024, 4)]
    [InlineData("2025年1-12月", 2025, 4)]
    [InlineData("2025年1-6月", 2025, 2)]
    public void ParsePeriod_ShouldReadThePeriod_FromTheWaysTitlesWriteIt(string title, int year, int quarter)
    {
        Assert.Equal(new Domain.Period(year, quarter), BulletinWorkbookReader.ParsePeriod(title));
    }

    public void Dispose() => _temp.Dispose();
}
