using Microsoft.Extensions.Logging;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite;

/// <summary>The embedded default warehouse: one SQLite file.</summary>
public static class SqliteWarehouse
{
    /// <summary>Creates the warehouse over the database file at <paramref name="path"/>.</summary>
    public static DapperWarehouse Create(string path, TimeProvider clock, ILoggerFactory loggerFactory, SqliteOpenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var connections = new SqliteConnectionFactory(path, options);
        return new SqlitePreparedWarehouse(connections, new SqliteDialect(), new SqliteMigrator(connections, loggerFactory.CreateLogger<SqliteMigrator>()),
            clock, loggerFactory.CreateLogger<DapperWarehouse>());
    }

    /// <summary>Creates the ranking-fact store over the database file at <paramref name="path"/>.</summary>
    public static RankingStore CreateRankingStore(string path, TimeProvider clock, SqliteOpenOptions? options = null) =>
        new SqliteRankingStore(new SqliteConnectionFactory(path, options), new SqliteDialect(), clock);

    /// <summary>Creates the bulletin store over the database file at <paramref name="path"/>.</summary>
    public static BulletinStore CreateBulletinStore(string path, TimeProvider clock, SqliteOpenOptions? options = null) =>
        new(new SqliteConnectionFactory(path, options), new SqliteDialect(), clock);

    /// <summary>Creates the operations store (run lock, inbox ledger) over the database file at <paramref name="path"/>.</summary>
    public static OperationsStore CreateOperationsStore(string path, TimeProvider clock, SqliteOpenOptions? options = null) =>
        new(new SqliteConnectionFactory(path, options), new SqliteDialect(), clock);
}
