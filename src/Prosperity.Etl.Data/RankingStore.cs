using Dapper;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Data;

/// <summary>
/// The ranking facts over Dapper: a refresh deletes the period's rows and inserts the new ones in one
/// transaction (one prepared command), so it is idempotent and readers never see half a period.
/// </summary>
public class RankingStore(IConnectionFactory connections, SqlDialect dialect, TimeProvider clock) : IRankingStore
{
    private string Facts => dialect.Table("dw", "fact_ranking");

    /// <summary>Deletes a period's ranking facts.</summary>
    protected virtual string DeletePeriod => $"DELETE FROM {Facts} WHERE period_key = @PeriodKey";

    /// <summary>Inserts one ranking fact (keys resolved beforehand, so the prepared insert does no lookups).</summary>
    protected virtual string InsertFact => $"""
        INSERT INTO {Facts} (period_key, peer_group_code, peer_level, peer_group_name_zh, peer_group_name_en, measure_code, indicator_key,
            region_key, value, ranked_value, rank, peer_count, missing, growth, growth_rank, growth_peer_count,
            previous_rank, rank_change, reference_value, reference_kind, computed_at)
        VALUES (@PeriodKey, @GroupCode, @Level, @GroupNameZh, @GroupNameEn, @MeasureCode, @IndicatorKey,
            @RegionKey, @Value, @Ranked, @Rank, @PeerCount, @Missing, @Growth, @GrowthRank, @GrowthPeerCount,
            @PreviousRank, @RankChange, @Reference, @ReferenceKind, @ComputedAt)
        """;

    /// <summary>Every region row's key by code and start date.</summary>
    protected virtual string SelectRegionKeys => $"SELECT region_code AS Code, valid_from AS ValidFrom, region_key AS RegionKey FROM {dialect.Region}";

    /// <summary>Every indicator's key by code.</summary>
    protected virtual string SelectIndicatorKeys => $"SELECT indicator_code AS Code, indicator_key AS IndicatorKey FROM {dialect.IndicatorTable}";

    /// <inheritdoc />
    public async Task<int> ReplaceAsync(Period period, IReadOnlyList<RankingTable> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var regionKeys = (await connection.QueryAsync<RegionKeyRow>(SelectRegionKeys))
            .ToDictionary(r => (r.Code, AsDate(r.ValidFrom)), r => r.RegionKey);
        var indicatorKeys = (await connection.QueryAsync<IndicatorKeyRow>(SelectIndicatorKeys)).ToDictionary(i => i.Code, i => i.IndicatorKey, StringComparer.Ordinal);
        var rows = tables.Where(t => t.Group is not null).SelectMany(t => t.Rows.Select(r => new RankingFactRow(
            PeriodKey: period.Key,
            GroupCode: t.Group!.Code,
            Level: PeerGroup.LevelName(t.Group.Level),
            GroupNameZh: t.GroupNameZh,
            GroupNameEn: t.GroupNameEn,
            MeasureCode: t.Indicator.Code,
            IndicatorKey: indicatorKeys.TryGetValue(t.Indicator.Code, out var ik) ? ik : null,
            RegionKey: regionKeys.TryGetValue((r.Region.Code, r.Region.ValidFrom), out var rk)
                ? rk
                : throw new WarehouseException($"Region {r.Region.Code} is not in the region dimension; run 'prosperity migrate'."),
            Value: r.Value,
            Ranked: r.Rounded,
            Rank: r.Rank,
            PeerCount: r.PeerCount,
            Missing: r.Missing,
            Growth: r.Growth,
            GrowthRank: r.GrowthRank,
            GrowthPeerCount: t.GrowthPeerCount,
            PreviousRank: r.PreviousRank,
            RankChange: r.RankChange,
            Reference: t.ReferenceValue,
            ReferenceKind: t.ReferenceIsTotal ? "total" : "mean",
            ComputedAt: now))).ToList();

        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeletePeriod, new { PeriodKey = period.Key }, tx, cancellationToken: cancellationToken));
        var written = await InsertAsync(connection, tx, rows, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>One ranking fact as it goes to the database (keys resolved).</summary>
    protected sealed record RankingFactRow(int PeriodKey, string GroupCode, string Level, string GroupNameZh, string GroupNameEn, string MeasureCode,
        long? IndicatorKey, long RegionKey, decimal? Value, decimal? Ranked, int? Rank, int PeerCount, int Missing, decimal? Growth, int? GrowthRank,
        int GrowthPeerCount, int? PreviousRank, int? RankChange, decimal? Reference, string ReferenceKind, DateTimeOffset ComputedAt);

    /// <summary>Inserts a period's ranking facts inside the refresh's transaction: one prepared command by default; an engine may bulk-load them.</summary>
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

    private sealed class IndicatorKeyRow
    {
        public string Code { get; set; } = string.Empty;

        public long IndicatorKey { get; set; }
    }
}
