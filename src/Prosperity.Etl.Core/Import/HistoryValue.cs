using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import;

/// <summary>A region's current (accepted) value of an indicator in an earlier period, for the history rules.</summary>
public sealed record HistoryValue(Period Period, string IndicatorCode, decimal? Value);
