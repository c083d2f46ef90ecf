using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Data.Tests;

namespace Prosperity.Etl.Sqlite.Tests;

/// <summary>The ranking-fact and bulletin contract on the embedded SQLite dialect.</summary>
public class SqliteRankingTests : RankingContractTests
{
    protected override (IConnectionFactory Connections, SqlDialect Dialect, ISchemaMigrator Migrator) CreateTarget()
    {
        var connections = new SqliteConnectionFactory(Temp.File("warehouse.db"));
        return (connections, new SqliteDialect(), new SqliteMigrator(connections, NullLogger<SqliteMigrator>.Instance));
    }

    protected override RankingStore CreateRankingStore() => new SqliteRankingStore((SqliteConnectionFactory)Connections, (SqliteDialect)Dialect, Clock);
}
