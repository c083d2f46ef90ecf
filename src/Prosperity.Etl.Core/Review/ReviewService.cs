using Microsoft.Extensions.Logging;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Review;

/// <summary>
/// The review use case the CLI verbs and the dashboard share: approve, return, restore, publish.
/// An action that changes the official figures refreshes the rankings of the periods it touches;
/// a return writes the feedback workbook the district receives, with the reviewer's reason.
/// </summary>
public sealed class ReviewService(IReviewStore store, ImportAndRefresh refresh, IWarehouse warehouse, ILogger<ReviewService> logger,
    IFeedbackWriter? feedback = null)
{
    /// <summary>The store (for reading what waits, releases and the audit).</summary>
    public IReviewStore Store => store;

    /// <summary>Approves a pending return (a revision needs <paramref name="note"/>), then refreshes the rankings it changes.</summary>
    public async Task<ReviewOutcome> ApproveAsync(long submissionId, string actor, string? note, CancellationToken cancellationToken = default)
    {
        var outcome = await store.ApproveAsync(submissionId, Actor(actor), Clean(note), cancellationToken);
        await RefreshAsync(outcome, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Approves several returns one after another, then refreshes the rankings once. A refused one
    /// stops there: the ones before it stay approved (each approval is its own transaction).
    /// </summary>
    public async Task<IReadOnlyList<ReviewOutcome>> ApproveAsync(IReadOnlyList<long> submissionIds, string actor, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        var outcomes = new List<ReviewOutcome>();
        try
        {
            foreach (var id in submissionIds.Distinct())
            {
                outcomes.Add(await store.ApproveAsync(id, Actor(actor), Clean(note), cancellationToken));
            }
        }
        finally
        {
            var changed = outcomes.Where(o => o.ChangedOfficialFigures && o.PeriodCode is not null).Select(o => o.PeriodCode).Distinct().ToList();
            if (changed.Count > 0)
            {
                var (periods, rows) = await refresh.RefreshTouchedAsync(changed, cancellationToken);
                logger.LogInformation("Refreshed the rankings of {Periods}: {Rows} rows", string.Join(", ", periods.Select(p => p.Code)), rows);
            }
        }

        return outcomes;
    }

    /// <summary>Returns a pending return with <paramref name="reason"/> and writes the district's feedback workbook beside its file.</summary>
    public async Task<ReviewOutcome> ReturnAsync(long submissionId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        var why = Clean(reason) ?? throw new ReviewException("A return needs a reason (--reason): the district receives it in its feedback workbook.");
        var outcome = await store.ReturnAsync(submissionId, Actor(actor), why, cancellationToken);
        if (outcome.Done)
        {
            outcome = outcome with { Message = outcome.Message + await WriteFeedbackAsync(submissionId, why, cancellationToken) };
        }

        return outcome;
    }

    /// <summary>Makes an earlier version current again through review (a new pending submission).</summary>
    public async Task<ReviewOutcome> RestoreAsync(long submissionId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        var why = Clean(reason) ?? throw new ReviewException("A restore needs a reason (--reason): it is recorded with the new version.");
        return await store.RestoreAsync(submissionId, Actor(actor), why, cancellationToken);
    }

    /// <summary>Publishes a period.</summary>
    public Task<ReleaseOutcome> PublishAsync(Period period, string actor, string? note, CancellationToken cancellationToken = default) =>
        store.PublishAsync(period, Actor(actor), Clean(note), cancellationToken);

    private async Task RefreshAsync(ReviewOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.ChangedOfficialFigures && outcome.PeriodCode is { } code)
        {
            var (periods, rows) = await refresh.RefreshTouchedAsync([code], cancellationToken);
            logger.LogInformation("Refreshed the rankings of {Periods}: {Rows} rows", string.Join(", ", periods.Select(p => p.Code)), rows);
        }
    }

    // The feedback workbook of a returned return: its stored issues and the reviewer's reason, beside the file as received.
    private async Task<string> WriteFeedbackAsync(long submissionId, string reason, CancellationToken cancellationToken)
    {
        if (feedback is null || await store.FindAsync(submissionId, cancellationToken) is not { } s)
        {
            return string.Empty;
        }

        if (!File.Exists(s.FilePath))
        {
            return $"; the file {s.FilePath} is no longer there, so no feedback workbook was written (the reason is in 'prosperity issues')";
        }

        var issues = new List<ValidationIssue>
        {
            Rules.ReturnedByReviewer.ForFile(s.FilePath, $"审核退回：{reason}", $"Returned by the reviewer: {reason}", expected: "a corrected return"),
        };
        if (s.RegionCode is { } region && Period.TryParse(s.PeriodCode, out var period))
        {
            issues.AddRange((await warehouse.GetIssueHistoryAsync(region, period, cancellationToken))
                .Where(a => a.SubmissionId == submissionId && a.Issue is not null && a.Issue.Code != Rules.ReturnedByReviewer.Code)
                .Select(a => a.Issue! with { File = s.FilePath }));
        }

        var target = Path.Combine(Path.GetDirectoryName(s.FilePath) ?? ".", IFeedbackWriter.FeedbackFileName(s.FilePath));
        try
        {
            var kind = feedback.Write(s.FilePath, issues, target);
            return $"; feedback workbook {target} ({IFeedbackWriter.Describe(kind)})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not write the feedback workbook {Feedback}", target);
            return $"; the feedback workbook {target} could not be written ({ex.Message})";
        }
    }

    private static string Actor(string actor) => string.IsNullOrWhiteSpace(actor) ? "unknown" : actor.Trim()[..Math.Min(actor.Trim().Length, 200)];

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 2000)];
}
