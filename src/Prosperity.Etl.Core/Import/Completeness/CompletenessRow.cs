using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import.Completeness;

/// <summary>One region's row: a cell per quarter of the matrix.</summary>
public sealed record CompletenessRow(Region Region, IReadOnlyList<CompletenessCell> Cells);
