using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>The outcome of importing one file.</summary>
public sealed record ImportOutcome(
    string Path,
    ImportStatus Status,
    long? SubmissionId,
    string? RegionCode,
    string? PeriodCode,
    int FactCount,
    long? SupersededSubmissionId,
    IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>For a province bulletin table: how many regions' submissions it was loaded as (its <see cref="RegionCode"/> is null).</summary>
    public int? BulletinRegions { get; init; }

    /// <summary>For a pending return: true when its period has been published, so it is a revision.</summary>
    public bool IsRevision { get; init; }

    /// <summary>For an unchanged return: the submission whose figures it repeats.</summary>
    public long? SameAs { get; init; }

    /// <summary>True when the file is in the warehouse (now or from before).</summary>
    public bool IsSuccess => Status != ImportStatus.Rejected;

    /// <summary>One line for the operator naming the file and what happened.</summary>
    public string Summary() => Display.SafeText.ForTerminal(RawSummary())!;

    private string RawSummary()
    {
        var name = System.IO.Path.GetFileName(Path);
        return Status switch
        {
            ImportStatus.Accepted or ImportStatus.AcceptedWithWarnings =>
                $"{name}: accepted as submission #{SubmissionId} ({Subject} {PeriodCode}, {FactCount} values"
                + (Status == ImportStatus.AcceptedWithWarnings ? $", {Issues.Count} warning(s)" : string.Empty)
                + (SupersededSubmissionId is { } s ? $", supersedes #{s}" : string.Empty) + ")",
            ImportStatus.Pending =>
                $"{name}: validated as submission #{SubmissionId} ({Subject} {PeriodCode}, {FactCount} values"
                + (Issues.Count > 0 ? $", {Issues.Count} warning(s)" : string.Empty)
                + (SupersededSubmissionId is { } p ? $", replaces #{p} in review" : string.Empty) + "), "
                + (IsRevision ? $"a revision of the published {PeriodCode}, waiting for review; the published figures are unchanged" : "waiting for review"),
            ImportStatus.NoChange =>
                $"{name}: no change: the figures equal submission #{SameAs} ({RegionCode} {PeriodCode}); recorded as #{SubmissionId}",
            ImportStatus.AlreadyLoaded => $"{name}: already loaded as submission #{SubmissionId} ({RegionCode} {PeriodCode}); skipped",
            _ => $"{name}: rejected: " + RejectionReason(),
        };
    }

    // What was loaded: the region, or for a bulletin table the number of regions.
    private string? Subject => RegionCode ?? (BulletinRegions is { } n ? $"bulletin, {n} regions" : null);

    private string RejectionReason()
    {
        // The file's structure and identity (which region, which period) explain what follows them,
        // so a structural or reference error is named first.
        var errors = Issues.Where(i => i.Severity == Severity.Error)
            .OrderBy(i => i.Code.StartsWith("STR", StringComparison.Ordinal) ? 0 : i.Code.StartsWith("REF", StringComparison.Ordinal) ? 1 : 2)
            .ToList();
        if (errors.Count == 0)
        {
            return "no usable content";
        }

        var first = errors[0];
        var place = first.Place.Length > 0 ? first.Place + " " : string.Empty;
        var found = first.Found is null ? string.Empty : $" (found '{first.Found}')";
        var more = errors.Count > 1 ? $"; and {errors.Count - 1} more error(s)" : string.Empty;
        return $"{place}{first.Code} {first.MessageEn}{found} / {first.MessageZh}{more}";
    }
}
