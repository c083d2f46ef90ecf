using System.Text.Json;
using Dapper;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// The province's table of its county-level units (grouped by city, subtotal rows, names only),
/// written by openpyxl, fills the province-wide county ranking through the real CLI.
/// </summary>
public sealed class CountyTableImportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    private static string Table => Fixtures.Return("openpyxl-bulletin-counties-2025Q3.xlsx");

    [Fact]
    public async Task Import_ShouldFillTheProvinceCountyRanking_WithLevelsAndPrintedGrowth_AndSayWhatWasNotLoaded()
    {
        var (exit, output, error) = await CliRunner.RunAsync("import", "--db", Db, Table);
        Assert.True(exit == 0, output + error);
        Assert.Contains("10 regions 2025Q3, 20 values, 1 warning(s)", output, StringComparison.Ordinal);

        (exit, output, error) = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--level", "province-county", "--indicator", "INC_URBAN_PC", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var ranked = json.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("value").ValueKind == JsonValueKind.Number)
            .ToDictionary(e => e.GetProperty("region_code").GetString()!, e => (Rank: e.GetProperty("rank").GetInt32(), Growth: e.GetProperty("growth_rank").GetInt32()));

        // Nine county-level units; Binhai New Area is a functional area and ranks in its own group.
        Assert.Equal(9, ranked.Count);
        Assert.DoesNotContain("F330601", ranked.Keys);
        Assert.Equal((1, 9), ranked["330782"]); // Yiwu 88,460, +4.0 %: first on the level, last on the printed growth
        Assert.Equal((9, 1), ranked["330624"]); // Xinchang 62,845, +4.7 %
        Assert.Equal((3, 6), ranked["330603"]); // Keqiao +4.3 %, tied with Wucheng
        Assert.Equal((6, 6), ranked["330702"]);
    }

    [Fact]
    public async Task Inspect_ShouldNameTheCityProperRow_AsNotLoaded()
    {
        var (_, output, _) = await CliRunner.RunAsync("inspect", Table);

        Assert.Contains("表3!A16 VAL008", output, StringComparison.Ordinal);
        Assert.Contains("county-level table: units named under their city's subtotal row", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ShouldKeepTheFirstTopicsFigures_WhenASecondTopicTableForTheSameUnitsArrives_AndRestateWhatARevisionDoesNotRepeat()
    {
        foreach (var table in new[] { "openpyxl-bulletin-counties-2025Q3.xlsx", "openpyxl-bulletin-county-workshops-2025Q3.xlsx" })
        {
            var (exit, output, error) = await CliRunner.RunAsync("import", "--db", Db, Fixtures.Return(table));
            Assert.True(exit == 0, output + error);
        }

        // The workshops table does not retire Keqiao's incomes: both topics are current, each from its own file.
        Assert.Equal(
            [("INC_RURAL_PC", 52_378m, "openpyxl-bulletin-counties-2025Q3.xlsx", "D8"), ("INC_URBAN_PC", 78_936m, "openpyxl-bulletin-counties-2025Q3.xlsx", "B8"),
             ("WORKSHOPS", 131m, "openpyxl-bulletin-county-workshops-2025Q3.xlsx", "B5"), ("WORKSHOP_WORKERS", 6_015m, "openpyxl-bulletin-county-workshops-2025Q3.xlsx", "C5")],
            await CurrentAsync("330603"));

        // The incomes table revised, reprinting only the urban level: Keqiao's corrected urban income
        // replaces the old one; its rural income and both printed growths stay, from the first file's cells.
        var (code, _, revisionError) = await CliRunner.RunAsync("import", "--db", Db, Fixtures.Return("openpyxl-bulletin-counties-revised-2025Q3.xlsx"));
        Assert.True(code == 0, revisionError);
        Assert.Equal(
            [("INC_RURAL_PC", 52_378m, "openpyxl-bulletin-counties-2025Q3.xlsx", "D8"), ("INC_URBAN_PC", 79_100m, "openpyxl-bulletin-counties-revised-2025Q3.xlsx", "B5"),
             ("WORKSHOPS", 131m, "openpyxl-bulletin-county-workshops-2025Q3.xlsx", "B5"), ("WORKSHOP_WORKERS", 6_015m, "openpyxl-bulletin-county-workshops-2025Q3.xlsx", "C5")],
            await CurrentAsync("330603"));
        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        var growth = (await c.QueryAsync<(string, double)>("""
            SELECT i.indicator_code, g.growth_pct FROM dw_fact_published_growth g
            JOIN etl_submission s ON s.submission_id = g.submission_id AND s.status = 'accepted'
            JOIN dw_region r ON r.region_key = g.region_key JOIN dw_indicator i ON i.indicator_key = g.indicator_key
            WHERE r.region_code = '330603' ORDER BY 1
            """)).ToList();
        Assert.Equal([("INC_RURAL_PC", 5.7), ("INC_URBAN_PC", 4.3)], growth);

        // The superseded submission is kept, with what replaced it and what restated it.
        var history = (await c.QueryAsync<(string, long, long?)>("""
            SELECT s.status, s.is_revision, s.restored_from FROM etl_submission s JOIN dw_region r ON r.region_key = s.region_key
            WHERE r.region_code = '330603' AND s.file_name LIKE '%counties%' ORDER BY s.submission_id
            """)).ToList();
        Assert.Equal(3, history.Count);
        Assert.Equal(("superseded", 0L, (long?)null), history[0]);
        Assert.Equal(("accepted", 1L, (long?)null), history[1]);
        Assert.Equal("accepted", history[2].Item1);
        Assert.NotNull(history[2].Item3);
    }

    private async Task<List<(string, decimal, string, string)>> CurrentAsync(string region)
    {
        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        var rows = await c.QueryAsync<(string Indicator, double Value, string File, long Submission)>("""
            SELECT indicator_code, value, file_name, submission_id FROM bi_indicator_value_current WHERE region_code = @region ORDER BY indicator_code
            """, new { region });
        var cells = (await c.QueryAsync<(long, string, string)>("SELECT f.submission_id, i.indicator_code, f.source_cell FROM dw_fact_indicator_value f JOIN dw_indicator i ON i.indicator_key = f.indicator_key"))
            .ToDictionary(x => (x.Item1, x.Item2), x => x.Item3);
        return rows.Select(r => (r.Indicator, (decimal)r.Value, r.File, cells[(r.Submission, r.Indicator)])).ToList();
    }

    public void Dispose() => _temp.Dispose();
}
