using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.PostgreSql.Tests;

public class PostgreSqlMigratorTests
{
    [SkippableFact]
    public async Task Migrate_ShouldCreateTheSchemas_AndApplyNothing_WhenRunAgain()
    {
        using var server = TestPostgres.CreateDatabase();
        using var connections = new PostgreSqlConnectionFactory(server.ConnectionString);
        var migrator = new PostgreSqlMigrator(connections, NullLogger<PostgreSqlMigrator>.Instance);

        var first = migrator.Migrate();
        var second = migrator.Migrate();

        Assert.Equal(["0001_create_dimensions.sql", "0002_create_etl.sql", "0003_create_facts.sql", "0004_create_bi_views.sql"], first.Take(4));
        Assert.Equal(first.Order(StringComparer.Ordinal), first);
        Assert.Empty(second);
        await using var c = await connections.OpenAsync();
        var schemas = (await c.QueryAsync<string>("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('dw', 'etl', 'bi')")).ToList();
        Assert.Contains("dw.fact_indicator_value", schemas);
        Assert.Contains("etl.submission", schemas);
        Assert.Contains("bi.indicator_value_current", schemas);
    }

    [SkippableFact]
    public void Migrate_ShouldCreateTheDatabase_WhenItDoesNotExistYet()
    {
        using var server = TestPostgres.CreateDatabase();
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = server.Database + "_new" }.ConnectionString;
        using var connections = new PostgreSqlConnectionFactory(missing);
        try
        {
            Assert.NotEmpty(new PostgreSqlMigrator(connections, NullLogger<PostgreSqlMigrator>.Instance).Migrate());
        }
        finally
        {
            using var c = new Npgsql.NpgsqlConnection(TestPostgres.Server);
            c.Open();
            c.Execute($"DROP DATABASE IF EXISTS {server.Database}_new WITH (FORCE)");
        }
    }

    [Fact]
    public async Task OpenAsync_ShouldNameTheServerWithoutThePassword_WhenItIsUnreachable()
    {
        using var connections = new PostgreSqlConnectionFactory("Host=127.0.0.1;Port=1;Username=u;Password=hunter2;Database=w;Timeout=2");

        var ex = await Assert.ThrowsAsync<WarehouseException>(() => connections.OpenAsync());

        Assert.StartsWith("Cannot use the PostgreSQL warehouse postgres:127.0.0.1:1/w: server unreachable", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }
}
