using System.Text.Json;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary><c>prosperity status</c> on PostgreSQL, one fresh database, skipped without a server.</summary>
public sealed class StatusVerbPostgresTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private string? _database;

    [SkippableFact]
    public async Task Status_ShouldShowAcceptedResubmittedAndRejectedCells_WhenTheWarehouseIsPostgres()
    {
        TestPostgresServer.Require();
        _database = TestPostgresServer.NewName("prosperity_status");
        var db = "postgres:" + TestPostgresServer.To(_database);
        var keqiao = new WorkbookBuilder().For(Some.Keqiao, Some.Period).WithRawValue("INC_URBAN_PC", "about 80k").Save(_temp.File("keqiao.xlsx"));

        Assert.Equal(0, (await CliRunner.RunAsync("import", "--db", db, new WorkbookBuilder().Save(_temp.File("v1.xlsx")))).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--db", db, new WorkbookBuilder().WithValue("TOWN_LISTS", 89m).Save(_temp.File("v2.xlsx")))).Exit);
        Assert.Equal(1, (await CliRunner.RunAsync("import", "--db", db, keqiao)).Exit);
        var (exit, output, error) = await CliRunner.RunAsync("status", "--db", db, "--period", "2025Q3", "--quarters", "1", "--format", "json");

        Assert.True(exit == 0, error);
        using var document = JsonDocument.Parse(output);
        var cells = document.RootElement.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rows").EnumerateArray())
            .ToDictionary(r => r.GetProperty("region_code").GetString()!, r => r.GetProperty("cells")[0]);
        Assert.Equal("accepted", cells["330624"].GetProperty("state").GetString());
        Assert.Equal("✓↻", cells["330624"].GetProperty("mark").GetString());
        Assert.Equal("rejected", cells["330603"].GetProperty("state").GetString());
        Assert.Equal("missing", cells["330602"].GetProperty("state").GetString());
        var total = document.RootElement.GetProperty("totals")[0];
        // 102 expected (11 cities, 90 county-level units, Binhai New Area): one accepted, one rejected, 100 missing.
        Assert.Equal((1, 1, 100), (total.GetProperty("accepted").GetInt32(), total.GetProperty("rejected").GetInt32(), total.GetProperty("missing").GetInt32()));
    }

    public void Dispose()
    {
        TestPostgresServer.Drop(_database);
        _temp.Dispose();
    }
}
