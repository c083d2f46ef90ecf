using System.Data.Common;
using Microsoft.Data.Sqlite;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite;

/// <summary>
/// The ranking facts on SQLite: a refresh writes its rows through one prepared command whose
/// parameters are created once and rebound per row (a province quarter is about 58,000 rows).
/// </summary>
public sealed class SqliteRankingStore(SqliteConnectionFactory connections, SqliteDialect dialect, TimeProvider clock)
    : RankingStore(connections, dialect, clock)
{
    /// <inheritdoc />
    protected override async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RankingFactRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(rows);
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"INSERT INTO {Facts} ({string.Join(", ", FactColumns)}) VALUES ({string.Join(", ", FactColumns.Select((_, i) => "$p" + i))})";
        // Decimals bound as text, as Dapper binds them, so the NUMERIC columns store the same values.
        SqliteType[] types =
        [
            SqliteType.Integer, SqliteType.Integer, SqliteType.Integer, SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Integer,
            SqliteType.Integer, SqliteType.Integer, SqliteType.Text, SqliteType.Integer, SqliteType.Integer, SqliteType.Integer, SqliteType.Integer,
            SqliteType.Text, SqliteType.Integer, SqliteType.Integer,
        ];
        var p = types.Select((type, i) => command.Parameters.Add("$p" + i, type)).ToArray();
        await command.PrepareAsync(cancellationToken);
        var written = 0;
        foreach (var r in rows)
        {
            p[0].Value = r.PeriodKey;
            p[1].Value = r.GroupKey;
            p[2].Value = r.MeasureKey;
            p[3].Value = r.RegionKey;
            p[4].Value = Db(r.Value);
            p[5].Value = Db(r.Ranked);
            p[6].Value = Db(r.Rank);
            p[7].Value = r.PeerCount;
            p[8].Value = r.Missing;
            p[9].Value = Db(r.Growth);
            p[10].Value = Db(r.GrowthRank);
            p[11].Value = r.GrowthPeerCount;
            p[12].Value = Db(r.PreviousRank);
            p[13].Value = Db(r.RankChange);
            p[14].Value = Db(r.Reference);
            p[15].Value = r.ReferenceIsTotal ? 1 : 0;
            p[16].Value = r.RefreshId;
            written += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return written;
    }

    private static object Db<T>(T? value)
        where T : struct => value is { } v ? v : DBNull.Value;
}
