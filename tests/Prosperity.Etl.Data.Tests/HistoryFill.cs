using Dapper;
using Prosperity.Etl.Data;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Data.Tests;

/// <summary>
/// Years of accepted history written straight into a seeded warehouse: one accepted submission per
/// current region and quarter (each file's hash its own), a fact for every indicator of each. For tests of what the engine's
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
            SELECT 'history.xlsx', '/history.xlsx', r.region_code || '-' || p.period_code, 1, r.region_code, r.region_key, p.period_code, p.period_key,
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

    /// <summary>
    /// What years of imports and refreshes leave beside the facts: <paramref name="issuesPerSubmission"/>
    /// validation issues of every submission, and every quarter's ranking facts (one peer group, a row
    /// per region and indicator, the quarter's refresh). Call after <see cref="FillAsync"/>.
    /// </summary>
    public static async Task FillIssuesAndRankingsAsync(IConnectionFactory connections, SqlDialect dialect, int issuesPerSubmission)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(dialect);
        await using var c = await connections.OpenAsync();
        for (var n = 1; n <= issuesPerSubmission; n++)
        {
            await c.ExecuteAsync($"""
                INSERT INTO {dialect.Issue} (submission_id, rule_code, severity, sheet_name, cell_ref, found_value, expected_value, message_zh, message_en)
                SELECT submission_id, @Rule, 'warning', 'Sheet', 'C1', '1', '2', '提示', 'warning'
                FROM {dialect.Submission}
                """, new { Rule = "R" + n });
        }

        var groups = dialect.Table("dw", "peer_group");
        var refreshes = dialect.Table("etl", "ranking_refresh");
        await c.ExecuteAsync($"""
            INSERT INTO {groups} (peer_group_code, peer_level, name_zh, name_en)
            VALUES ('province-county:330000', 'province-county', '浙江省', 'Zhejiang')
            """);
        await c.ExecuteAsync($"""
            INSERT INTO {refreshes} (period_key, computed_at, table_count, row_count)
            SELECT DISTINCT period_key, @ComputedAt, 1, 1 FROM {dialect.Submission}
            """, new { ComputedAt = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        await c.ExecuteAsync($"""
            INSERT INTO {dialect.Table("dw", "fact_ranking")} (period_key, peer_group_key, measure_key, region_key, value, ranked_value, rank,
                peer_count, missing, growth_peer_count, reference_is_total, refresh_id)
            SELECT f.period_key, g.peer_group_key, f.indicator_key, f.region_key, f.value, f.value, 1, 1, 0, 0, @NotTotal, x.refresh_id
            FROM {dialect.Fact} f
            JOIN {refreshes} x ON x.period_key = f.period_key
            CROSS JOIN {groups} g
            """, new { NotTotal = false });
    }
}
