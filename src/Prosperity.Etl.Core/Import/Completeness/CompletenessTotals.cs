using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import.Completeness;

/// <summary>
/// The count of one quarter over the cells expected to report: <see cref="Accepted"/> includes those
/// with warnings (<see cref="AcceptedWithWarnings"/> is a part of it), so
/// <see cref="Expected"/> = <see cref="Accepted"/> + <see cref="Rejected"/> + <see cref="Missing"/>.
/// </summary>
public sealed record CompletenessTotals(Period Period, int Expected, int Accepted, int AcceptedWithWarnings, int Rejected, int Missing)
{
    /// <summary>Cells whose current version superseded earlier ones.</summary>
    public int Resubmitted { get; init; }
}
