namespace Prosperity.Etl.Import;

/// <summary>What loading a validated submission did.</summary>
/// <param name="SubmissionId">The submission recorded.</param>
/// <param name="SupersededSubmissionId">The version it replaced: the earlier official one (approved at once) or an earlier pending one (waiting for review).</param>
/// <param name="FactCount">The figures stored.</param>
public sealed record LoadResult(long SubmissionId, long? SupersededSubmissionId, int FactCount)
{
    /// <summary>True when another run had loaded the same file first; nothing was written.</summary>
    public bool AlreadyLoaded { get; init; }

    /// <summary>accepted (approved at once, now official), pending (waiting for review) or unchanged (same figures as <see cref="SameAs"/>).</summary>
    public string Status { get; init; } = "accepted";

    /// <summary>True when the period had been published: the return is a revision, pending until approved with a revision note.</summary>
    public bool IsRevision { get; init; }

    /// <summary>For an unchanged file: the region's latest return, whose figures it repeats.</summary>
    public long? SameAs { get; init; }
}
