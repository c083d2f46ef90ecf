using Dapper;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Data;

/// <summary>
/// The ranking facts over Dapper: a refresh deletes the period's rows and inserts the new ones in one
/// transaction, so it is idempotent and readers never see half a period. A row holds keys and
/// figures only (the peer group's names are in <c>dw.peer_group</c>, the refresh's time in
/// <c>etl.ranking_refresh</c>); an engine writes the rows through its bulk path.
/// </summary>
public class RankingStore(IConnectionFactory connections, SqlDialect dialect, TimeProvider clock) : IRankingStore
{
    /// <summary>The measure key of the composite index, which has no indicator row.</summary>
    public const int CompositeIndexMeasureKey = 0;

    /// <summary>The ranking fact table's columns in the order the bulk paths write them.</summary>
    public static IReadOnlyList<string> FactColumns { get; } =
    [
        "period_key", "peer_group_key", "measure_key", "region_key", "value", "ranked_value", "rank", "peer_count", "missing", "growth",
        "growth_rank", "growth_peer_count", "previous_rank", "rank_change", "reference_value", "reference_is_total", "refresh_id",
    ];

    /// <summary>The dialect in use.</summary>
    protected SqlDialect Dialect => dialect;

    /// <summary>The ranking fact table.</summary>
    protected string Facts => dialect.Table("dw", "fact_ranking");

    private string PeerGroups => dialect.Table("dw", "peer_group");

    private string Refreshes => dialect.Table("etl", "ranking_refresh");

    /// <summary>Deletes a period's ranking facts.</summary>
    protected virtual string DeletePeriod => $"DELETE FROM {Facts} WHERE period_key = @PeriodKey";

    /// <summary>Inserts one ranking fact (keys resolved beforehand, so the insert does no lookups).</summary>
    protected virtual string InsertFact => $"""
        INSERT INTO {Facts} ({string.Join(", ", FactColumns)})
        VALUES (@PeriodKey, @GroupKey, @MeasureKey, @RegionKey, @Value, @Ranked, @Rank, @PeerCount, @Missing, @Growth, @GrowthRank,
            @GrowthPeerCount, @PreviousRank, @RankChange, @Reference, @ReferenceIsTotal, @RefreshId)
        """;

    /// <summary>Renames a known peer group (names follow the region dimension).</summary>
    protected virtual string UpdatePeerGroup => $"""
        UPDATE {PeerGroups} SET peer_level = @Level, name_zh = @GroupNameZh, name_en = @GroupNameEn
        WHERE peer_group_code = @GroupCode AND (peer_level <> @Level OR name_zh <> @GroupNameZh OR name_en <> @GroupNameEn)
        """;

    /// <summary>Adds a peer group not seen before.</summary>
    protected virtual string InsertPeerGroup => $"""
        INSERT INTO {PeerGroups} (peer_group_code, peer_level, name_zh, name_en)
        SELECT @GroupCode, @Level, @GroupNameZh, @GroupNameEn
        WHERE NOT EXISTS (SELECT 1 FROM {PeerGroups} WHERE peer_group_code = @GroupCode)
        """;

    /// <summary>Every peer group's key by code.</summary>
    protected virtual string SelectPeerGroupKeys => $"SELECT peer_group_code AS Code, peer_group_key AS GroupKey FROM {PeerGroups}";

    /// <summary>Records the period's refresh over its previous one (the key stays).</summary>
    protected virtual string UpdateRefresh => $"""
        UPDATE {Refreshes} SET computed_at = @ComputedAt, table_count = @TableCount, row_count = @RowCount WHERE period_key = @PeriodKey
        """;

    /// <summary>Records the period's first refresh.</summary>
    protected virtual string InsertRefresh => $"""
        INSERT INTO {Refreshes} (period_key, computed_at, table_count, row_count)
        SELECT @PeriodKey, @ComputedAt, @TableCount, @RowCount
        WHERE NOT EXISTS (SELECT 1 FROM {Refreshes} WHERE period_key = @PeriodKey)
        """;

    /// <summary>The period's refresh key.</summary>
    protected virtual string SelectRefreshId => $"SELECT refresh_id FROM {Refreshes} WHERE period_key = @PeriodKey";

    /// <summary>Every region row's key by code and start date.</summary>
    protected virtual string SelectRegionKeys => $"SELECT region_code AS Code, valid_from AS ValidFrom, region_key AS RegionKey FROM {dialect.Region}";

    /// <summary>Every indicator's key by code.</summary>
    protected virtual string SelectIndicatorKeys => $"SELECT indicator_code AS Code, indicator_key AS IndicatorKey FROM {dialect.IndicatorTable}";

    /// <inheritdoc />
    public async Task<int> ReplaceAsync(Period period, IReadOnlyList<RankingTable> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var now = clock.GetUtcNow();
        var grouped = tables.Where(t => t.Group is not null).ToList();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var regionKeys = (await connection.QueryAsync<RegionKeyRow>(SelectRegionKeys))
            .ToDictionary(r => (r.Code, AsDate(r.ValidFrom)), r => r.RegionKey);
        var indicatorKeys = (await connection.QueryAsync<IndicatorKeyRow>(SelectIndicatorKeys)).ToDictionary(i => i.Code, i => i.IndicatorKey, StringComparer.Ordinal);

        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var groups = grouped.Select(t => new
            {
                GroupCode = t.Group!.Code,
                Level = PeerGroup.LevelName(t.Group.Level),
                t.GroupNameZh,
                t.GroupNameEn,
            })
            .DistinctBy(g => g.GroupCode, StringComparer.Ordinal).ToList();
        await connection.ExecuteAsync(new CommandDefinition(UpdatePeerGroup, groups, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertPeerGroup, groups, tx, cancellationToken: cancellationToken));
        var groupKeys = (await connection.QueryAsync<PeerGroupKeyRow>(new CommandDefinition(SelectPeerGroupKeys, transaction: tx, cancellationToken: cancellationToken)))
            .ToDictionary(g => g.Code, g => g.GroupKey, StringComparer.Ordinal);

        var rowCount = grouped.Sum(t => t.Rows.Count);
        var refresh = new { PeriodKey = period.Key, ComputedAt = now, TableCount = grouped.Count, RowCount = rowCount };
        await connection.ExecuteAsync(new CommandDefinition(UpdateRefresh, refresh, tx, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertRefresh, refresh, tx, cancellationToken: cancellationToken));
        var refreshId = await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectRefreshId, new { PeriodKey = period.Key }, tx, cancellationToken: cancellationToken));

        var rows = new List<RankingFactRow>(rowCount);
        foreach (var t in grouped)
        {
            var groupKey = groupKeys[t.Group!.Code];
            var measureKey = MeasureKey(t.Indicator.Code, indicatorKeys);
            foreach (var r in t.Rows)
            {
                var regionKey = regionKeys.TryGetValue((r.Region.Code, r.Region.ValidFrom), out var rk)
                    ? rk
                    : throw new WarehouseException($"Region {r.Region.Code} is not in the region dimension; run 'prosperity migrate'.");
                rows.Add(new RankingFactRow(period.Key, groupKey, measureKey, regionKey, r.Value, r.Rounded, r.Rank, r.PeerCount, r.Missing,
                    r.Growth, r.GrowthRank, t.GrowthPeerCount, r.PreviousRank, r.RankChange, t.ReferenceValue, t.ReferenceIsTotal, refreshId));
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(DeletePeriod, new { PeriodKey = period.Key }, tx, cancellationToken: cancellationToken));
        var written = await InsertAsync(connection, tx, rows, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// The measure a table is stored under: its indicator's key; a target's completion rate
    /// (<c>CODE_RATE</c>) under its target's key, since a target itself is never ranked; the composite index 0.
    /// </summary>
    private static int MeasureKey(string code, Dictionary<string, long> indicatorKeys)
    {
        if (indicatorKeys.TryGetValue(code, out var key))
        {
            return (int)key;
        }

        if (code.EndsWith(Ranking.CompletionRate.CodeSuffix, StringComparison.OrdinalIgnoreCase)
            && indicatorKeys.TryGetValue(code[..^Ranking.CompletionRate.CodeSuffix.Length], out var target))
        {
            return (int)target;
        }

        return CompositeIndexMeasureKey;
    }

    /// <summary>One ranking fact as it goes to the database (keys resolved; the measure is the indicator key, 0 for the index).</summary>
    protected sealed record RankingFactRow(int PeriodKey, int GroupKey, int MeasureKey, long RegionKey, decimal? Value, decimal? Ranked, int? Rank,
        int PeerCount, int Missing, decimal? Growth, int? GrowthRank, int GrowthPeerCount, int? PreviousRank, int? RankChange, decimal? Reference,
        bool ReferenceIsTotal, int RefreshId);

    /// <summary>Inserts a period's ranking facts inside the refresh's transaction: one Dapper command by default; an engine bulk-loads them.</summary>
    protected virtual Task<int> InsertAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        IReadOnlyList<RankingFactRow> rows, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertFact, rows, transaction, cancellationToken: cancellationToken));

    private static DateOnly AsDate(object? value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        DateTimeOffset dto => DateOnly.FromDateTime(dto.Date),
        string text => DateOnly.Parse(text[..Math.Min(10, text.Length)], System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new WarehouseException($"Cannot read {value?.GetType().Name ?? "null"} as a region's valid_from date."),
    };

    // Dapper maps by settable properties with conversion (engines return different CLR types for dates and keys).
    private sealed class RegionKeyRow
    {
        public string Code { get; set; } = string.Empty;

        public object? ValidFrom { get; set; }

        public long RegionKey { get; set; }
    }

    private sealed class PeerGroupKeyRow
    {
        public string Code { get; set; } = string.Empty;

        public int GroupKey { get; set; }
    }

    private sealed class IndicatorKeyRow
    {
        public string Code { get; set; } = string.Empty;

        public long IndicatorKey { get; set; }
    }
}
