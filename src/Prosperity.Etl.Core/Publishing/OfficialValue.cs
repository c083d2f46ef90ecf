using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Publishing;

/// <summary>
/// One current official value as it is published: the region, period and indicator, the figure in
/// the catalogue unit, and where it comes from (the region's own return, or the province bulletin
/// that filled it in). The same rule as ranking: a region's own return wins over a bulletin figure.
/// </summary>
public sealed record OfficialValue(
    string RegionCode,
    string RegionNameZh,
    string RegionNameEn,
    Period Period,
    string IndicatorCode,
    string IndicatorNameZh,
    string IndicatorNameEn,
    string Unit,
    decimal? Value,
    string SourceKind,
    string? SourceTitle,
    long SubmissionId,
    string FileName,
    DateTimeOffset ReceivedAt)
{
    /// <summary>The release of its period the value was published in (1 = the publication, 2.. = revisions); null while approved but not yet published.</summary>
    public int? ReleaseNo { get; init; }

    /// <summary>The source as one text: the bulletin's title, or "return FILE" for a region's own return.</summary>
    public string SourceText => SourceKind == "bulletin" && !string.IsNullOrWhiteSpace(SourceTitle)
        ? SourceTitle!
        : $"{SourceKind} {FileName}";
}

/// <summary>Reads the current official values of the warehouse for publishing (exports, the official table).</summary>
public interface IOfficialValues
{
    /// <summary>Every current value of a period (accepted submissions), ordered by region and indicator.</summary>
    Task<IReadOnlyList<OfficialValue>> GetValuesAsync(Period period, CancellationToken cancellationToken = default);

    /// <summary>
    /// The district returns' values of a period as release <paramref name="releaseNo"/> published them
    /// (each region's return published in that release or before and not replaced by one published by
    /// it), ordered by region and indicator; empty when the period has no such release.
    /// </summary>
    Task<IReadOnlyList<OfficialValue>> GetValuesAsOfReleaseAsync(Period period, int releaseNo, CancellationToken cancellationToken = default);

    /// <summary>The latest quarter with an accepted submission, or null when nothing has been accepted.</summary>
    Task<Period?> GetLatestPeriodWithDataAsync(CancellationToken cancellationToken = default);
}
