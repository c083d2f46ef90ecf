namespace Prosperity.Etl.Validation;

/// <summary>Whether an issue rejects the submission.</summary>
public enum Severity
{
    /// <summary>Accepted and flagged.</summary>
    Warning,

    /// <summary>Rejects the whole submission.</summary>
    Error,
}
