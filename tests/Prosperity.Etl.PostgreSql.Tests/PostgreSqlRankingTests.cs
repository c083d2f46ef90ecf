using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Data.Tests;

namespace Prosperity.Etl.PostgreSql.Tests;

/// <summary>The ranking-fact and bulletin contract on PostgreSQL, one fresh database per test.</summary>
public class PostgreSqlRankingTests : RankingContractTests
{
    private TestPostgres? _server;
    private PostgreSqlConnectionFactory? _connections;

    protected override (IConnectionFactory Connections, SqlDialect Dialect, ISchemaMigrator Migrator) CreateTarget()
    {
        _server = TestPostgres.CreateDatabase();
        _connections = new PostgreSqlConnectionFactory(_server.ConnectionString);
        return (_connections, new PostgreSqlDialect(), new PostgreSqlMigrator(_connections, NullLogger<PostgreSqlMigrator>.Instance));
    }

    protected override DapperWarehouse CreateWarehouse() =>
        new PostgreSqlWarehouse((PostgreSqlConnectionFactory)Connections, (PostgreSqlDialect)Dialect,
            new PostgreSqlMigrator((PostgreSqlConnectionFactory)Connections, NullLogger<PostgreSqlMigrator>.Instance), Clock, NullLogger<DapperWarehouse>.Instance);

    protected override RankingStore CreateRankingStore() => new PostgreSqlRankingStore((PostgreSqlConnectionFactory)Connections, (PostgreSqlDialect)Dialect, Clock);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _connections?.Dispose();
            _server?.Dispose();
        }

        base.Dispose(disposing);
    }
}
