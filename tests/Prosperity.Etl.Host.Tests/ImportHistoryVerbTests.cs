using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// <c>prosperity import-history</c>: long-format CSV files written by Python's csv module (another
/// writer than ours), loaded as bulletin figures in one transaction, or refused whole with each
/// problem at its cell.
/// </summary>
public sealed class ImportHistoryVerbTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    // Urban and rural income of three Shaoxing units for 2023Q3 and 2024Q3, with a UTF-8 byte-order mark as Excel saves it.
    private const string GoodRows = """
        rows = [('region', 'period', 'indicator', 'value', 'source')]
        for year, urban in [(2023, 55000), (2024, 58500)]:
            for code, delta in [('330602', 0), ('330603', 4000), ('330624', -3000)]:
                source = f'{year}年前三季度绍兴市各县（市、区）城乡居民收入'
                rows.append((code, f'{year}Q3', 'INC_URBAN_PC', urban + delta, source))
                rows.append((code, f'{year}Q3', 'INC_RURAL_PC', round((urban + delta) * 0.62), source))
        """;

    [SkippableFact]
    public async Task ImportHistory_ShouldLoadEveryPeriodAsBulletinFigures_AndGiveTheRankingsTheirGrowth()
    {
        Skip.IfNot(File.Exists(Python), $"{Python} is not installed; the CSV is written by Python's csv module.");
        var file = WriteCsv("history.csv", GoodRows, bom: true);

        var (exit, output, error) = await CliRunner.RunAsync("import-history", file, "--db", Db);

        Assert.True(exit == 0, output + error);
        Assert.Contains("history.csv: loaded 12 figure(s) of 3 region(s) in 2 period(s) (2023Q3 .. 2024Q3) as bulletin figures, 6 submission(s)", output, StringComparison.Ordinal);
        var rank = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2024Q3", "--level", "county", "--indicator", "INC_URBAN_PC", "--format", "json");
        using var json = JsonDocument.Parse(rank.Out);
        var xinchang = json.RootElement.EnumerateArray().Single(r => r.GetProperty("region_code").GetString() == "330624");
        Assert.Equal(55_500m, xinchang.GetProperty("value").GetDecimal());
        Assert.Equal(6.7m, xinchang.GetProperty("growth").GetDecimal()); // 55,500 on 52,000
        Assert.Equal(1, xinchang.GetProperty("growth_rank").GetInt32());

        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        Assert.Equal(6L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM etl_submission WHERE source_kind = 'bulletin' AND status = 'accepted'"));
        Assert.Equal("D2", await c.ExecuteScalarAsync<string>(
            "SELECT f.source_cell FROM dw_fact_indicator_value f JOIN etl_submission s ON s.submission_id = f.submission_id WHERE s.region_code = '330602' AND s.period_code = '2023Q3' AND f.indicator_key = (SELECT indicator_key FROM dw_indicator WHERE indicator_code = 'INC_URBAN_PC')"));

        var again = await CliRunner.RunAsync("import-history", file, "--db", Db);
        Assert.Equal(0, again.Exit);
        Assert.Contains("already loaded", again.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task ImportHistory_ShouldRefuseTheWholeFile_NamingEachProblemAtItsCell()
    {
        Skip.IfNot(File.Exists(Python), $"{Python} is not installed; the CSV is written by Python's csv module.");
        var file = WriteCsv("history-bad.csv", GoodRows + """

            rows += [('330699', '2024Q3', 'INC_URBAN_PC', 1, ''), ('330602', '2024Q5', 'INC_URBAN_PC', 1, ''),
                     ('330602', '2024Q3', 'NOPE', 1, ''), ('330602', '2024Q3', 'INC_RURAL_PC', 'abc', ''),
                     ('330602', '2023Q3', 'INC_URBAN_PC', 1, '')]
            """, bom: false);

        var (exit, output, _) = await CliRunner.RunAsync("import-history", file, "--db", Db);

        Assert.Equal(1, exit);
        Assert.Contains("5 error(s); nothing of it was stored", output, StringComparison.Ordinal);
        Assert.Contains("history-bad!A14 REF001", output, StringComparison.Ordinal);
        Assert.Contains("history-bad!B15 REF004", output, StringComparison.Ordinal);
        Assert.Contains("history-bad!C16 REF003", output, StringComparison.Ordinal);
        Assert.Contains("history-bad!D17 VAL001", output, StringComparison.Ordinal);
        Assert.Contains("history-bad!D18 VAL005", output, StringComparison.Ordinal);
        Assert.Contains("already given as 55000 at D2", output, StringComparison.Ordinal);
        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        Assert.Equal(0L, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dw_fact_indicator_value"));
        Assert.Equal("rejected", await c.ExecuteScalarAsync<string>("SELECT status FROM etl_submission"));
    }

    [Fact]
    public async Task ImportHistory_ShouldNameTheMissingColumns()
    {
        var file = _temp.File("no-source.csv");
        await File.WriteAllTextAsync(file, "region,period,indicator,value\n330602,2024Q3,INC_URBAN_PC,58500\n");

        var (exit, output, _) = await CliRunner.RunAsync("import-history", file, "--db", Db);

        Assert.Equal(1, exit);
        Assert.Contains("STR005", output, StringComparison.Ordinal);
        Assert.Contains("The header lacks the column(s) source.", output, StringComparison.Ordinal);
    }

    private string WriteCsv(string name, string rows, bool bom)
    {
        var path = _temp.File(name);
        var script = "import csv, sys\n" + rows.Replace("\r", string.Empty, StringComparison.Ordinal) + "\n"
            + $"with open(sys.argv[1], 'w', newline='', encoding='{(bom ? "utf-8-sig" : "utf-8")}') as f:\n    csv.writer(f).writerows(rows)\n";
        var start = new ProcessStartInfo(Python) { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return path;
    }

    public void Dispose() => _temp.Dispose();
}
