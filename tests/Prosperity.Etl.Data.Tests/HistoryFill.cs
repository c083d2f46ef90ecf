using Dapper;
using Prosperity.Etl.Data;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Data.Tests;

/// <summary>
/// Years of accepted history written straight into a seeded warehouse: one accepted submission per
/// current region and quarter, a fact for every indicator of each. For tests of what the engine's
/// planner does once history has piled up.
/// </summary>
public static class HistoryFill
{
    /// <summary>Fills every quarter from <paramref name="first"/> to <paramref name="last"/>; returns the facts written.</summary>
    public static async Task<long> FillAsync(IConnectionFactory connections, SqlDialect dialect, Period first, Period last)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await connections.OpenAsync();
        await c.ExecuteAsync($"""
            INSERT INTO {dialect.Submission} (file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
                status, value_count, error_count, warning_count, received_at)
            SELECT 'history.xlsx', '/history.xlsx', '{new string('a', 64)}', 1, r.region_code, r.region_key, p.period_code, p.period_key,
                'accepted', 0, 0, 0, @ReceivedAt
            FROM {dialect.Region} r CROSS JOIN {dialect.PeriodTable} p
            WHERE r.valid_to IS NULL AND p.period_key >= @FromKey AND p.period_key <= @ToKey
            """, new { ReceivedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), FromKey = first.Key, ToKey = last.Key });
        return await c.ExecuteAsync($"""
            INSERT INTO {dialect.Fact} (submission_id, indicator_key, region_key, period_key, value, source_sheet, source_cell)
            SELECT s.submission_id, i.indicator_key, s.region_key, s.period_key, 1.5, 'Sheet', 'C1'
            FROM {dialect.Submission} s CROSS JOIN {dialect.IndicatorTable} i
            WHERE s.period_key >= @FromKey AND s.period_key <= @ToKey
            """, new { FromKey = first.Key, ToKey = last.Key });
    }
}
