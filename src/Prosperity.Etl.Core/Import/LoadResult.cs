namespace Prosperity.Etl.Import;

/// <summary>What loading an accepted submission did.</summary>
public sealed record LoadResult(long SubmissionId, long? SupersededSubmissionId, int FactCount)
{
    /// <summary>True when another run had loaded the same file first; nothing was written.</summary>
    public bool AlreadyLoaded { get; init; }
}
