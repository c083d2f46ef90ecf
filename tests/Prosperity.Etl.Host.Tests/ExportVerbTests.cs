using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;
using Prosperity.Etl.Host.Output;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// <c>prosperity export</c>: the files parsed back by Python's csv module (another CSV reader than
/// ours) and compared with the warehouse's current values, read with SQL from its view.
/// </summary>
public sealed class ExportVerbTests : IAsyncLifetime, IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    public async Task InitializeAsync() =>
        Assert.Equal(0, (await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"))).Exit);

    [SkippableFact]
    public async Task Csv_ShouldHoldEveryCurrentValue_WithItsUnitStatusAndSource()
    {
        Skip.IfNot(File.Exists(Python), $"{Python} is not installed; the file is parsed back with Python's csv module.");
        var file = _temp.File("out/values-2025Q3.csv");

        var (exit, output, error) = await CliRunner.RunAsync("export", "--db", Db, "--period", "2025Q3", "--out", file);

        Assert.True(exit == 0, error);
        var rows = ParseCsv(file);
        var warehouse = await CurrentValuesAsync("2025Q3");
        Assert.Contains($"Wrote {file}: {warehouse.Count} value(s)", output, StringComparison.Ordinal);
        Assert.Equal(warehouse.Count, rows.Count);
        foreach (var row in rows)
        {
            var key = ((string)row["region_code"]!, (string)row["indicator_code"]!);
            var text = (string)row["value"]!;
            Assert.Equal(warehouse[key], text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture));
            Assert.Equal("2025Q3", (string?)row["period"]);
            // The demo published 2025Q3 (release 1); the province bulletin's figures are published by the province.
            Assert.Equal(warehouse[key] is null ? "not_available" : "published", (string?)row["status"]);
            // Received just now (the demo), written in China time with the offset.
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$", (string)row["received_at"]!);
            Assert.InRange(DateTimeOffset.Parse((string)row["received_at"]!, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
        }

        var shaoxing = rows.Single(r => (string?)r["region_code"] == "330600" && (string?)r["indicator_code"] == "INC_URBAN_PC");
        Assert.Equal(("绍兴市", "元", "69987", "return"), ((string?)shaoxing["region_name_zh"], (string?)shaoxing["unit"], (string?)shaoxing["value"], (string?)shaoxing["source_kind"]));
        var hangzhou = rows.Single(r => (string?)r["region_code"] == "330100" && (string?)r["indicator_code"] == "RATIO_URBAN_RURAL");
        Assert.Equal(("1.57", "bulletin", "2025年前三季度全省各市城乡居民人均可支配收入"), ((string?)hangzhou["value"], (string?)hangzhou["source_kind"], (string?)hangzhou["source"]));
    }

    [SkippableFact]
    public async Task SdmxCsv_ShouldNameTheDataflow_AndCodeTheDimensionsAndAttributes()
    {
        Skip.IfNot(File.Exists(Python), $"{Python} is not installed; the file is parsed back with Python's csv module.");
        var file = _temp.File("out/values-2025Q3.sdmx.csv");

        var (exit, _, error) = await CliRunner.RunAsync("export", "--db", Db, "--period", "2025Q3", "--format", "sdmx-csv", "--out", file);

        Assert.True(exit == 0, error);
        Assert.StartsWith(ValueExportWriter.SdmxHeader + "\r\n", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        var rows = ParseCsv(file);
        var warehouse = await CurrentValuesAsync("2025Q3");
        Assert.Equal(warehouse.Count, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal("PROSPERITY:DF_SHARED_PROSPERITY(1.0)", (string?)r["DATAFLOW"]);
            Assert.Equal("2025-Q3", (string?)r["TIME_PERIOD"]);
            var value = (string)r["OBS_VALUE"]!;
            Assert.Equal(warehouse[((string)r["REF_AREA"]!, (string)r["INDICATOR"]!)], value.Length == 0 ? null : decimal.Parse(value, CultureInfo.InvariantCulture));
            Assert.Equal(value.Length == 0 ? "M" : "A", (string?)r["OBS_STATUS"]);
            Assert.Matches("^[A-Z0-9_]+$", (string)r["UNIT_MEASURE"]!);
        });
        var income = rows.Single(r => (string?)r["REF_AREA"] == "330400" && (string?)r["INDICATOR"] == "INC_RURAL_PC");
        Assert.Equal(("48310", "CNY"), ((string?)income["OBS_VALUE"], (string?)income["UNIT_MEASURE"]));
    }

    [SkippableFact]
    public async Task Release_ShouldExportTheFiguresAsEachReleasePublishedThem_AfterARevisionIsApproved()
    {
        Skip.IfNot(File.Exists(Python), $"{Python} is not installed; the file is parsed back with Python's csv module.");
        // The demo's correction from Xinchang (urban income 63,120 instead of the published 62,845) waits for review; approve it.
        long pending;
        await using (var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync())
        {
            pending = await c.ExecuteScalarAsync<long>("SELECT submission_id FROM etl_submission WHERE status = 'pending' AND region_code = '330624'");
        }

        var approve = await CliRunner.RunAsync("approve", "--db", Db, "--submission", pending.ToString(CultureInfo.InvariantCulture), "--note", "修订说明：城镇居民收入更正");
        Assert.True(approve.Exit == 0, approve.Out + approve.Err);

        var first = _temp.File("out/release-1.csv");
        var second = _temp.File("out/release-2.csv");
        var current = _temp.File("out/current.csv");
        var sdmx = _temp.File("out/release-1.sdmx.csv");
        var one = await CliRunner.RunAsync("export", "--db", Db, "--period", "2025Q3", "--release", "1", "--out", first);
        Assert.True(one.Exit == 0, one.Err);
        Assert.Contains("as release 1 published them", one.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--db", Db, "--period", "2025Q3", "--release", "2", "--out", second)).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--db", Db, "--period", "2025Q3", "--out", current)).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync("export", "--db", Db, "--period", "2025Q3", "--release", "1", "--format", "sdmx-csv", "--out", sdmx)).Exit);

        static JsonObject Xinchang(List<JsonObject> rows, string region = "330624", string code = "INC_URBAN_PC") =>
            rows.Single(r => (string?)r["region_code"] == region && (string?)r["indicator_code"] == code);
        var (r1, r2, now) = (ParseCsv(first), ParseCsv(second), ParseCsv(current));
        Assert.Equal(("62845", "published"), ((string?)Xinchang(r1)["value"], (string?)Xinchang(r1)["status"]));
        Assert.Equal(("63120", "revised"), ((string?)Xinchang(r2)["value"], (string?)Xinchang(r2)["status"]));
        Assert.Equal(("63120", "revised"), ((string?)Xinchang(now)["value"], (string?)Xinchang(now)["status"]));
        // The other districts' returns are the same in both releases; a release holds district returns only.
        Assert.Equal(Xinchang(r1, "330603")["value"]!.ToString(), Xinchang(r2, "330603")["value"]!.ToString());
        Assert.Equal(r1.Count, r2.Count);
        Assert.All(r1, r => Assert.Equal("return", (string?)r["source_kind"]));
        Assert.Equal(8, r1.Select(r => (string?)r["region_code"]).Distinct().Count());
        var sdmxRow = ParseCsv(sdmx).Single(r => (string?)r["REF_AREA"] == "330624" && (string?)r["INDICATOR"] == "INC_URBAN_PC");
        Assert.Equal(("62845", "A"), ((string?)sdmxRow["OBS_VALUE"], (string?)sdmxRow["OBS_STATUS"]));

        var none = await CliRunner.RunAsync("export", "--db", Db, "--period", "2025Q3", "--release", "3", "--out", _temp.File("out/r3.csv"));
        Assert.Equal(2, none.Exit);
        Assert.Contains("2025Q3 has no release 3: its releases are 1 to 2.", none.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ShouldMarkValuesProvisional_UntilTheirPeriodIsPublished()
    {
        // 2026Q1 of Xinchang, approved at once (Review:Required off) and not published.
        var file = _temp.File("330624_2026Q1.xlsx");
        var q4 = new Domain.Period(2026, 1);
        new WorkbookBuilder().For(Reference.ReferenceCatalog.Default.FindRegion("330624", q4)!, q4).Save(file);
        var import = await CliRunner.RunAsync("import", "--db", Db, file);
        Assert.True(import.Exit == 0, import.Out + import.Err);
        var csv = _temp.File("out/q4.csv");

        var (exit, _, error) = await CliRunner.RunAsync("export", "--db", Db, "--period", "2026Q1", "--out", csv);

        Assert.True(exit == 0, error);
        var lines = (await File.ReadAllLinesAsync(csv)).Skip(1).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(",(provisional|not_available),", l));
        Assert.True(lines.Count(l => l.Contains(",provisional,", StringComparison.Ordinal)) >= lines.Count - 1, string.Join("\n", lines));
        var unpublished = await CliRunner.RunAsync("export", "--db", Db, "--period", "2026Q1", "--release", "1", "--out", _temp.File("out/q4r1.csv"));
        Assert.Equal(2, unpublished.Exit);
        Assert.Contains("2026Q1 has not been published", unpublished.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ShouldRefuseAFormatItDoesNotKnow()
    {
        var (exit, _, error) = await CliRunner.RunAsync("export", "--db", Db, "--period", "2025Q3", "--format", "xml", "--out", _temp.File("x.xml"));

        Assert.Equal(2, exit);
        Assert.Contains("xml", error, StringComparison.Ordinal);
    }

    private async Task<Dictionary<(string Region, string Indicator), decimal?>> CurrentValuesAsync(string period)
    {
        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        var rows = await c.QueryAsync<(string Region, string Indicator, string? Value)>(
            "SELECT region_code, indicator_code, CAST(value AS TEXT) FROM bi_indicator_value_current WHERE period_code = @Period", new { Period = period });
        return rows.ToDictionary(r => (r.Region, r.Indicator), r => r.Value is null ? (decimal?)null : decimal.Parse(r.Value, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static List<JsonObject> ParseCsv(string file)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-c", "import csv, json, sys\nwith open(sys.argv[1], encoding='utf-8', newline='') as f:\n    print(json.dumps(list(csv.DictReader(f, strict=True)), ensure_ascii=False))", file })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error);
        return JsonNode.Parse(output)!.AsArray().Select(n => n!.AsObject()).ToList();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();
}
