using System.Text.Json;
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

    public void Dispose() => _temp.Dispose();
}
