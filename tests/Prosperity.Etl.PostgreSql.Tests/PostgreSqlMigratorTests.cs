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

        Assert.Equal(["0001_create_dimensions.sql", "0002_create_etl.sql", "0003_create_facts.sql", "0004_create_bi_views.sql",
            "0005_create_ranking_facts.sql", "0006_add_submission_source.sql", "0007_create_fact_staging.sql",
            "0008_create_load_runs.sql", "0009_create_history_views.sql", "0010_create_inbox_runs.sql", "0011_index_fact_region_period.sql", "0012_lean_ranking_facts.sql", "0013_add_inbox_attempts.sql", "0014_relabel_periods.sql", "0015_add_indicator_summable.sql", "0016_review_and_releases.sql", "0020_create_published_growth.sql", "0023_index_submission_lookups.sql", "0024_bulletin_tables_per_topic.sql", "0025_add_data_stage.sql"], first);
        Assert.Empty(second);
        await using var c = await connections.OpenAsync();
        var schemas = (await c.QueryAsync<string>("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('dw', 'etl', 'bi')")).ToList();
        Assert.Contains("dw.fact_indicator_value", schemas);
        Assert.Contains("etl.submission", schemas);
        Assert.Contains("bi.indicator_value_current", schemas);
        Assert.Contains("dw.fact_ranking", schemas);
        Assert.Contains("bi.ranking", schemas);
    }

    [SkippableFact]
    public async Task Migrate_ShouldApply0005And0006Last_WhenTheDatabaseAlreadyHas0007To0009()
    {
        using var server = TestPostgres.CreateDatabase();
        using var connections = new PostgreSqlConnectionFactory(server.ConnectionString);
        // A warehouse created by a build without the ranking scripts: 0001-0004 and 0007-0009, one accepted return.
        var older = DbUp.DeployChanges.To.PostgresqlDatabase(server.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(PostgreSqlMigrator).Assembly,
                n => n.StartsWith("Prosperity.Etl.PostgreSql.Scripts.", StringComparison.Ordinal) && !n.Contains(".0005_", StringComparison.Ordinal) && !n.Contains(".0006_", StringComparison.Ordinal)
                    && !n.Contains(".0012_", StringComparison.Ordinal) && string.CompareOrdinal(n, "Prosperity.Etl.PostgreSql.Scripts.0016") < 0)
            .WithTransactionPerScript()
            .Build()
            .PerformUpgrade();
        Assert.True(older.Successful, older.Error?.Message);
        await using (var c = await connections.OpenAsync())
        {
            await c.ExecuteAsync("""
                INSERT INTO etl.submission (file_name, file_path, file_sha256, file_bytes, status, received_at)
                VALUES ('old.xlsx', '/in/old.xlsx', repeat('0', 64), 1, 'accepted', now())
                """);
        }

        var applied = new PostgreSqlMigrator(connections, NullLogger<PostgreSqlMigrator>.Instance).Migrate();

        // 0012 rewrites 0005's ranking table, so it comes after it.
        Assert.Equal(["0005_create_ranking_facts.sql", "0006_add_submission_source.sql", "0012_lean_ranking_facts.sql", "0016_review_and_releases.sql", "0020_create_published_growth.sql", "0023_index_submission_lookups.sql", "0024_bulletin_tables_per_topic.sql", "0025_add_data_stage.sql"], applied);
        await using var check = await connections.OpenAsync();
        Assert.Equal("return", await check.ExecuteScalarAsync<string>("SELECT source_kind FROM etl.submission WHERE file_name = 'old.xlsx'"));
        Assert.Equal(0L, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bi.ranking"));
        Assert.Equal(0L, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM bi.indicator_value_as_of(now())"));
    }

    [SkippableFact]
    public async Task Migrate_ShouldRelabelTheSeededPeriods_WhenUpgradingAWarehouseWithTheOldLabels()
    {
        using var server = TestPostgres.CreateDatabase();
        using var connections = new PostgreSqlConnectionFactory(server.ConnectionString);
        var older = DbUp.DeployChanges.To.PostgresqlDatabase(server.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(PostgreSqlMigrator).Assembly,
                n => n.StartsWith("Prosperity.Etl.PostgreSql.Scripts.", StringComparison.Ordinal) && string.CompareOrdinal(n, "Prosperity.Etl.PostgreSql.Scripts.0014") < 0)
            .WithTransactionPerScript()
            .Build()
            .PerformUpgrade();
        Assert.True(older.Successful, older.Error?.Message);
        await using (var c = await connections.OpenAsync())
        {
            await c.ExecuteAsync("""
                INSERT INTO dw.period (period_key, period_code, year, quarter, label_zh, label_en, ytd_start, period_end) VALUES
                (20251, '2025Q1', 2025, 1, '2025年1季度', '2025 Q1', '2025-01-01', '2025-03-31'),
                (20252, '2025Q2', 2025, 2, '2025年1-2季度', '2025 Q1-Q2', '2025-01-01', '2025-06-30'),
                (20253, '2025Q3', 2025, 3, '2025年1-3季度', '2025 Q1-Q3', '2025-01-01', '2025-09-30'),
                (20254, '2025Q4', 2025, 4, '2025年1-4季度', '2025 Q1-Q4', '2025-01-01', '2025-12-31')
                """);
        }

        var applied = new PostgreSqlMigrator(connections, NullLogger<PostgreSqlMigrator>.Instance).Migrate();

        Assert.Contains("0014_relabel_periods.sql", applied);
        await using var check = await connections.OpenAsync();
        var labels = (await check.QueryAsync<string>("SELECT label_zh FROM dw.period ORDER BY period_key")).ToList();
        Assert.Equal(["2025年一季度", "2025年上半年", "2025年前三季度", "2025年"], labels);
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
