using System.Globalization;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Validation;

/// <summary>The verdict on one file: its issues (policy applied) and, when it could be read, the validated submission.</summary>
public sealed record CheckResult(string Path, ValidatedSubmission? Validated, IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>The comparison table, when the file is a province bulletin rather than a district return.</summary>
    public Import.Bulletins.BulletinReadResult? Bulletin { get; init; }

    /// <summary>True when the file can be loaded: it was read (a return with a region and period, or a bulletin table) and no issue is an error.</summary>
    public bool Accepted => (Validated is { Region: not null, Period: not null } || Bulletin is { Table: not null })
        && Issues.All(i => i.Severity != Severity.Error);

    /// <summary>True for a result of <see cref="SubmissionChecker.ReadAsync"/> still to be completed against the history.</summary>
    public bool IsRead { get; init; }
}
