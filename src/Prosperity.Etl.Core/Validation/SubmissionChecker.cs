using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Validation;

/// <summary>
/// Everything that decides whether a file is accepted, without writing anything: the size limit,
/// reading within the time limit, the rules on the submission, the rules against the region's
/// history (when a warehouse is given), and the warning policy. Import and the dry-run
/// <c>validate</c> verb share it, so both give the same verdict.
/// </summary>
public sealed class SubmissionChecker(
    ISubmissionReader reader,
    SubmissionValidator validator,
    ValidationOptions options,
    IWarehouse? history,
    long maxFileBytes,
    TimeSpan timeLimit)
{
    private readonly HistoryRules _historyRules = new(options);

    /// <summary>Checks one file; a bad file gives issues, never an exception.</summary>
    public async Task<CheckResult> CheckAsync(string path, CancellationToken cancellationToken = default) =>
        await CompleteAsync(await ReadAsync(path, cancellationToken), cancellationToken);

    /// <summary>
    /// The part of <see cref="CheckAsync"/> that needs no warehouse (limits, reading, the rules on the
    /// submission), so files can be read ahead on other threads; <see cref="CompleteAsync"/> adds the
    /// rules against the region's history and the warning policy.
    /// </summary>
    public async Task<CheckResult> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Import.InputFile.Refusal(path) is { } refusal)
        {
            return new CheckResult(path, null, [refusal]);
        }

        var size = new FileInfo(path).Length;
        if (size > maxFileBytes)
        {
            return new CheckResult(path, null, [Rules.TooLarge.ForFile(path,
                string.Create(CultureInfo.InvariantCulture, $"文件大小{size:N0}字节，超过上限{maxFileBytes:N0}字节。"),
                string.Create(CultureInfo.InvariantCulture, $"The file is {size:N0} bytes, above the limit of {maxFileBytes:N0} bytes."),
                found: string.Create(CultureInfo.InvariantCulture, $"{size} bytes"),
                expected: string.Create(CultureInfo.InvariantCulture, $"at most {maxFileBytes} bytes"))]);
        }

        // The read runs on the pool and is stopped at the limit through its token (a reader that cannot
        // stop early is abandoned there instead), so one hostile file never holds up the whole run.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        var read = Task.Run(() => reader.Read(path, token), CancellationToken.None);
        var finished = await Task.WhenAny(read, Task.Delay(timeLimit, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        ReadResult? result = null;
        if (finished == read)
        {
            try
            {
                result = await read;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                result = null;
            }
        }
        else
        {
            await stop.CancelAsync();
            _ = read.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        if (result is null)
        {
            return new CheckResult(path, null, [Rules.TooSlow.ForFile(path,
                string.Create(CultureInfo.InvariantCulture, $"读取工作簿超过{timeLimit.TotalSeconds:0}秒，已停止。请删除多余的工作表、行和格式后重新上报。"),
                string.Create(CultureInfo.InvariantCulture, $"Reading the workbook took longer than {timeLimit.TotalSeconds:0} s and was stopped; remove extra sheets, rows and formatting and send it again."),
                expected: string.Create(CultureInfo.InvariantCulture, $"read within {timeLimit.TotalSeconds:0} s"))]);
        }

        if (result.Kind == Import.WorkbookKind.Bulletin && result.Bulletin is { } bulletin)
        {
            return new CheckResult(path, null, bulletin.Issues) { Bulletin = bulletin };
        }

        if (result.Submission is null)
        {
            return new CheckResult(path, null, result.Issues);
        }

        var validated = validator.Validate(result.Submission);
        var issues = new List<ValidationIssue>(result.Issues);
        issues.AddRange(validated.Issues);
        return new CheckResult(path, validated, issues) { IsRead = true };
    }

    /// <summary>Completes a result of <see cref="ReadAsync"/> against the warehouse's history as it is now.</summary>
    public async Task<CheckResult> CompleteAsync(CheckResult read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!read.IsRead || read.Validated is not { } validated)
        {
            return read;
        }

        var issues = new List<ValidationIssue>(read.Issues);
        if (history is not null && validated.Region is { } region && validated.Period is { } period && validated.ErrorCount == 0)
        {
            var (from, to) = _historyRules.HistoryRange(period);
            var past = await history.GetRegionHistoryAsync(region.Code, from, to, cancellationToken);
            issues.AddRange(_historyRules.Check(validated, past));
            if (validated.Stage == DataStage.Preliminary && await history.FindFinalReturnAsync(region.Code, period, cancellationToken) is { } finalId)
            {
                issues.Add(Rules.PreliminaryAfterFinal.At(read.Path, validated.StageLocation!.Value, DataStage.Preliminary.LabelZh(), DataStage.Final.LabelZh(),
                    $"{period.LabelZh}年报（最终数，报表#{finalId}）已载入，快报不能替代年报；如需更正年报，请将数据类别改为“年报”后重新报送。",
                    $"The final figures (年报) of {period.LabelEn} are loaded (submission #{finalId}); preliminary figures (快报) cannot replace them. To correct the final figures, set the status to 年报 and send the return again."));
            }
        }

        var final = WarningPolicy.Apply(issues, validated, options);
        return new CheckResult(read.Path, validated with { Issues = final }, final);
    }
}
