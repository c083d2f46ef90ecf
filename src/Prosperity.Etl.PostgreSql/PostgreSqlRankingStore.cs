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
    private readonly string _copy = $"COPY {dialect.Table("dw", "fact_ranking")} ({string.Join(", ", FactColumns)}) FROM STDIN (FORMAT BINARY)";

    /// <inheritdoc />
    protected override async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RankingFactRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(_copy, cancellationToken);
        foreach (var r in rows)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(r.PeriodKey, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(r.GroupKey, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(r.MeasureKey, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync((int)r.RegionKey, NpgsqlDbType.Integer, cancellationToken);
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
            await writer.WriteAsync(r.ReferenceIsTotal, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(r.RefreshId, NpgsqlDbType.Integer, cancellationToken);
        }

        return (int)await writer.CompleteAsync(cancellationToken);
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);
}
