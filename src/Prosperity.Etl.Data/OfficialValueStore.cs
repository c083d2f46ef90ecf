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
                   submission_id AS SubmissionId, file_name AS FileName, received_at AS ReceivedAt
            FROM {dialect.Table("bi", "indicator_value_current")}
            WHERE period_code = @PeriodCode
            ORDER BY region_code, indicator_code
            """;
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { PeriodCode = period.Code }, cancellationToken: cancellationToken));
        return rows.Select(r => new OfficialValue(r.RegionCode, r.RegionNameZh, r.RegionNameEn, period, r.IndicatorCode, r.IndicatorNameZh,
            r.IndicatorNameEn, r.Unit, r.Value, r.SourceKind, r.SourceTitle, r.SubmissionId, r.FileName, r.ReceivedAt)).ToList();
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
    }
}
