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

    /// <summary>Inserts one ranking fact; the region row is the one valid from the member's start date.</summary>
    protected virtual string InsertFact => $"""
        INSERT INTO {Facts} (period_key, peer_group_code, peer_level, peer_group_name_zh, peer_group_name_en, measure_code, indicator_key,
            region_key, value, ranked_value, rank, peer_count, missing, growth, growth_rank, growth_peer_count,
            previous_rank, rank_change, reference_value, reference_kind, computed_at)
        VALUES (@PeriodKey, @GroupCode, @Level, @GroupNameZh, @GroupNameEn, @MeasureCode,
            (SELECT indicator_key FROM {dialect.IndicatorTable} WHERE indicator_code = @MeasureCode),
            (SELECT region_key FROM {dialect.Region} WHERE region_code = @RegionCode AND valid_from = @ValidFrom),
            @Value, @Ranked, @Rank, @PeerCount, @Missing, @Growth, @GrowthRank, @GrowthPeerCount,
            @PreviousRank, @RankChange, @Reference, @ReferenceKind, @ComputedAt)
        """;

    /// <inheritdoc />
    public async Task<int> ReplaceAsync(Period period, IReadOnlyList<RankingTable> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var now = clock.GetUtcNow();
        var rows = tables.Where(t => t.Group is not null).SelectMany(t => t.Rows.Select(r => new
        {
            PeriodKey = period.Key,
            GroupCode = t.Group!.Code,
            Level = PeerGroup.LevelName(t.Group.Level),
            GroupNameZh = t.GroupNameZh,
            GroupNameEn = t.GroupNameEn,
            MeasureCode = t.Indicator.Code,
            RegionCode = r.Region.Code,
            ValidFrom = dialect.DateValue(r.Region.ValidFrom),
            r.Value,
            Ranked = r.Rounded,
            r.Rank,
            r.PeerCount,
            r.Missing,
            r.Growth,
            r.GrowthRank,
            t.GrowthPeerCount,
            r.PreviousRank,
            r.RankChange,
            Reference = t.ReferenceValue,
            ReferenceKind = t.ReferenceIsTotal ? "total" : "mean",
            ComputedAt = now,
        })).ToList();

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(DeletePeriod, new { PeriodKey = period.Key }, tx, cancellationToken: cancellationToken));
        var written = await connection.ExecuteAsync(new CommandDefinition(InsertFact, rows, tx, cancellationToken: cancellationToken));
        await tx.CommitAsync(cancellationToken);
        return written;
    }
}
