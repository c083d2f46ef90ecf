using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>What happened to one file.</summary>
public enum ImportStatus
{
    /// <summary>Loaded; no warnings.</summary>
    Accepted,

    /// <summary>Loaded and flagged with warnings.</summary>
    AcceptedWithWarnings,

    /// <summary>The same file was loaded before; nothing done.</summary>
    AlreadyLoaded,

    /// <summary>Errors found; nothing loaded.</summary>
    Rejected,
}
