using Dapper;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Publishing;

namespace Prosperity.Etl.Data;

/// <summary>The current official values, read from the view <c>bi_indicator_value_current</c> (accepted submissions, a region's own return before a bulletin figure).</summary>
public sealed class OfficialValueStore(IConnectionFactory connections, SqlDialect dialect) : IOfficialValues
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<OfficialValue>> GetValuesAsync(Period period, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT region_code AS RegionCode, region_name_zh AS RegionNameZh, region_name_en AS RegionNameEn,
                   indicator_code AS IndicatorCode, indicator_name_zh AS IndicatorNameZh, indicator_name_en AS IndicatorNameEn,
                   unit AS Unit, {dialect.ReadNumeric("value")} AS Value, source_kind AS SourceKind, source_title AS SourceTitle,
                   submission_id AS SubmissionId, file_name AS FileName, received_at AS ReceivedAt, release_no AS ReleaseNo
            FROM {dialect.Table("bi", "indicator_value_current")}
            WHERE period_code = @PeriodCode
            ORDER BY region_code, indicator_code
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { PeriodCode = period.Code }, cancellationToken: cancellationToken));
        return rows.Select(r => new OfficialValue(r.RegionCode, r.RegionNameZh, r.RegionNameEn, period, r.IndicatorCode, r.IndicatorNameZh,
            r.IndicatorNameEn, r.Unit, r.Value, r.SourceKind, r.SourceTitle, r.SubmissionId, r.FileName, r.ReceivedAt) { ReleaseNo = r.ReleaseNo }).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OfficialValue>> GetValuesAsOfReleaseAsync(Period period, int releaseNo, CancellationToken cancellationToken = default)
    {
        // The rule of the view bi_indicator_value_as_of_release, with the columns an export writes.
        var release = dialect.Table("etl", "release");
        var sql = $"""
            SELECT r.region_code AS RegionCode, r.name_zh AS RegionNameZh, r.name_en AS RegionNameEn,
                   i.indicator_code AS IndicatorCode, i.name_zh AS IndicatorNameZh, i.name_en AS IndicatorNameEn,
                   i.unit AS Unit, {dialect.ReadNumeric("f.value")} AS Value, s.source_kind AS SourceKind, s.source_title AS SourceTitle,
                   s.submission_id AS SubmissionId, s.file_name AS FileName, s.received_at AS ReceivedAt, own.release_no AS ReleaseNo
            FROM {release} rel
            JOIN {dialect.Submission} s ON s.period_key = rel.period_key AND s.source_kind = 'return' AND s.release_id IS NOT NULL
            JOIN {release} own ON own.release_id = s.release_id AND own.release_no <= rel.release_no
            JOIN {dialect.Fact} f ON f.submission_id = s.submission_id
            JOIN {dialect.Region} r ON r.region_key = f.region_key
            JOIN {dialect.IndicatorTable} i ON i.indicator_key = f.indicator_key
            WHERE rel.period_key = @PeriodKey AND rel.release_no = @ReleaseNo
              AND NOT EXISTS (
                SELECT 1 FROM {dialect.Submission} s2
                JOIN {release} own2 ON own2.release_id = s2.release_id
                WHERE s2.region_key = s.region_key AND s2.period_key = s.period_key AND s2.source_kind = 'return'
                  AND own2.release_no <= rel.release_no AND own2.release_no > own.release_no)
            ORDER BY r.region_code, i.indicator_code
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { PeriodKey = period.Key, ReleaseNo = releaseNo }, cancellationToken: cancellationToken));
        return rows.Select(r => new OfficialValue(r.RegionCode, r.RegionNameZh, r.RegionNameEn, period, r.IndicatorCode, r.IndicatorNameZh,
            r.IndicatorNameEn, r.Unit, r.Value, r.SourceKind, r.SourceTitle, r.SubmissionId, r.FileName, r.ReceivedAt) { ReleaseNo = r.ReleaseNo }).ToList();
    }

    /// <inheritdoc />
    public async Task<Period?> GetLatestPeriodWithDataAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var key = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            $"SELECT MAX(period_key) FROM {dialect.Submission} WHERE status = 'accepted'", cancellationToken: cancellationToken));
        return key is { } k ? new Period(k / 10, k % 10) : null;
    }

    private sealed class Row
    {
        public string RegionCode { get; set; } = string.Empty;

        public string RegionNameZh { get; set; } = string.Empty;

        public string RegionNameEn { get; set; } = string.Empty;

        public string IndicatorCode { get; set; } = string.Empty;

        public string IndicatorNameZh { get; set; } = string.Empty;

        public string IndicatorNameEn { get; set; } = string.Empty;

        public string Unit { get; set; } = string.Empty;

        public decimal? Value { get; set; }

        public string SourceKind { get; set; } = string.Empty;

        public string? SourceTitle { get; set; }

        public long SubmissionId { get; set; }

        public string FileName { get; set; } = string.Empty;

        public DateTimeOffset ReceivedAt { get; set; }

        public int? ReleaseNo { get; set; }
    }
}
