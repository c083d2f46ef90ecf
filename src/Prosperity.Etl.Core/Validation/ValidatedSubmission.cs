using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Validation;

/// <summary>The result of validating a submission.</summary>
public sealed record ValidatedSubmission(
    Submission? Submission,
    Region? Region,
    Period? Period,
    IReadOnlyList<FactValue> Facts,
    IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>The status of full-year figures (快报 or 年报); null for other quarters and where the return does not say.</summary>
    public DataStage? Stage { get; init; }

    /// <summary>Where the stage was written (the cover's status cell, or the period cell).</summary>
    public CellRef? StageLocation { get; init; }

    /// <summary>True when no issue is an error.</summary>
    public bool Accepted => Issues.All(i => i.Severity != Severity.Error) && Region is not null && Period is not null;

    /// <summary>Number of errors.</summary>
    public int ErrorCount => Issues.Count(i => i.Severity == Severity.Error);

    /// <summary>Number of warnings.</summary>
    public int WarningCount => Issues.Count(i => i.Severity == Severity.Warning);
}
