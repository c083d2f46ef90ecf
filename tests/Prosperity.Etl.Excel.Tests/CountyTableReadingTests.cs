using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

/// <summary>
/// The province's tables of its county-level units, written by openpyxl (make_fixtures.py): units
/// named without codes under their city's subtotal row (Zhejiang) or above a closing 小计 (Jiangsu).
/// </summary>
public sealed class CountyTableReadingTests
{
    private static BulletinReadResult Read(string fixture, ReferenceCatalog catalog) =>
        new BulletinWorkbookReader(catalog).TryRead(Fixtures.Return(fixture))!;

    private static decimal Figure(BulletinTable table, string region, string indicator) =>
        table.Figures.Single(f => f.Region.Code == region && f.Indicator.Code == indicator).Value;

    [Fact]
    public void TryRead_ShouldLoadTheCountyLevelUnitsOfEachCityGroup_AndNotTheSubtotals()
    {
        var result = Read("openpyxl-bulletin-counties-2025Q3.xlsx", Some.Catalog);

        var table = result.Table!;
        Assert.Equal(new Period(2025, 3), table.Period);
        string[] expected = ["330602", "330603", "330624", "F330601", "330203", "330225", "330226", "330702", "330782", "330783"];
        Assert.Equal(expected, table.Regions.Select(r => r.Code));
        Assert.DoesNotContain(table.Figures, f => f.Region.Level is RegionLevel.City or RegionLevel.Province);
        Assert.Equal(78_936m, Figure(table, "330603", "INC_URBAN_PC")); // "　柯桥区", indented with an ideographic space
        Assert.Equal(45_390m, Figure(table, "330225", "INC_RURAL_PC"));
        Assert.Equal("B8", table.Figures.Single(f => f.Region.Code == "330603" && f.Indicator.Code == "INC_URBAN_PC").Location.Cell);
        Assert.Equal(4.3m, table.Growth.Single(g => g.Region.Code == "330603" && g.Indicator.Code == "INC_URBAN_PC").Value);
    }

    [Fact]
    public void TryRead_ShouldSayAtTheCellThatACitysOwnRowWasNotLoaded()
    {
        var result = Read("openpyxl-bulletin-counties-2025Q3.xlsx", Some.Catalog);

        // 金华市 → 市本级 (the city proper) is no county-level unit: its figures are not loaded, and the row says so.
        var issue = Assert.Single(result.Issues, i => i.Code == "VAL008");
        Assert.Equal(("A16", "市本级"), (issue.Cell, issue.Found));
        Assert.Contains("Jinhua", issue.MessageEn);
        Assert.DoesNotContain(result.Issues, i => i.Severity == Severity.Error);
    }

    [Fact]
    public void TryRead_ShouldResolveARecurringCountyName_ByTheSubtotalClosingItsGroup()
    {
        var result = Read("openpyxl-bulletin-counties-jiangsu-2025Q2.xlsx", Jiangsu);

        var table = result.Table!;
        Assert.Equal(new Period(2025, 2), table.Period);
        Assert.Empty(result.Issues);
        Assert.Equal(90_145m, Figure(table, "320106", "INC_URBAN_PC")); // 鼓楼区 above 南京市小计
        Assert.Equal(52_018m, Figure(table, "320302", "INC_URBAN_PC")); // 鼓楼区 above 徐州市小计
        Assert.Equal("B10", table.Figures.Single(f => f.Region.Code == "320302" && f.Indicator.Code == "INC_URBAN_PC").Location.Cell);
        Assert.Equal(8, table.Regions.Count);
        Assert.DoesNotContain(table.Regions, r => r.Level == RegionLevel.City);
    }

    [Fact]
    public void TryRead_ShouldNotGuess_WhenARecurringNameHasNoCityGroup()
    {
        // The same table with city headings instead of subtotals, and a 鼓楼区 above the first heading that cannot be told apart.
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            using (var wb = new ClosedXML.Excel.XLWorkbook())
            {
                var ws = wb.AddWorksheet("表");
                ws.Cell(1, 1).Value = "2025年上半年各县（市、区）城乡居民人均可支配收入";
                ws.Cell(2, 1).Value = "县（市、区）";
                ws.Cell(2, 2).Value = "城镇常住居民人均可支配收入（元）";
                // A 鼓楼区 before any city heading: no group applies to it.
                string[] names = ["鼓楼区", "南京市", "玄武区", "鼓楼区", "无锡市", "梁溪区", "徐州市", "云龙区", "鼓楼区"];
                for (var i = 0; i < names.Length; i++)
                {
                    ws.Cell(3 + i, 1).Value = names[i];
                    ws.Cell(3 + i, 2).Value = 50_000 + i;
                }

                wb.SaveAs(path);
            }

            var result = new BulletinWorkbookReader(Jiangsu).TryRead(path)!;

            Assert.Equal(50_003m, Figure(result.Table!, "320106", "INC_URBAN_PC")); // under 南京市
            Assert.Equal(50_008m, Figure(result.Table!, "320302", "INC_URBAN_PC")); // under 徐州市
            Assert.DoesNotContain(result.Table!.Figures, f => f.Value == 50_000m);
            var issue = Assert.Single(result.Issues, i => i.Code == "VAL008");
            Assert.Equal("A3", issue.Cell);
            Assert.Contains("Gulou District (Nanjing) (320106), Gulou District (Xuzhou) (320302)", issue.MessageEn);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Three Jiangsu cities, with Nanjing's and Xuzhou's 鼓楼区.</summary>
    private static ReferenceCatalog Jiangsu { get; } = new(
        [
            R("320000", "江苏省", "Jiangsu", RegionLevel.Province, null),
            R("320100", "南京市", "Nanjing", RegionLevel.City, "320000"),
            R("320102", "玄武区", "Xuanwu District", RegionLevel.County, "320100"),
            R("320104", "秦淮区", "Qinhuai District", RegionLevel.County, "320100"),
            R("320106", "鼓楼区", "Gulou District (Nanjing)", RegionLevel.County, "320100"),
            R("320200", "无锡市", "Wuxi", RegionLevel.City, "320000"),
            R("320213", "梁溪区", "Liangxi District", RegionLevel.County, "320200"),
            R("320205", "锡山区", "Xishan District", RegionLevel.County, "320200"),
            R("320300", "徐州市", "Xuzhou", RegionLevel.City, "320000"),
            R("320302", "鼓楼区", "Gulou District (Xuzhou)", RegionLevel.County, "320300"),
            R("320303", "云龙区", "Yunlong District", RegionLevel.County, "320300"),
            R("320305", "贾汪区", "Jiawang District", RegionLevel.County, "320300"),
        ],
        Some.Catalog.Indicators,
        "jiangsu-test");

    private static Region R(string code, string zh, string en, RegionLevel level, string? parent) =>
        new(code, zh, en, level, parent, new DateOnly(2000, 1, 1), null);
}
