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
        if (check.Accepted && validated is { Accepted: true })
        {
            using var scope = logger.BeginScope(new Dictionary<string, object>
            {
                ["Region"] = validated.Region!.Code,
                ["Period"] = validated.Period!.Value.Code,
            });
            var result = await warehouse.LoadAcceptedAsync(source, validated with { Issues = issues }, cancellationToken);
            if (result.AlreadyLoaded)
            {
                return new ImportOutcome(path, ImportStatus.AlreadyLoaded, result.SubmissionId, validated.Region.Code, validated.Period.Value.Code, 0, null, []);
            }

            using var idScope = logger.BeginScope(new Dictionary<string, object> { ["SubmissionId"] = result.SubmissionId });
            logger.LogInformation(
                "Accepted {File} as submission {SubmissionId}: {FactCount} values, {WarningCount} warnings",
                source.FileName, result.SubmissionId, result.FactCount, validated.WarningCount);
            if (result.SupersededSubmissionId is { } superseded)
            {
                logger.LogInformation("Submission {SubmissionId} supersedes submission {SupersededSubmissionId}", result.SubmissionId, superseded);
            }
            return new ImportOutcome(path, validated.WarningCount > 0 ? ImportStatus.AcceptedWithWarnings : ImportStatus.Accepted,
                result.SubmissionId, validated.Region.Code, validated.Period.Value.Code, result.FactCount, result.SupersededSubmissionId, issues);
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

    private async Task<SourceFile> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        return new SourceFile(Path.GetFullPath(path), info.Name, await FileHash.Sha256Async(path, cancellationToken), info.Length, clock.GetUtcNow());
    }
}
