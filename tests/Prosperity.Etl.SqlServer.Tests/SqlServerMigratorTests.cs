using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace Prosperity.Etl.SqlServer.Tests;

/// <summary>The SQL Server migrator against a real server; skipped without one.</summary>
public class SqlServerMigratorTests
{
    private static readonly string[] AllScripts =
    [
        "0001_create_dimensions.sql", "0002_create_etl.sql", "0003_create_facts.sql", "0004_create_bi_views.sql",
        "0005_create_ranking_facts.sql", "0006_add_submission_source.sql", "0007_create_fact_staging.sql",
        "0008_create_load_runs.sql", "0009_create_history_views.sql", "0010_create_inbox_runs.sql", "0011_index_fact_region_period.sql", "0012_lean_ranking_facts.sql", "0013_add_inbox_attempts.sql", "0014_relabel_periods.sql", "0015_add_indicator_summable.sql", "0016_review_and_releases.sql", "0020_create_published_growth.sql", "0023_index_submission_lookups.sql", "0024_bulletin_tables_per_topic.sql", "0025_add_data_stage.sql",
    ];

    [Fact]
    public void Scripts_ShouldBeEmbeddedInNameOrder()
    {
        Assert.Equal(AllScripts, SqlServerMigrator.Scripts().Select(s => s.Name));
    }

    [SkippableFact]
    public async Task Migrate_ShouldApplyEveryScript_AndNothing_WhenRunAgain()
    {
        using var server = TestSqlServer.CreateDatabase();
        var connections = new SqlServerConnectionFactory(server.ConnectionString);
        var migrator = new SqlServerMigrator(connections, NullLogger<SqlServerMigrator>.Instance);

        var first = migrator.Migrate();
        var second = migrator.Migrate();

        Assert.Equal(AllScripts, first);
        Assert.Empty(second);
        await using var c = await connections.OpenAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM bi.ranking"));
    }

    [SkippableFact]
    public async Task Migrate_ShouldApply0005And0006Last_WhenTheDatabaseAlreadyHas0007To0009()
    {
        using var server = TestSqlServer.CreateDatabase();
        var older = DbUp.DeployChanges.To.SqlDatabase(server.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqlServerMigrator).Assembly,
                n => n.StartsWith("Prosperity.Etl.SqlServer.Scripts.", StringComparison.Ordinal) && !n.Contains(".0005_", StringComparison.Ordinal) && !n.Contains(".0006_", StringComparison.Ordinal)
                    && !n.Contains(".0012_", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .Build()
            .PerformUpgrade();
        Assert.True(older.Successful, older.Error?.Message);
        var connections = new SqlServerConnectionFactory(server.ConnectionString);
        await using (var c = await connections.OpenAsync())
        {
            await c.ExecuteAsync("""
                INSERT INTO etl.submission (file_name, file_path, file_sha256, file_bytes, status, received_at)
                VALUES (N'old.xlsx', N'/in/old.xlsx', REPLICATE('0', 64), 1, N'accepted', SYSDATETIMEOFFSET())
                """);
        }

        var applied = new SqlServerMigrator(connections, NullLogger<SqlServerMigrator>.Instance).Migrate();

        // 0012 rewrites 0005's ranking table, so it comes after it.
        Assert.Equal(["0005_create_ranking_facts.sql", "0006_add_submission_source.sql", "0012_lean_ranking_facts.sql"], applied);
        await using var check = await connections.OpenAsync();
        Assert.Equal("return", await check.ExecuteScalarAsync<string>("SELECT source_kind FROM etl.submission WHERE file_name = N'old.xlsx'"));
    }
}
