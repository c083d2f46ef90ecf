using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Sqlite.Tests;

/// <summary>A warehouse file opened read-only: nothing created, nothing written, and readable where it cannot be written.</summary>
public sealed class SqliteReadOnlyTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [SkippableFact]
    public async Task OpenAsync_ShouldReadAWalWarehouse_WhenItsFolderCannotBeWritten()
    {
        var folder = Directory.CreateDirectory(_temp.File("media")).FullName;
        var path = Path.Combine(folder, "w.db");
        new SqliteMigrator(new SqliteConnectionFactory(path), NullLogger<SqliteMigrator>.Instance).Migrate();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(path + "-wal"));

        using (ReadOnlyPath.Make(folder))
        {
            var factory = new SqliteConnectionFactory(path, new SqliteOpenOptions(ReadOnly: true));
            await using (var c = await factory.OpenAsync())
            {
                Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'dw_region'"));
            }

            var warehouse = SqliteWarehouse.Create(path, TimeProvider.System, NullLoggerFactory.Instance, new SqliteOpenOptions(ReadOnly: true));
            Assert.Empty(await warehouse.GetSubmissionSummaryAsync(new Domain.Period(2025, 1), new Domain.Period(2025, 3)));
        }
    }

    [Fact]
    public async Task OpenAsync_ShouldNotCreateTheFileOrItsFolder_WhenOpenedReadOnly()
    {
        var path = _temp.File(Path.Combine("absent", "w.db"));

        await Assert.ThrowsAsync<Data.WarehouseException>(() => new SqliteConnectionFactory(path, new SqliteOpenOptions(ReadOnly: true)).OpenAsync());

        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    public void Dispose() => _temp.Dispose();
}
