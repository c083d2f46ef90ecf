using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>What happened to one file.</summary>
public enum ImportStatus
{
    /// <summary>Loaded; no warnings.</summary>
    Accepted,

    /// <summary>Loaded and flagged with warnings.</summary>
    AcceptedWithWarnings,

    /// <summary>Validated and stored, waiting for review (审核): nothing official changed yet. A return for a published period is a revision.</summary>
    Pending,

    /// <summary>The figures equal the region's latest return: recorded, not a correction; nothing changed.</summary>
    NoChange,

    /// <summary>The same file was loaded before; nothing done.</summary>
    AlreadyLoaded,

    /// <summary>Errors found; nothing loaded.</summary>
    Rejected,
}
