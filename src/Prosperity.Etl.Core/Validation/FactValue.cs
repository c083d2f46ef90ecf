using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Validation;

/// <summary>A value ready for the warehouse: catalogue indicator, number in the catalogue unit, provenance.</summary>
public sealed record FactValue(Indicator Indicator, decimal? Value, string? Explanation, CellRef Location);
