namespace Prosperity.Etl.Operations;

/// <summary>What became of one inbox file.</summary>
public enum InboxOutcome
{
    Accepted,
    AcceptedWithWarnings,
    AlreadyLoaded,
    Rejected,

    /// <summary>The file had gone from the inbox when its job ran (another run had handled it).</summary>
    Missing,

    /// <summary>The import failed for a reason that is not the file's fault; the file stays in the inbox.</summary>
    Failed,
}
