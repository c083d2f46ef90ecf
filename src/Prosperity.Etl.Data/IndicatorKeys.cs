using System.Data.Common;
using Dapper;

namespace Prosperity.Etl.Data;

/// <summary>
/// Indicator keys by code, so a load can send facts to the fact table with their keys already
/// resolved (a bulk path then needs no lookup per row and no staging table). Read once and kept:
/// a seeded indicator's key never changes (the dimension is upserted by code); a code not yet known
/// makes it read the dimension again, inside the load's transaction.
/// </summary>
public sealed class IndicatorKeys(SqlDialect dialect)
{
    private volatile IReadOnlyDictionary<string, long> _keys = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>
    /// The key of every code in <paramref name="codes"/>; codes missing from the dimension fail the
    /// load (all of them named) rather than dropping a fact.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, long>> ResolveAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> codes,
        long submissionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var wanted = codes as IReadOnlyCollection<string> ?? codes.ToList();
        var keys = _keys;
        if (wanted.All(keys.ContainsKey))
        {
            return keys;
        }

        var rows = await connection.QueryAsync<(string Code, long Key)>(new CommandDefinition(
            $"SELECT indicator_code, indicator_key FROM {dialect.IndicatorTable}", transaction: transaction, cancellationToken: cancellationToken));
        keys = rows.ToDictionary(r => r.Code, r => r.Key, StringComparer.Ordinal);
        _keys = keys;
        var missing = wanted.Where(c => !keys.ContainsKey(c)).Distinct(StringComparer.Ordinal).ToList();
        return missing.Count == 0
            ? keys
            : throw new WarehouseException(missing.Count == 1
                ? $"Submission {submissionId}: indicator {missing[0]} is not in the indicator dimension; run 'prosperity migrate' to seed the indicators."
                : $"Submission {submissionId}: indicators {string.Join(", ", missing)} are not in the indicator dimension; run 'prosperity migrate' to seed the indicators.");
    }
}
