using ClosedXML.Excel;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Host.Output;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

public sealed class ReportVerbTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    [Fact]
    public async Task Report_ShouldWriteTheWorkbookAndThePage_WhenTheWarehouseHasTheDemo()
    {
        await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"));
        var xlsx = _temp.File("out/rankings.xlsx");
        var html = _temp.File("out/rankings.html");

        var (exit, output, _) = await CliRunner.RunAsync("report", "--db", Db, "--period", "2025Q3", "--out", xlsx, "--html", html);

        Assert.Equal(0, exit);
        Assert.Contains("4 peer group sheet(s)", output, StringComparison.Ordinal);
        using (var workbook = new XLWorkbook(xlsx))
        {
            Assert.Equal(["浙江省各市", "绍兴市各县（市、区）", "绍兴市功能区", "浙江省各县（市、区）", RankingReportWriter.NotesSheetName],
                workbook.Worksheets.Select(w => w.Name));
            // The demo published the quarter and then received a correction that waits for review.
            var notes = workbook.Worksheet(RankingReportWriter.NotesSheetName).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.Contains(notes, n => n.StartsWith("已发布 Published. 2025Q3: published as release 1 on ", StringComparison.Ordinal)
                && n.EndsWith("by demo reviewer; 1 return(s) pending review (1 revision(s)), not counted", StringComparison.Ordinal));
        }

        var page = await File.ReadAllTextAsync(html);
        Assert.Contains("Chart.js v4.6.1", page, StringComparison.Ordinal);
        Assert.Contains("new Chart(", page, StringComparison.Ordinal);
        Assert.Contains("\"region_code\":\"330603\"", page, StringComparison.Ordinal);
        Assert.Contains("\"period\":\"2025Q2\"", page, StringComparison.Ordinal); // history for the rank-over-time chart
        Assert.Contains("Published. 2025Q3: published as release 1 on ", page, StringComparison.Ordinal); // the page's publication mark
        Assert.Contains("id=\"publication\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_ShouldExit2_WhenNoOutputIsGiven()
    {
        var (exit, _, error) = await CliRunner.RunAsync("report", "--db", Db, "--period", "2025Q3");

        Assert.Equal(2, exit);
        Assert.StartsWith("prosperity: Give --out", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ShouldNeverLetDataCloseTheScript_WhenANameHoldsMarkup()
    {
        var evil = new Region("x", "</script><script>alert(1)</script>", "x", RegionLevel.County, "330600", new DateOnly(2000, 1, 1), null);
        var group = new PeerGroup("county:330600", PeerLevel.County, "g", "g", Some.Catalog.FindRegion("330600", Some.Period)!, [evil]);
        var table = PeerComparison.Compare(Some.UrbanIncome, Some.Period, group, _ => 1m, _ => null, _ => null);

        var html = RankingPageWriter.Render(Some.Period, [table], RankingMethod.Notes);

        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
