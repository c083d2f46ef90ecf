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
            "0008_create_load_runs.sql", "0009_create_history_views.sql", "0010_create_inbox_runs.sql", "0011_index_fact_region_period.sql", "0012_lean_ranking_facts.sql", "0013_add_inbox_attempts.sql", "0014_relabel_periods.sql", "0015_add_indicator_summable.sql", "0016_review_and_releases.sql", "0020_create_published_growth.sql", "0023_index_submission_lookups.sql", "0024_bulletin_tables_per_topic.sql", "0025_add_data_stage.sql"], first);
        Assert.Empty(second);
        await using var c = await connections.OpenAsync();
        var objects = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")).ToList();
        Assert.Contains("dw_fact_indicator_value", objects);
        Assert.Contains("etl_submission", objects);
        Assert.Contains("bi_indicator_value_current", objects);
    }

    [Fact]
    public async Task Migrate_ShouldKeepTheRankingsBiToolsRead_WhenTheWideRankingRowsBecomeLean()
    {
        using var temp = new TempFolder();
        var connections = new SqliteConnectionFactory(temp.File("w.db"));
        var older = DbUp.DeployChanges.To.SqliteDatabase(connections.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteMigrator).Assembly,
                n => n.StartsWith("Prosperity.Etl.Sqlite.Scripts.", StringComparison.Ordinal) && !n.Contains(".0012_", StringComparison.Ordinal))
            .WithTransactionPerScript()
            .Build()
            .PerformUpgrade();
        Assert.True(older.Successful, older.Error?.Message);
        const string View = "SELECT * FROM bi_ranking ORDER BY peer_group_code, indicator_code, region_code";
        await using (var c = await connections.OpenAsync())
        {
            await c.ExecuteAsync("""
                INSERT INTO dw_region (region_key, region_code, name_zh, name_en, level, parent_code, valid_from) VALUES
                    (1, '330602', '越城区', 'Yuecheng', 'county', '330600', '2000-01-01'),
                    (2, '330603', '柯桥区', 'Keqiao', 'county', '330600', '2013-10-18');
                INSERT INTO dw_period (period_key, period_code, year, quarter, label_zh, label_en, ytd_start, period_end)
                    VALUES (20253, '2025Q3', 2025, 3, '2025年1-3季度', '2025 Q1-Q3', '2025-01-01', '2025-09-30');
                INSERT INTO dw_indicator (indicator_key, indicator_code, name_zh, name_en, unit, kind, direction, rank_precision, plausible_min, plausible_max)
                    VALUES (7, 'INC_URBAN_PC', '城镇居民人均可支配收入', 'Urban income per capita', '元', 'flow_ytd', 'higher', 0, 0, 500000);
                INSERT INTO dw_fact_ranking VALUES
                    (20253, 'county:330600', 'county', '绍兴市各县（市、区）', 'Counties of Shaoxing', 'INC_URBAN_PC', 7, 1, 70500, 70500, 2, 2, 0,
                        5.2, 1, 2, 3, 1, 71000, 'total', '2025-11-15 02:00:00+00:00'),
                    (20253, 'county:330600', 'county', '绍兴市各县（市、区）', 'Counties of Shaoxing', 'INC_URBAN_PC', 7, 2, 71500, 71500, 1, 2, 0,
                        NULL, NULL, 2, NULL, NULL, 71000, 'total', '2025-11-15 02:00:00+00:00'),
                    (20253, 'county:330600', 'county', '绍兴市各县（市、区）', 'Counties of Shaoxing', 'SP_INDEX', NULL, 1, 55.5, 55.5, 1, 2, 0,
                        NULL, NULL, 0, NULL, NULL, 50, 'mean', '2025-11-15 02:00:00+00:00');
                """);
        }

        string before;
        await using (var c = await connections.OpenAsync())
        {
            before = Rows(await c.QueryAsync(View));
        }

        var applied = new SqliteMigrator(connections, NullLogger<SqliteMigrator>.Instance).Migrate();

        Assert.Equal(["0012_lean_ranking_facts.sql"], applied);
        await using var check = await connections.OpenAsync();
        Assert.Equal(before, Rows(await check.QueryAsync(View)));
        Assert.Contains("SP_INDEX|330602", before, StringComparison.Ordinal);
        Assert.Equal(1L, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dw_peer_group"));
        Assert.Equal(3L, await check.ExecuteScalarAsync<long>("SELECT row_count FROM etl_ranking_refresh WHERE period_key = 20253"));
    }

    private static string Rows(IEnumerable<dynamic> rows) =>
        string.Join("\n", rows.Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)))));

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
