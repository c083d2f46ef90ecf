using Dapper;
using Npgsql;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>The command line against the server engines: configuration, clear failures, the demo on PostgreSQL.</summary>
public sealed class WarehouseEngineCliTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private string? _database;
    private string? _role;

    [Fact]
    public async Task Migrate_ShouldPrintOneLineAndExit2_WhenThePostgresServerIsUnreachable()
    {
        var (exit, output, error) = await CliRunner.RunAsync("migrate", "--db", "postgres:Host=127.0.0.1;Port=1;Username=nobody;Password=secret;Timeout=2");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("prosperity: Cannot use the PostgreSQL warehouse postgres:127.0.0.1:1/", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ShouldExit2_WhenThePostgresConnectionStringIsMalformed()
    {
        var (exit, _, error) = await CliRunner.RunAsync("migrate", "--db", "postgres:NoSuchKeyword=1");

        Assert.Equal(2, exit);
        Assert.Contains("connection string is not valid", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_ShouldPrintOneLineAndExit2_WhenTheSqlServerIsUnreachable()
    {
        var (exit, output, error) = await CliRunner.RunAsync("migrate", "--db",
            "sqlserver:Server=tcp:127.0.0.1,1;Database=prosperity;User Id=sa;Password=secret;Connect Timeout=3;ConnectRetryCount=0;TrustServerCertificate=true");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("prosperity: Cannot use the SQL Server warehouse sqlserver:tcp:127.0.0.1,1/prosperity: server unreachable", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres:Host=db;Password=p4ss", "postgres:Host=db;Password=***")]
    [InlineData("sqlserver:Server=db;Database=w;pwd=p4ss;Encrypt=true", "sqlserver:Server=db;Database=w;pwd=***;Encrypt=true")]
    public void ToString_ShouldMaskThePassword_WhenTheConnectionHasOne(string db, string printed)
    {
        Assert.Equal(printed, WarehouseTarget.Parse(db).ToString());
    }

    [SkippableFact]
    public async Task Demo_ShouldLoadAndRank_WhenTheWarehouseIsPostgres()
    {
        var db = "postgres:" + NewPostgresDatabase();

        var (exit, output, error) = await CliRunner.RunAsync("demo", "--db", db, "--samples", _temp.File("samples"));
        var again = await CliRunner.RunAsync("demo", "--db", db, "--samples", _temp.File("samples"));

        Assert.True(exit == 0, error);
        Assert.Contains("25 file(s): 25 accepted", output, StringComparison.Ordinal); // 24 returns and the province bulletin table
        Assert.Contains("6 of 6 ranked, 0 missing; lower is better", output, StringComparison.Ordinal);
        Assert.Contains("25 file(s): 0 accepted (0 with warnings), 25 already loaded, 0 rejected", again.Out, StringComparison.Ordinal);

        // The bi views answer every sample query on the demo's data.
        await using var c = new NpgsqlConnection(db["postgres:".Length..]);
        foreach (var file in Directory.GetFiles(Data.Tests.RepositoryFolder.Find("sql", "queries"), "*.sql"))
        {
            var rows = await c.QueryAsync(await File.ReadAllTextAsync(file),
                new { PeriodCode = "2025Q3", IndicatorCode = "RATIO_URBAN_RURAL", AsOf = DateTimeOffset.UtcNow });
            Assert.True(rows.Any() || file.EndsWith("05_resubmission_changes.sql", StringComparison.Ordinal), $"{Path.GetFileName(file)} returned no row");
        }
    }

    [SkippableFact]
    public async Task ImportAndRank_ShouldRankThePublishedGrowth_WhenTheWarehouseIsPostgres()
    {
        var db = "postgres:" + NewPostgresDatabase();

        var import = await CliRunner.RunAsync("import", "--db", db, Fixtures.Return("openpyxl-bulletin-growth-2025Q3.xlsx"));
        var city = await CliRunner.RunAsync("rank", "--db", db, "--level", "city", "--period", "2025Q3", "--indicator", "INC_URBAN_PC", "--format", "json");

        Assert.True(import.Exit == 0, import.Err);
        Assert.True(city.Exit == 0, city.Err);
        using var json = System.Text.Json.JsonDocument.Parse(city.Out);
        var lishui = json.RootElement.EnumerateArray().Single(e => e.GetProperty("region_code").GetString() == "331100");
        Assert.Equal((5.5m, 1), (lishui.GetProperty("growth").GetDecimal(), lishui.GetProperty("growth_rank").GetInt32()));
    }

    [SkippableFact]
    public async Task Import_ShouldKeepEachTopicTable_AndRestateWhatARevisionDoesNotRepeat_WhenTheWarehouseIsPostgres()
    {
        var connection = NewPostgresDatabase();
        var db = "postgres:" + connection;
        foreach (var table in new[] { "counties-2025Q3", "county-workshops-2025Q3", "counties-revised-2025Q3" })
        {
            var import = await CliRunner.RunAsync("import", "--db", db, Fixtures.Return($"openpyxl-bulletin-{table}.xlsx"));
            Assert.True(import.Exit == 0, import.Out + import.Err);
        }

        await using var c = new NpgsqlConnection(connection);
        var current = (await c.QueryAsync<(string, decimal, string)>("""
            SELECT indicator_code, value, file_name FROM bi.indicator_value_current WHERE region_code = '330603' ORDER BY indicator_code
            """)).ToList();
        Assert.Equal(
            [("INC_RURAL_PC", 52_378m, "openpyxl-bulletin-counties-2025Q3.xlsx"), ("INC_URBAN_PC", 79_100m, "openpyxl-bulletin-counties-revised-2025Q3.xlsx"),
             ("WORKSHOPS", 131m, "openpyxl-bulletin-county-workshops-2025Q3.xlsx"), ("WORKSHOP_WORKERS", 6_015m, "openpyxl-bulletin-county-workshops-2025Q3.xlsx")],
            current);
        Assert.Equal(2L, await c.ExecuteScalarAsync<long>("""
            SELECT COUNT(*) FROM dw.fact_published_growth g JOIN etl.submission s ON s.submission_id = g.submission_id AND s.status = 'accepted'
            JOIN dw.region r ON r.region_key = g.region_key WHERE r.region_code = '330603'
            """));
    }

    [SkippableFact]
    public async Task ImportAndRank_ShouldLoadTheBulletinAndMaterialiseTheRanks_WhenTheWarehouseIsPostgres()
    {
        var db = "postgres:" + NewPostgresDatabase();
        var bulletin = _temp.File(Samples.ProvinceBulletin.FileName);
        Samples.ProvinceBulletin.Write(bulletin);

        var import = await CliRunner.RunAsync("import", "--db", db, bulletin);
        var refresh = await CliRunner.RunAsync("rank", "--db", db, "--refresh", "--period", "2025Q3");
        var again = await CliRunner.RunAsync("rank", "--db", db, "--refresh", "--period", "2025Q3");
        var city = await CliRunner.RunAsync("rank", "--db", db, "--level", "city", "--period", "2025Q3", "--indicator", "INC_URBAN_PC", "--format", "csv");

        Assert.True(import.Exit == 0, import.Err);
        Assert.Contains("(bulletin, 12 regions 2025Q3, 48 values)", import.Out, StringComparison.Ordinal);
        Assert.True(refresh.Exit == 0, refresh.Err);
        Assert.Contains("Materialised 44 ranking facts for 2025Q3 (4 peer-group tables).", refresh.Err, StringComparison.Ordinal);
        Assert.Contains("Materialised 44 ranking facts for 2025Q3 (4 peer-group tables).", again.Err, StringComparison.Ordinal);
        Assert.True(city.Exit == 0, city.Err);
        Assert.Contains("330100", city.Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Migrate_ShouldPrintOneLineAndExit2_WhenThePostgresLoginMayNotCreateTheSchema()
    {
        var admin = NewPostgresDatabase();
        _role = "prosperity_reader_" + Guid.NewGuid().ToString("N")[..8];
        TestPostgresServer.Execute($"CREATE ROLE {_role} LOGIN");
        TestPostgresServer.Create(_database!);

        var reader = new NpgsqlConnectionStringBuilder(admin) { Username = _role, Password = null }.ConnectionString;
        var (exit, output, error) = await CliRunner.RunAsync("migrate", "--db", "postgres:" + reader);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"prosperity: Cannot use the PostgreSQL warehouse postgres:", line, StringComparison.Ordinal);
        Assert.Contains(_database!, line, StringComparison.Ordinal);
    }

    private string NewPostgresDatabase()
    {
        TestPostgresServer.Require();
        _database = TestPostgresServer.NewName("prosperity_cli");
        return TestPostgresServer.To(_database);
    }

    public void Dispose()
    {
        TestPostgresServer.Drop(_database);
        if (_role is not null)
        {
            TestPostgresServer.Execute($"DROP ROLE IF EXISTS {_role}");
        }

        _temp.Dispose();
    }
}
