using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.SqlServer;

/// <summary>
/// The ranking facts on SQL Server: a refresh writes its rows with one <see cref="SqlBulkCopy"/>
/// straight into the fact table, inside the refresh's transaction.
/// </summary>
public sealed class SqlServerRankingStore(SqlServerConnectionFactory connections, SqlServerDialect dialect, TimeProvider clock)
    : RankingStore(connections, dialect, clock)
{
    private static readonly Type[] ColumnTypes =
    [
        typeof(int), typeof(int), typeof(int), typeof(long), typeof(decimal), typeof(decimal), typeof(int), typeof(int), typeof(int),
        typeof(decimal), typeof(int), typeof(int), typeof(int), typeof(int), typeof(decimal), typeof(bool), typeof(int),
    ];

    /// <inheritdoc />
    protected override async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<RankingFactRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        for (var i = 0; i < FactColumns.Count; i++)
        {
            table.Columns.Add(FactColumns[i], ColumnTypes[i]);
        }

        foreach (var r in rows)
        {
            table.Rows.Add(r.PeriodKey, r.GroupKey, r.MeasureKey, r.RegionKey, Db(r.Value), Db(r.Ranked), Db(r.Rank), r.PeerCount, r.Missing,
                Db(r.Growth), Db(r.GrowthRank), r.GrowthPeerCount, Db(r.PreviousRank), Db(r.RankChange), Db(r.Reference), r.ReferenceIsTotal, r.RefreshId);
        }

        using var bulk = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.CheckConstraints, (SqlTransaction)transaction)
        {
            DestinationTableName = Facts,
            BatchSize = 0,
        };
        foreach (var column in FactColumns)
        {
            bulk.ColumnMappings.Add(column, column);
        }

        await bulk.WriteToServerAsync(table, cancellationToken);
        return rows.Count;
    }

    private static object Db<T>(T? value)
        where T : struct => value is { } v ? v : DBNull.Value;
}
