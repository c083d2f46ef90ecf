using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Sqlite.Tests;

public class SqliteMigratorTests
{
    [Fact]
    public async Task Migrate_ShouldCreateTheStar_AndApplyNothing_WhenRunAgain()
    {
        using var temp = new TempFolder();
        var connections = new SqliteConnectionFactory(temp.File("w.db"));
        var migrator = new SqliteMigrator(connections, NullLogger<SqliteMigrator>.Instance);

        var first = migrator.Migrate();
        var second = migrator.Migrate();

        Assert.Equal(["0001_create_dimensions.sql", "0002_create_etl.sql", "0003_create_facts.sql", "0004_create_bi_views.sql",
            "0005_create_ranking_facts.sql", "0006_add_submission_source.sql", "0007_create_fact_staging.sql",
            "0008_create_load_runs.sql", "0009_create_history_views.sql", "0010_create_inbox_runs.sql", "0014_relabel_periods.sql", "0015_add_indicator_summable.sql"], first);
        Assert.Empty(second);
        await using var c = await connections.OpenAsync();
        var objects = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")).ToList();
        Assert.Contains("dw_fact_indicator_value", objects);
        Assert.Contains("etl_submission", objects);
        Assert.Contains("bi_indicator_value_current", objects);
    }

    [Fact]
    public async Task Migrate_ShouldRelabelTheSeededPeriods_WhenUpgradingAWarehouseWithTheOldLabels()
    {
        using var temp = new TempFolder();
        var connections = new SqliteConnectionFactory(temp.File("w.db"));
        var older = DbUp.DeployChanges.To.SqliteDatabase(connections.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteMigrator).Assembly,
                n => n.StartsWith("Prosperity.Etl.Sqlite.Scripts.", StringComparison.Ordinal) && string.CompareOrdinal(n, "Prosperity.Etl.Sqlite.Scripts.0014") < 0)
            .Build()
            .PerformUpgrade();
        Assert.True(older.Successful, older.Error?.Message);
        await using (var c = await connections.OpenAsync())
        {
            // Rows as the seed of an earlier build wrote them.
            await c.ExecuteAsync("""
                INSERT INTO dw_period (period_key, period_code, year, quarter, label_zh, label_en, ytd_start, period_end) VALUES
                (20251, '2025Q1', 2025, 1, '2025年1季度', '2025 Q1', '2025-01-01', '2025-03-31'),
                (20252, '2025Q2', 2025, 2, '2025年1-2季度', '2025 Q1-Q2', '2025-01-01', '2025-06-30'),
                (20253, '2025Q3', 2025, 3, '2025年1-3季度', '2025 Q1-Q3', '2025-01-01', '2025-09-30'),
                (20254, '2025Q4', 2025, 4, '2025年1-4季度', '2025 Q1-Q4', '2025-01-01', '2025-12-31')
                """);
        }

        var applied = new SqliteMigrator(connections, NullLogger<SqliteMigrator>.Instance).Migrate();

        Assert.Contains("0014_relabel_periods.sql", applied);
        await using var check = await connections.OpenAsync();
        var labels = (await check.QueryAsync<string>("SELECT label_zh FROM dw_period ORDER BY period_key")).ToList();
        Assert.Equal(["2025年一季度", "2025年上半年", "2025年前三季度", "2025年"], labels);
        Assert.Equal(labels, Enumerable.Range(1, 4).Select(q => new Domain.Period(2025, q).LabelZh));
    }

    [Fact]
    public async Task OpenAsync_ShouldExplainTheProblem_WhenTheFileCannotBeOpened()
    {
        using var temp = new TempFolder();
        var notADatabase = temp.File("w.db");
        await File.WriteAllTextAsync(notADatabase, new string('x', 4096));
        var connections = new SqliteConnectionFactory(notADatabase);

        var ex = await Assert.ThrowsAsync<Data.WarehouseException>(() => connections.OpenAsync());

        Assert.Contains(notADatabase, ex.Message, StringComparison.Ordinal);
    }
}
