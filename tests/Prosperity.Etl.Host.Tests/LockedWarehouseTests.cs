using Microsoft.Data.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>Runs alone: it sets the process's environment (the CLI reads PROSPERITY_ variables).</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>A warehouse locked by another program: one line, exit 2, after the configured wait.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class LockedWarehouseTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData("import")]
    [InlineData("migrate")]
    [InlineData("rank --refresh")]
    public async Task WritingVerb_ShouldSayInOneLineThatTheWarehouseIsLocked_WhenAnotherProgramHoldsItsWriteLock(string verb)
    {
        var db = _temp.File("warehouse.db");
        Assert.Equal(0, (await CliRunner.RunAsync("demo", "--db", "sqlite:" + db, "--samples", _temp.File("samples"))).Exit);
        var workbook = new WorkbookBuilder().WithValue("INC_URBAN_PC", 70_001m).Save(_temp.File("return.xlsx"));
        await using var other = new SqliteConnection($"Data Source={db};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE; INSERT INTO etl_run_lock (lock_name, owner, acquired_at, expires_at) VALUES ('x', 'other', '2026-01-01', '2026-01-01');";
            await begin.ExecuteNonQueryAsync();
        }

        Environment.SetEnvironmentVariable("PROSPERITY_Warehouse__BusyTimeoutSeconds", "1");
        try
        {
            string[] args = verb switch
            {
                "import" => ["import", workbook],
                "migrate" => ["migrate"],
                _ => ["rank", "--period", "2025Q3", "--refresh"],
            };
            var (exit, _, error) = await CliRunner.RunAsync([.. args, "--db", "sqlite:" + db]);

            EnvironmentFaultTests.AssertOneLine(exit, error, db, "is locked by another program");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PROSPERITY_Warehouse__BusyTimeoutSeconds", null);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
