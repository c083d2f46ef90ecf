using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.PostgreSql;

/// <summary>
/// The ranking facts on PostgreSQL: a refresh writes its rows with one binary COPY instead of one
/// INSERT round trip per row (a province quarter of 300 indicators is tens of thousands of rows).
/// </summary>
public sealed class PostgreSqlRankingStore(PostgreSqlConnectionFactory connections, PostgreSqlDialect dialect, TimeProvider clock)
    : RankingStore(connections, dialect, clock)
{
    private readonly string _copy = $"""
        COPY {dialect.Table("dw", "fact_ranking")} (period_key, peer_group_code, peer_level, peer_group_name_zh, peer_group_name_en, measure_code,
            indicator_key, region_key, value, ranked_value, rank, peer_count, missing, growth, growth_rank, growth_peer_count,
            previous_rank, rank_change, reference_value, reference_kind, computed_at) FROM STDIN (FORMAT BINARY)
        """;

    /// <inheritdoc />
    protected override async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RankingFactRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(_copy, cancellationToken);
        foreach (var r in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(r.PeriodKey, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(r.GroupCode, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(r.Level, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(r.GroupNameZh, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(r.GroupNameEn, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(r.MeasureCode, NpgsqlDbType.Varchar, cancellationToken);
            await Nullable(writer, r.IndicatorKey, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(r.RegionKey, NpgsqlDbType.Bigint, cancellationToken);
            await Nullable(writer, r.Value, NpgsqlDbType.Numeric, cancellationToken);
            await Nullable(writer, r.Ranked, NpgsqlDbType.Numeric, cancellationToken);
            await Nullable(writer, r.Rank, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(r.PeerCount, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(r.Missing, NpgsqlDbType.Integer, cancellationToken);
            await Nullable(writer, r.Growth, NpgsqlDbType.Numeric, cancellationToken);
            await Nullable(writer, r.GrowthRank, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(r.GrowthPeerCount, NpgsqlDbType.Integer, cancellationToken);
            await Nullable(writer, r.PreviousRank, NpgsqlDbType.Integer, cancellationToken);
            await Nullable(writer, r.RankChange, NpgsqlDbType.Integer, cancellationToken);
            await Nullable(writer, r.Reference, NpgsqlDbType.Numeric, cancellationToken);
            await writer.WriteAsync(r.ReferenceKind, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(r.ComputedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        return (int)await writer.CompleteAsync(cancellationToken);
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}
