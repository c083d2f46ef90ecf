using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Data.Tests;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.PostgreSql.Tests;

/// <summary>
/// What PostgreSQL's planner does with the import and ranking queries once ten years of history are
/// in the warehouse and analysed (EXPLAIN with the parameters bound, sequential scans allowed): the
/// row counts are large enough that a scan is what it would choose without a usable index.
/// </summary>
public sealed class PostgreSqlQueryPlanTests
{
    [SkippableFact]
    public async Task SelectRegionHistory_ShouldUseTheRegionIndex_WhenTenYearsOfHistoryAreLoaded()
    {
        using var server = TestPostgres.CreateDatabase();
        using var connections = await FilledAsync(server);

        var plan = await PlanAsync(connections, new PostgreSqlDialect().SelectRegionHistory, new { RegionCode = "330624", FromKey = 20244, ToKey = 20252 });

        Assert.Contains("ix_fact_region_period", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on fact_indicator_value", plan, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SelectCurrentValues_ShouldReadOnlyThePeriodsFacts_WhenTenYearsOfHistoryAreLoaded()
    {
        using var server = TestPostgres.CreateDatabase();
        using var connections = await FilledAsync(server);

        var plan = await PlanAsync(connections, new PostgreSqlDialect().SelectCurrentValues, new { PeriodKey = 20253, IndicatorCode = (string?)null });

        // The bulletin fallback's sub-query included: it is planned (and hashed) once for the statement.
        Assert.DoesNotContain("Seq Scan on fact_indicator_value", plan, StringComparison.Ordinal);
        Assert.Contains("ix_fact_period_indicator", plan, StringComparison.Ordinal);
    }

    private static async Task<PostgreSqlConnectionFactory> FilledAsync(TestPostgres server)
    {
        var connections = new PostgreSqlConnectionFactory(server.ConnectionString);
        var dialect = new PostgreSqlDialect();
        var warehouse = new PostgreSqlWarehouse(connections, dialect, new PostgreSqlMigrator(connections, NullLogger<PostgreSqlMigrator>.Instance),
            Some.Clock, NullLogger<DapperWarehouse>.Instance);
        await warehouse.EnsureReadyAsync(Some.Catalog);
        var facts = await HistoryFill.FillAsync(connections, dialect, new Period(2015, 4), new Period(2025, 3));
        Assert.True(facts > 40 * 100, $"only {facts} facts written");
        await using var c = await connections.OpenAsync();
        await c.ExecuteAsync("ANALYZE dw.fact_indicator_value, etl.submission, dw.region, dw.indicator");
        return connections;
    }

    private static async Task<string> PlanAsync(PostgreSqlConnectionFactory connections, string sql, object parameters)
    {
        await using var c = await connections.OpenAsync();
        return string.Join("\n", await c.QueryAsync<string>("EXPLAIN " + sql, parameters));
    }
}
