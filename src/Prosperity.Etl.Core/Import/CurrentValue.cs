namespace Prosperity.Etl.Import;

/// <summary>The current (latest accepted) value of an indicator for a region.</summary>
public sealed record CurrentValue(string RegionCode, string IndicatorCode, decimal? Value);
