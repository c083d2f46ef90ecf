namespace Prosperity.Etl.Domain;

/// <summary>
/// A region as it was during <see cref="ValidFrom"/> .. <see cref="ValidTo"/>. Codes change over
/// time (Keqiao was Shaoxing County 330621 until 2013), so one code may have several rows.
/// </summary>
public sealed record Region(
    string Code,
    string NameZh,
    string NameEn,
    RegionLevel Level,
    string? ParentCode,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    string? SuccessorCode = null)
{
    /// <summary>True when the region existed on <paramref name="date"/>.</summary>
    public bool IsValidOn(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);

    /// <summary>True when the region existed at any time during the period's quarter.</summary>
    public bool IsValidDuring(Period period) =>
        period.End >= ValidFrom && (ValidTo is null || new DateOnly(period.Year, ((period.Quarter - 1) * 3) + 1, 1) <= ValidTo);

    /// <summary>True for the levels that report as county-level units (counties and functional areas).</summary>
    public bool IsCountyLevel => Level is RegionLevel.County or RegionLevel.FunctionalArea;
}
