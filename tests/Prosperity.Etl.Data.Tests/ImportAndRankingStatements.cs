using Prosperity.Etl.Data;

namespace Prosperity.Etl.Data.Tests;

/// <summary>
/// The statements an import and a ranking refresh run against tables that grow with every quarter
/// (submissions, facts, issues, ranking facts), each with parameters a real run binds, for tests of
/// the engine's plan. The dimension reads that take every row on purpose (region, indicator and
/// peer group keys) are not among them.
/// </summary>
public static class ImportAndRankingStatements
{
    /// <summary>The names of <see cref="All"/>, for theories.</summary>
    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var name in All(new NamesOnlyDialect()).Keys)
        {
            names.Add(name);
        }

        return names;
    }

    /// <summary>Every statement by name: its text in <paramref name="dialect"/> and its parameters.</summary>
    public static IReadOnlyDictionary<string, (string Sql, object Parameters)> All(SqlDialect dialect)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        var now = new DateTimeOffset(2025, 10, 20, 8, 0, 0, TimeSpan.Zero);
        var ranking = new RankingStatements(dialect);
        var bulletin = new BulletinStatements(dialect);
        var group = new { GroupCode = "province-county:330000", Level = "province-county", GroupNameZh = "浙江省", GroupNameEn = "Zhejiang" };
        var refresh = new { PeriodKey = 20253, ComputedAt = now, TableCount = 301, RowCount = 58093 };
        return new Dictionary<string, (string, object)>(StringComparer.Ordinal)
        {
            ["SelectLoadedByHash"] = (dialect.SelectLoadedByHash, new { Sha256 = new string('b', 64) }),
            ["SelectCurrentSubmission"] = (dialect.SelectCurrentSubmission, new { RegionKey = 50L, PeriodKey = 20253 }),
            ["MarkSuperseded"] = (dialect.MarkSuperseded, new { SubmissionId = 100L, Now = now }),
            ["SetSupersededBy"] = (dialect.SetSupersededBy, new { NewId = 101L, OldId = 100L }),
            ["MergeStagedFacts"] = (dialect.MergeStagedFacts, new { SubmissionId = 100L }),
            ["ClearStagedFacts"] = (dialect.ClearStagedFacts, new { SubmissionId = 100L }),
            ["SelectRegionHistory"] = (dialect.SelectRegionHistory, new { RegionCode = "330624", FromKey = 20244, ToKey = 20252 }),
            ["SelectFinalReturn"] = (dialect.SelectFinalReturn, new { RegionCode = "330624", PeriodKey = 20254 }),
            ["SelectCurrentValues"] = (dialect.SelectCurrentValues, new { PeriodKey = 20253, IndicatorCode = (string?)null }),
            ["SelectCurrentValues of one indicator"] = (dialect.SelectCurrentValues, new { PeriodKey = 20253, IndicatorCode = (string?)"INC_RURAL_PC" }),
            ["SelectIssueHistory"] = (dialect.SelectIssueHistory, new { RegionCode = "330624", PeriodCode = string.Empty }),
            ["SelectIssueHistory of one quarter"] = (dialect.SelectIssueHistory, new { RegionCode = "330624", PeriodCode = "2025Q3" }),
            ["SelectCurrentBulletins"] = (bulletin.CurrentBulletins, new { RegionKey = 50L, PeriodKey = 20253 }),
            ["SelectFactIndicators (of a bulletin submission)"] = (bulletin.FactIndicators, new { SubmissionId = 7L }),
            ["DeletePeriod (ranking facts)"] = (ranking.Delete, new { PeriodKey = 20253 }),
            ["UpdatePeerGroup"] = (ranking.RenameGroup, group),
            ["InsertPeerGroup"] = (ranking.AddGroup, group),
            ["UpdateRefresh"] = (ranking.UpdateRefreshRow, refresh),
            ["InsertRefresh"] = (ranking.InsertRefreshRow, refresh),
            ["SelectRefreshId"] = (ranking.RefreshId, new { PeriodKey = 20253 }),
        };
    }

    private sealed class RankingStatements(SqlDialect dialect) : RankingStore(new NoConnections(), dialect, TimeProvider.System)
    {
        public string Delete => DeletePeriod;

        public string RenameGroup => UpdatePeerGroup;

        public string AddGroup => InsertPeerGroup;

        public string UpdateRefreshRow => UpdateRefresh;

        public string InsertRefreshRow => InsertRefresh;

        public string RefreshId => SelectRefreshId;
    }

    private sealed class BulletinStatements(SqlDialect dialect) : BulletinStore(new NoConnections(), dialect, TimeProvider.System)
    {
        public string CurrentBulletins => SelectCurrentBulletins;

        public string FactIndicators => SelectFactIndicators;
    }

    private sealed class NoConnections : IConnectionFactory
    {
        public Task<System.Data.Common.DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The statements are only read.");

        public string Describe() => "none";
    }

    private sealed class NamesOnlyDialect : SqlDialect
    {
        public override string Name => "names";
    }
}
