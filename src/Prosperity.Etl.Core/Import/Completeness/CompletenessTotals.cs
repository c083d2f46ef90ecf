using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import.Completeness;

/// <summary>
/// The count of one quarter over the cells expected to report: <see cref="Accepted"/> includes those
/// with warnings (<see cref="AcceptedWithWarnings"/> is a part of it), so
/// <see cref="Expected"/> = <see cref="Accepted"/> + <see cref="Pending"/> + <see cref="Returned"/> + <see cref="Rejected"/> + <see cref="Missing"/>.
/// </summary>
public sealed record CompletenessTotals(Period Period, int Expected, int Accepted, int AcceptedWithWarnings, int Rejected, int Missing)
{
    /// <summary>Cells whose current version superseded earlier ones.</summary>
    public int Resubmitted { get; init; }

    /// <summary>Cells without a current version whose return waits for review (part of <see cref="Rejected"/>'s complement: not counted as accepted).</summary>
    public int Pending { get; init; }

    /// <summary>Cells whose return the reviewer returned (and nothing newer passed).</summary>
    public int Returned { get; init; }

    /// <summary>Cells whose first return that passed validation arrived by the due date (按时上报).</summary>
    public int OnTime { get; init; }

    /// <summary>Cells whose first return that passed validation arrived after the due date.</summary>
    public int Late { get; init; }

    /// <summary>The on-time rate (按时上报率): on time / expected; null when nothing is expected.</summary>
    public double? OnTimeRate => Expected == 0 ? null : (double)OnTime / Expected;
}
