using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Data.Tests;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Testing;
using Xunit.Abstractions;

namespace Prosperity.Etl.PostgreSql.Tests;

/// <summary>
/// What PostgreSQL's planner does with the import and ranking queries once ten years of history are
/// in the warehouse and analysed (EXPLAIN with the parameters bound, sequential scans allowed): the
/// row counts are large enough that a scan is what it would choose without a usable index. One
/// database is filled for the class and only planned against.
/// </summary>
public sealed class PostgreSqlQueryPlanTests(PostgreSqlQueryPlanTests.TenYears history, ITestOutputHelper output)
    : IClassFixture<PostgreSqlQueryPlanTests.TenYears>
{
    // Tables that grow with every quarter: a plan that reads one of them whole reads history.
    private static readonly string[] HistoryTables = ["fact_indicator_value", "submission", "validation_issue", "fact_ranking"];

    // Every attempt of a region: its 40 submissions are found through ix_submission_region_code, and
    // their 120 issues by one hash of the issue table, which the planner still costs below 40 index
    // probes at 12,000 issues; a quarter's attempts probe the issues (the test below).
    private static readonly Dictionary<string, string[]> CostedScans = new(StringComparer.Ordinal)
    {
        ["SelectIssueHistory"] = ["validation_issue"],
    };

    [SkippableFact]
    public async Task SelectRegionHistory_ShouldSeekTheRegionsSubmissionsAndTheirFacts_WhenTenYearsOfHistoryAreLoaded()
    {
        var plan = await PlanAsync(new PostgreSqlDialect().SelectRegionHistory, new { RegionCode = "330624", FromKey = 20244, ToKey = 20252 });

        Assert.Contains("Index Scan using ix_submission_accepted on submission s", plan, StringComparison.Ordinal);
        Assert.Contains("Index Scan using fact_indicator_value_pkey on fact_indicator_value f", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on fact_indicator_value", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on submission", plan, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SelectCurrentValues_ShouldReadOnlyThePeriodsFactsAndSubmissions_WhenTenYearsOfHistoryAreLoaded()
    {
        var plan = await PlanAsync(new PostgreSqlDialect().SelectCurrentValues, new { PeriodKey = 20253, IndicatorCode = (string?)null });

        // The bulletin fallback's sub-query included: it is planned (and hashed) once for the statement.
        Assert.DoesNotContain("Seq Scan on fact_indicator_value", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan on submission", plan, StringComparison.Ordinal);
        Assert.Contains("ix_fact_period_indicator", plan, StringComparison.Ordinal);
        Assert.Contains("ix_submission_period", plan, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SelectIssueHistory_ShouldSeekTheAttemptsAndTheirIssues_WhenOneQuarterIsAskedFor()
    {
        var plan = await PlanAsync(new PostgreSqlDialect().SelectIssueHistory, new { RegionCode = "330624", PeriodCode = "2025Q3" });

        Assert.Contains("ix_submission_region_code", plan, StringComparison.Ordinal);
        Assert.Contains("ix_issue_submission", plan, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Statements))]
    public async Task ImportAndRankingStatement_ShouldReadNoHistoryTableWhole_WhenTenYearsOfHistoryAreLoaded(string name)
    {
        var (sql, parameters) = ImportAndRankingStatements.All(new PostgreSqlDialect())[name];

        var plan = await PlanAsync(sql, parameters);

        output.WriteLine(plan);
        var checkedTables = HistoryTables.Except(CostedScans.GetValueOrDefault(name, [])).ToList();
        Assert.All(checkedTables, table => Assert.DoesNotContain($"Seq Scan on {table} ", plan, StringComparison.Ordinal));
    }

    public static TheoryData<string> Statements() => ImportAndRankingStatements.Names();

    private async Task<string> PlanAsync(string sql, object parameters)
    {
        var connections = await history.ConnectionsAsync();
        await using var c = await connections.OpenAsync();
        return string.Join("\n", await c.QueryAsync<string>("EXPLAIN " + sql, parameters));
    }

    /// <summary>A warehouse with ten years of history, issues and ranking facts, analysed; created on first use (skips without a server).</summary>
    public sealed class TenYears : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private TestPostgres? _server;
        private PostgreSqlConnectionFactory? _connections;
        private Exception? _failure;

        public async Task<PostgreSqlConnectionFactory> ConnectionsAsync()
        {
            Skip.If(TestPostgres.Server is null, TestPostgres.SkipReason);
            await _gate.WaitAsync();
            try
            {
                if (_failure is not null)
                {
                    throw new InvalidOperationException("The ten years of history could not be written.", _failure);
                }

                if (_connections is null)
                {
                    _server = TestPostgres.CreateDatabase();
                    var connections = new PostgreSqlConnectionFactory(_server.ConnectionString);
                    var dialect = new PostgreSqlDialect();
                    var warehouse = new PostgreSqlWarehouse(connections, dialect, new PostgreSqlMigrator(connections, NullLogger<PostgreSqlMigrator>.Instance),
                        Some.Clock, NullLogger<DapperWarehouse>.Instance);
                    await warehouse.EnsureReadyAsync(Some.Catalog);
                    var facts = await HistoryFill.FillAsync(connections, dialect, new Period(2015, 4), new Period(2025, 3));
                    Assert.True(facts > 40 * 100, $"only {facts} facts written");
                    await HistoryFill.FillIssuesAndRankingsAsync(connections, dialect, issuesPerSubmission: 3);
                    await using var c = await connections.OpenAsync();
                    await c.ExecuteAsync("""
                        ANALYZE dw.fact_indicator_value, etl.submission, etl.validation_issue, dw.fact_ranking, etl.ranking_refresh, dw.peer_group,
                            dw.region, dw.indicator, dw.period
                        """);
                    _connections = connections;
                }

                return _connections;
            }
            catch (Exception e) when (e is not SkipException)
            {
                _failure ??= e;
                throw;
            }
            finally
            {
                _gate.Release();
            }
        }

        public void Dispose()
        {
            _connections?.Dispose();
            _server?.Dispose();
            _gate.Dispose();
        }
    }
}
