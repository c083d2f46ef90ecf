using ClosedXML.Excel;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

public class RankingReportWriterTests
{
    private static readonly Region City = Some.Catalog.FindRegion("330600", Some.Period)!;

    private static Region R(string code, string nameZh) => new(code, nameZh, "Unit " + code, RegionLevel.County, "330600", new DateOnly(2000, 1, 1), null);

    private static RankingTable Table(IReadOnlyList<Region> members, string groupCode = "county:330600", string groupZh = "绍兴市各县（市、区）")
    {
        var group = new PeerGroup(groupCode, PeerLevel.County, groupZh, "County-level units of Shaoxing", City, members);
        var values = members.Select((m, n) => (m.Code, Value: 60_000m + (n * 1_000m))).ToDictionary(x => x.Code, x => (decimal?)x.Value);
        return PeerComparison.Compare(Some.UrbanIncome, Some.Period, group, r => values.GetValueOrDefault(r.Code),
            r => values.GetValueOrDefault(r.Code) - 3_000m, r => values.GetValueOrDefault(r.Code) is { } v ? 70_000m - v : null);
    }

    private static XLWorkbook RoundTrip(params RankingTable[] tables)
    {
        using var built = RankingReportWriter.Build(Some.Period, tables, RankingMethod.Notes);
        var stream = new MemoryStream();
        built.SaveAs(stream);
        stream.Position = 0;
        return new XLWorkbook(stream);
    }

    [Fact]
    public void Build_ShouldWriteOneSheetPerPeerGroup_AndTheMethodOnANotesSheet()
    {
        using var workbook = RoundTrip(
            Table([R("a", "甲"), R("b", "乙")]),
            Table([R("a", "甲"), R("b", "乙"), R("c", "丙")], "province-county:330000", "浙江省各县（市、区）"));

        Assert.Equal(["绍兴市各县（市、区）", "浙江省各县（市、区）", RankingReportWriter.NotesSheetName], workbook.Worksheets.Select(w => w.Name));
        Assert.Contains("OECD/JRC", workbook.Worksheet(RankingReportWriter.NotesSheetName).CellsUsed().Select(c => c.GetString()).Aggregate((x, y) => x + y), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ShouldAddDataBarsAndRankChangeArrows()
    {
        using var workbook = RoundTrip(Table([R("a", "甲"), R("b", "乙"), R("c", "丙")]));
        var ws = workbook.Worksheet(1);

        Assert.Contains(ws.ConditionalFormats, cf => cf.ConditionalFormatType == XLConditionalFormatType.DataBar);
        // Values 60,000 < 61,000 < 62,000: last quarter the order was reversed, so c rose two places.
        var c = ws.CellsUsed().Single(x => x.GetString() == "c");
        Assert.Equal("▲2", c.CellLeft().GetString());
        Assert.Equal(1, c.CellLeft().CellLeft().GetValue<int>());
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://example.com\",\"x\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    public void Build_ShouldWriteDataAsText_WhenItStartsLikeAFormula(string name)
    {
        using var workbook = RoundTrip(Table([R("a", name), R("b", "乙")]));
        var ws = workbook.Worksheet(1);

        var cell = ws.CellsUsed().Single(x => x.GetString().StartsWith(name, StringComparison.Ordinal));
        Assert.False(cell.HasFormula);
        Assert.Equal(XLDataType.Text, cell.DataType);
        // The quote prefix keeps it text when someone edits the cell in Excel.
        Assert.True(cell.Style.IncludeQuotePrefix);
        Assert.Equal(name + " Unit a", cell.GetString());
        Assert.DoesNotContain(ws.CellsUsed(), x => x.HasFormula);
    }
}
