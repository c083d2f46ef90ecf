using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Data.Tests;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Testing;
using Xunit.Abstractions;

namespace Prosperity.Etl.Sqlite.Tests;

/// <summary>
/// What SQLite's planner does with the import and ranking queries once ten years of history are in
/// the warehouse (EXPLAIN QUERY PLAN), without and with the statistics ANALYZE collects.
/// </summary>
public sealed partial class SqliteQueryPlanTests(ITestOutputHelper output) : IDisposable
{
    // Tables a plan may read whole: the dimensions, a few hundred rows that do not grow with quarters.
    private static readonly string[] Dimensions = ["dw_region", "r", "dw_indicator", "i", "dw_period", "p", "dw_peer_group", "CONSTANT ROW"];

    // An INSERT ... SELECT of a parent row lists the child table's foreign-key fix-up scan, which
    // runs only while a deferred violation is pending (FkIfZero skips it; the keys are immediate).
    private static readonly Dictionary<string, string[]> ForeignKeyFixUps = new(StringComparer.Ordinal)
    {
        ["InsertPeerGroup"] = ["dw_fact_ranking"],
        ["InsertRefresh"] = ["dw_fact_ranking"],
    };

    private readonly TempFolder _temp = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SelectRegionHistory_ShouldSeekTheRegionsSubmissionsAndTheirFacts_WhenTenYearsOfHistoryAreLoaded(bool analyzed)
    {
        var (connections, dialect) = await FilledAsync(analyzed);

        var plan = await PlanAsync(connections, dialect.SelectRegionHistory, new { RegionCode = "330624", FromKey = 20244, ToKey = 20252 });

        Assert.Contains(plan, step => step.StartsWith("SEARCH s USING ", StringComparison.Ordinal)
            && step.EndsWith("INDEX ix_submission_accepted (region_key=? AND period_key>? AND period_key<?)", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH f USING INDEX sqlite_autoindex_dw_fact_indicator_value_1 (submission_id=?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
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

    [Fact]
    public async Task SelectIssueHistory_ShouldSeekTheRegionsAttempts_WhenTenYearsOfHistoryAreLoaded()
    {
        var (connections, dialect) = await FilledAsync(analyzed: true);

        var plan = await PlanAsync(connections, dialect.SelectIssueHistory, new { RegionCode = "330624", PeriodCode = string.Empty });

        Assert.Contains(plan, step => step.StartsWith("SEARCH s USING INDEX ix_submission_region_code (region_code=?)", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH v USING INDEX ix_issue_submission (submission_id=?)", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task ImportAndRankingStatement_ShouldReadNoTableWhole_ButADimension_WhenTenYearsOfHistoryAreLoaded(string name)
    {
        var (connections, dialect) = await FilledAsync(analyzed: true);
        var (sql, parameters) = ImportAndRankingStatements.All(dialect)[name];

        var plan = await PlanAsync(connections, sql, parameters);

        output.WriteLine(string.Join(Environment.NewLine, plan));
        var scanned = plan.Select(step => ScanStep().Match(step)).Where(m => m.Success).Select(m => m.Groups["table"].Value).ToList();
        var allowed = Dimensions.Concat(ForeignKeyFixUps.GetValueOrDefault(name, [])).ToList();
        Assert.All(scanned, table => Assert.Contains(table, allowed));
    }

    public static TheoryData<string> Statements() => ImportAndRankingStatements.Names();

    public void Dispose() => _temp.Dispose();

    // "SCAN f", "SCAN etl_submission", "SCAN CONSTANT ROW", "SCAN r USING COVERING INDEX ...": the table or alias read whole.
    [GeneratedRegex(@"^SCAN (?<table>CONSTANT ROW|\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ScanStep();

    private async Task<(SqliteConnectionFactory Connections, SqliteDialect Dialect)> FilledAsync(bool analyzed)
    {
        var connections = new SqliteConnectionFactory(_temp.File("warehouse.db"));
        var dialect = new SqliteDialect();
        var warehouse = new DapperWarehouse(connections, dialect, new SqliteMigrator(connections, NullLogger<SqliteMigrator>.Instance), Some.Clock,
            NullLogger<DapperWarehouse>.Instance);
        await warehouse.EnsureReadyAsync(Some.Catalog);
        var facts = await HistoryFill.FillAsync(connections, dialect, new Period(2015, 4), new Period(2025, 3));
        Assert.True(facts > 40 * 100, $"only {facts} facts written");
        await HistoryFill.FillIssuesAndRankingsAsync(connections, dialect, issuesPerSubmission: 3);
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
