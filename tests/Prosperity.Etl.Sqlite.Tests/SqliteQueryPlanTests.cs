using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Data.Tests;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Sqlite.Tests;

/// <summary>
/// What SQLite's planner does with the import and ranking queries once ten years of history are in
/// the warehouse (EXPLAIN QUERY PLAN), without and with the statistics ANALYZE collects.
/// </summary>
public sealed class SqliteQueryPlanTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SelectRegionHistory_ShouldSeekTheRegionsFacts_WhenTenYearsOfHistoryAreLoaded(bool analyzed)
    {
        var (connections, dialect) = await FilledAsync(analyzed);

        var plan = await PlanAsync(connections, dialect.SelectRegionHistory, new { RegionCode = "330624", FromKey = 20244, ToKey = 20252 });

        Assert.Contains(plan, step => step.StartsWith("SEARCH f USING INDEX ix_fact_region_period (region_key=? AND period_key>? AND period_key<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN f", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SelectCurrentValues_ShouldReadOnlyThePeriodsFacts_WhenTenYearsOfHistoryAreLoaded()
    {
        var (connections, dialect) = await FilledAsync(analyzed: false);

        var plan = await PlanAsync(connections, dialect.SelectCurrentValues, new { PeriodKey = 20253, IndicatorCode = (string?)null });

        Assert.Contains(plan, step => step.StartsWith("SEARCH f USING INDEX ix_fact_period_indicator (period_key=?)", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH f2 USING INDEX ix_fact_period_indicator (period_key=? AND indicator_key=? AND region_key=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN f", StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();

    private async Task<(SqliteConnectionFactory Connections, SqliteDialect Dialect)> FilledAsync(bool analyzed)
    {
        var connections = new SqliteConnectionFactory(_temp.File("warehouse.db"));
        var dialect = new SqliteDialect();
        var warehouse = new DapperWarehouse(connections, dialect, new SqliteMigrator(connections, NullLogger<SqliteMigrator>.Instance), Some.Clock,
            NullLogger<DapperWarehouse>.Instance);
        await warehouse.EnsureReadyAsync(Some.Catalog);
        var facts = await HistoryFill.FillAsync(connections, dialect, new Period(2015, 4), new Period(2025, 3));
        Assert.True(facts > 40 * 100, $"only {facts} facts written");
        if (analyzed)
        {
            await using var c = await connections.OpenAsync();
            await c.ExecuteAsync("ANALYZE main");
        }

        return (connections, dialect);
    }

    private static async Task<List<string>> PlanAsync(SqliteConnectionFactory connections, string sql, object parameters)
    {
        await using var c = await connections.OpenAsync();
        var rows = await c.QueryAsync("EXPLAIN QUERY PLAN " + sql, parameters);
        return rows.Select(r => (string)((IDictionary<string, object?>)r)["detail"]!).ToList();
    }
}
