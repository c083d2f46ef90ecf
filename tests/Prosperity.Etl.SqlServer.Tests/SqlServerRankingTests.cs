using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Data.Tests;

namespace Prosperity.Etl.SqlServer.Tests;

/// <summary>The ranking-fact and bulletin contract on SQL Server, one fresh database per test; skipped without a server.</summary>
public class SqlServerRankingTests : RankingContractTests
{
    private TestSqlServer? _server;

    protected override (IConnectionFactory Connections, SqlDialect Dialect, ISchemaMigrator Migrator) CreateTarget()
    {
        _server = TestSqlServer.CreateDatabase();
        var connections = new SqlServerConnectionFactory(_server.ConnectionString);
        return (connections, new SqlServerDialect(), new SqlServerMigrator(connections, NullLogger<SqlServerMigrator>.Instance));
    }

    protected override DapperWarehouse CreateWarehouse() =>
        new SqlServerWarehouse((SqlServerConnectionFactory)Connections, (SqlServerDialect)Dialect,
            new SqlServerMigrator((SqlServerConnectionFactory)Connections, NullLogger<SqlServerMigrator>.Instance), Clock, NullLogger<DapperWarehouse>.Instance);

    protected override RankingStore CreateRankingStore() => new SqlServerRankingStore((SqlServerConnectionFactory)Connections, (SqlServerDialect)Dialect, Clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _server?.Dispose();
        }

        base.Dispose(disposing);
    }
}
