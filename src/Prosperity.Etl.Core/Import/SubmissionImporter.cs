using Microsoft.Extensions.Logging;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>
/// Imports one file: skip it if the same bytes were loaded before, read it, validate it, and
/// either load it (one transaction) or record the rejected attempt with its issues, and write the
/// annotated feedback workbook next to a rejected file.
/// </summary>
public sealed class SubmissionImporter(
    ISubmissionReader reader,
    SubmissionValidator validator,
    IWarehouse warehouse,
    ImportOptions options,
    TimeProvider clock,
    ILogger<SubmissionImporter> logger,
    ValidationOptions? validation = null,
    IFeedbackWriter? feedback = null)
{
    private readonly SubmissionChecker _checker = new(reader, validator, validation ?? new ValidationOptions(), warehouse,
        options.MaxFileBytes, TimeSpan.FromSeconds(options.MaxReadSeconds));

    /// <summary>Review and deadlines: whether a validated return waits for approval (off unless given), and when returns are due.</summary>
    public Review.ReviewOptions Review { get; init; } = new() { Required = false };

    /// <summary>
    /// When the file first arrived, where something recorded it earlier than the file's own time
    /// (the inbox scan that first saw it); null: the file's time.
    /// </summary>
    public Func<SourceFile, CancellationToken, Task<DateTimeOffset?>>? FirstSeen { get; init; }

    /// <summary>When set, a file that is not a district return but a province bulletin table is imported as a bulletin.</summary>
    public Bulletins.BulletinImporter? Bulletins { get; init; }

    /// <summary>Imports one file. Bad input gives a rejected outcome, never an exception.</summary>
    public async Task<ImportOutcome> ImportAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (InputFile.Refusal(path) is { } issue)
        {
            // Not opened: a missing file, an empty one, a pipe or a device (which would block the hash and the reader).
            return new ImportOutcome(path, ImportStatus.Rejected, null, null, null, 0, null, [issue]);
        }

        if (!FileKind.IsRegular(path))
        {
            // A named pipe or a device would block or never end when read.
            var notRegular = Rules.NotAWorkbook.ForFile(path, "不是普通文件（可能是管道或设备）。", "The path is not a regular file (a pipe or a device).");
            return new ImportOutcome(path, ImportStatus.Rejected, null, null, null, 0, null, [notRegular]);
        }

        return await ImportAsync(path, await DescribeAsync(path, cancellationToken), null, cancellationToken);
    }

    /// <summary>
    /// Imports files in their order, reading and validating up to <paramref name="readAhead"/> files
    /// ahead on worker threads (default: the core count) while the files before them load. Everything
    /// that depends on the warehouse (already loaded, the history rules, supersede) runs in order, one
    /// file after the other, so the outcomes and the warehouse are those of a serial import.
    /// </summary>
    public async Task<IReadOnlyList<ImportOutcome>> ImportAllAsync(IReadOnlyList<string> paths, Func<ImportOutcome, Task>? imported = null,
        int? readAhead = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var window = Math.Max(1, readAhead ?? Environment.ProcessorCount);
        var ahead = new Queue<Task<(SourceFile? Source, CheckResult? Read)>>();
        var outcomes = new List<ImportOutcome>(paths.Count);
        var next = 0;
        for (var i = 0; i < paths.Count; i++)
        {
            for (; next < paths.Count && next <= i + window; next++)
            {
                var path = paths[next];
                ahead.Enqueue(Task.Run(async () => InputFile.Refusal(path) is null && FileKind.IsRegular(path)
                    ? ((SourceFile?)await DescribeAsync(path, cancellationToken), (CheckResult?)await _checker.ReadAsync(path, cancellationToken))
                    : (null, null), cancellationToken));
            }

            var (source, read) = await ahead.Dequeue();
            var outcome = source is null ? await ImportAsync(paths[i], cancellationToken) : await ImportAsync(paths[i], source, read, cancellationToken);
            outcomes.Add(outcome);
            if (imported is not null)
            {
                await imported(outcome);
            }
        }

        return outcomes;
    }

    private async Task<ImportOutcome> ImportAsync(string path, SourceFile source, CheckResult? read, CancellationToken cancellationToken)
    {
        using var fileScope = logger.BeginScope(new Dictionary<string, object> { ["File"] = source.FileName, ["Sha256"] = source.Sha256 });

        var loaded = await warehouse.FindLoadedAsync(source.Sha256, cancellationToken);
        if (loaded is not null)
        {
            logger.LogInformation("{File} is already loaded as submission {SubmissionId}; skipped", source.FileName, loaded.SubmissionId);
            return new ImportOutcome(path, ImportStatus.AlreadyLoaded, loaded.SubmissionId, loaded.RegionCode, loaded.PeriodCode, 0, null, []);
        }

        var check = await _checker.CompleteAsync(read ?? await _checker.ReadAsync(path, cancellationToken), cancellationToken);

        // The reader decided in its one pass whether the file is a return or a province bulletin table.
        if (check.Bulletin is { } bulletin)
        {
            if (Bulletins is not null)
            {
                return await Bulletins.ImportAsync(source, bulletin, cancellationToken);
            }

            check = check with
            {
                Issues = [Rules.MissingSheet.ForFile(path, "文件是省级比较表，不是区县报表；本次导入不接收比较表。",
                    "The file is a province comparison table, not a district return; this import does not take comparison tables.")],
            };
        }

        var validated = check.Validated;
        var issues = check.Issues;
        if (validated?.Period is { } due)
        {
            source = source with { DueOn = Review.DueOn(due), DaysLate = Review.DaysLate(due, source.ReceivedAt) };
        }

        if (check.Accepted && validated is { Accepted: true })
        {
            using var scope = logger.BeginScope(new Dictionary<string, object>
            {
                ["Region"] = validated.Region!.Code,
                ["Period"] = validated.Period!.Value.Code,
            });
            var result = await warehouse.LoadValidatedAsync(source, validated with { Issues = issues }, Review.Required, cancellationToken);
            var region = validated.Region.Code;
            var period = validated.Period.Value.Code;
            if (result.AlreadyLoaded)
            {
                return new ImportOutcome(path, ImportStatus.AlreadyLoaded, result.SubmissionId, region, period, 0, null, []);
            }

            using var idScope = logger.BeginScope(new Dictionary<string, object> { ["SubmissionId"] = result.SubmissionId });
            switch (result.Status)
            {
                case "unchanged":
                    logger.LogInformation("{File}: no change, the figures equal submission {SameAs}; recorded as {SubmissionId}",
                        source.FileName, result.SameAs, result.SubmissionId);
                    return new ImportOutcome(path, ImportStatus.NoChange, result.SubmissionId, region, period, 0, null, issues) { SameAs = result.SameAs };
                case "pending":
                    logger.LogInformation(
                        "Validated {File} as submission {SubmissionId}: {FactCount} values, {WarningCount} warnings; waiting for review{Revision}",
                        source.FileName, result.SubmissionId, result.FactCount, validated.WarningCount, result.IsRevision ? " (a revision of a published period)" : string.Empty);
                    return new ImportOutcome(path, ImportStatus.Pending, result.SubmissionId, region, period, result.FactCount, result.SupersededSubmissionId, issues)
                    {
                        IsRevision = result.IsRevision,
                    };
            }

            logger.LogInformation(
                "Accepted {File} as submission {SubmissionId}: {FactCount} values, {WarningCount} warnings",
                source.FileName, result.SubmissionId, result.FactCount, validated.WarningCount);
            if (result.SupersededSubmissionId is { } superseded)
            {
                logger.LogInformation("Submission {SubmissionId} supersedes submission {SupersededSubmissionId}", result.SubmissionId, superseded);
            }
            return new ImportOutcome(path, validated.WarningCount > 0 ? ImportStatus.AcceptedWithWarnings : ImportStatus.Accepted,
                result.SubmissionId, region, period, result.FactCount, result.SupersededSubmissionId, issues);
        }

        var id = await warehouse.RecordRejectedAsync(source, validated, issues, cancellationToken);
        logger.LogWarning("Rejected {File} as submission {SubmissionId} with {ErrorCount} errors", source.FileName, id,
            issues.Count(i => i.Severity == Severity.Error));
        WriteFeedback(path, issues);
        return new ImportOutcome(path, ImportStatus.Rejected, id, validated?.Region?.Code ?? validated?.Submission?.RegionCode.Text,
            validated?.Period?.Code, 0, null, issues);
    }

    /// <summary>
    /// Records a rejected attempt of a file that could not be imported at all (its import failed, or
    /// stopped the process, twice) with <paramref name="issue"/>. The file is not read again: no
    /// feedback workbook is written.
    /// </summary>
    public async Task<ImportOutcome> RecordUnreadableAsync(string path, ValidationIssue issue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(issue);
        var source = await DescribeAsync(path, cancellationToken);
        var id = await warehouse.RecordRejectedAsync(source, null, [issue], cancellationToken);
        logger.LogWarning("Rejected {File} as submission {SubmissionId}: {Reason}", source.FileName, id, issue.MessageEn);
        return new ImportOutcome(path, ImportStatus.Rejected, id, null, null, 0, null, [issue]);
    }

    private void WriteFeedback(string path, IReadOnlyList<ValidationIssue> issues)
    {
        if (feedback is null || !options.WriteFeedback)
        {
            return;
        }

        var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", IFeedbackWriter.FeedbackFileName(path));
        try
        {
            var kind = feedback.Write(path, issues, target);
            logger.LogInformation("Wrote the feedback workbook {Feedback} ({FeedbackKind})", target, IFeedbackWriter.Describe(kind));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only inbox must not turn a rejected file into a failed run; the issues are stored anyway.
            logger.LogWarning(ex, "Could not write the feedback workbook {Feedback}", target);
        }
    }

    /// <summary>
    /// The file as the warehouse records it. It arrived at the earliest of: now, the file's own time
    /// (when it was written into the folder, or the upload), and when the inbox scan first saw it.
    /// </summary>
    private async Task<SourceFile> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        var now = clock.GetUtcNow();
        var written = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        var source = new SourceFile(Path.GetFullPath(path), info.Name, await FileHash.Sha256Async(path, cancellationToken), info.Length,
            written < now && written.Year > 2000 ? written : now);
        if (FirstSeen is not null && await FirstSeen(source, cancellationToken) is { } seen && seen < source.ReceivedAt)
        {
            source = source with { ReceivedAt = seen };
        }

        return source;
    }
}
