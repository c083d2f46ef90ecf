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
            "0008_create_load_runs.sql", "0009_create_history_views.sql", "0010_create_inbox_runs.sql", "0011_index_fact_region_period.sql"], first);
        Assert.Empty(second);
        await using var c = await connections.OpenAsync();
        var objects = (await c.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")).ToList();
        Assert.Contains("dw_fact_indicator_value", objects);
        Assert.Contains("etl_submission", objects);
        Assert.Contains("bi_indicator_value_current", objects);
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
