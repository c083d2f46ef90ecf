using System.Data.Common;
using Dapper;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Review;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Data;

/// <summary>
/// Review, publication and revision over Dapper, once for every engine: each action is one
/// transaction that checks the submission's state, changes it, and writes its audit row.
/// </summary>
public class ReviewStore(IConnectionFactory connections, SqlDialect dialect, TimeProvider clock) : IReviewStore
{
    private string Sub => dialect.Submission;
    private string Rel => dialect.Release;

    private string SelectOne => $"""
        SELECT submission_id AS SubmissionId, status AS Status, source_kind AS SourceKind, region_code AS RegionCode, period_code AS PeriodCode,
               file_name AS FileName, file_path AS FilePath, is_revision AS IsRevision, review_note AS ReviewNote, release_id AS ReleaseId,
               region_key AS RegionKey, period_key AS PeriodKey
        FROM {Sub} WHERE submission_id = @SubmissionId
        """;

    private string InsertRelease => $"""
        INSERT INTO {Rel} (period_key, release_no, release_kind, published_at, published_by, note)
        {dialect.OutputId("release_id")}
        VALUES (@PeriodKey, @ReleaseNo, @Kind, @Now, @Actor, @Note)
        """ + dialect.ReturningId("release_id");

    private string SelectCurrent => $"""
        SELECT submission_id FROM {Sub}
        WHERE region_key = @RegionKey AND period_key = @PeriodKey AND source_kind = @SourceKind AND status = 'accepted'
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PendingReturn>> GetPendingAsync(Period? period, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { PeriodKey = period?.Key ?? 0 };
        var rows = (await connection.QueryAsync<PendingRow>(new CommandDefinition($"""
            SELECT s.submission_id AS SubmissionId, r.region_code AS RegionCode, r.name_zh AS RegionNameZh, p.period_code AS PeriodCode,
                   s.file_name AS FileName, s.received_at AS ReceivedAt, s.value_count AS ValueCount, s.warning_count AS WarningCount,
                   s.is_revision AS IsRevision, s.restored_from AS RestoredFrom, s.days_late AS DaysLate,
                   (SELECT c.submission_id FROM {Sub} c WHERE c.region_key = s.region_key AND c.period_key = s.period_key
                       AND c.source_kind = s.source_kind AND c.status = 'accepted') AS Replaces
            FROM {Sub} s
            JOIN {dialect.Region} r ON r.region_key = s.region_key
            JOIN {dialect.PeriodTable} p ON p.period_key = s.period_key
            WHERE s.status = 'pending' AND (@PeriodKey = 0 OR s.period_key = @PeriodKey)
            ORDER BY s.submission_id
            """, args, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [];
        }

        var warnings = (await connection.QueryAsync<IssueRow>(new CommandDefinition($"""
            SELECT v.submission_id AS SubmissionId, v.rule_code AS Code, v.severity AS Severity, v.sheet_name AS Sheet, v.cell_ref AS Cell,
                   v.found_value AS Found, v.expected_value AS Expected, v.message_zh AS MessageZh, v.message_en AS MessageEn, s.file_name AS FileName
            FROM {dialect.Issue} v JOIN {Sub} s ON s.submission_id = v.submission_id
            WHERE s.status = 'pending' AND (@PeriodKey = 0 OR s.period_key = @PeriodKey)
            ORDER BY v.issue_id
            """, args, cancellationToken: cancellationToken))).ToLookup(r => r.SubmissionId);
        var explanations = (await connection.QueryAsync<ExplanationRow>(new CommandDefinition($"""
            SELECT f.submission_id AS SubmissionId, i.indicator_code AS IndicatorCode, f.explanation AS Explanation
            FROM {dialect.Fact} f JOIN {Sub} s ON s.submission_id = f.submission_id
            JOIN {dialect.IndicatorTable} i ON i.indicator_key = f.indicator_key
            WHERE s.status = 'pending' AND (@PeriodKey = 0 OR s.period_key = @PeriodKey) AND f.explanation IS NOT NULL
            ORDER BY f.submission_id, i.indicator_code
            """, args, cancellationToken: cancellationToken))).ToLookup(r => r.SubmissionId);
        return rows.Select(r => new PendingReturn(r.SubmissionId, r.RegionCode, r.RegionNameZh, r.PeriodCode, r.FileName, r.ReceivedAt,
            (int)r.ValueCount, (int)r.WarningCount, Flag(r.IsRevision), r.RestoredFrom, r.Replaces, r.DaysLate is null ? null : (int)r.DaysLate.Value)
        {
            Warnings = warnings[r.SubmissionId].Select(i => i.ToIssue()).ToList(),
            Explanations = explanations[r.SubmissionId].Select(e => (e.IndicatorCode, e.Explanation)).ToList(),
        }).ToList();
    }

    /// <inheritdoc />
    public async Task<ReviewedSubmission?> FindAsync(long submissionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await LoadAsync(connection, null, submissionId))?.ToReviewed();
    }

    /// <inheritdoc />
    public async Task<ReviewOutcome> ApproveAsync(long submissionId, string actor, string? note, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var s = await LoadAsync(connection, tx, submissionId) ?? throw NotFound(submissionId);
        if (s.Status == "accepted")
        {
            await ActionAsync(connection, tx, "approve", "no-op", s, null, actor, now, note);
            await tx.CommitAsync(cancellationToken);
            return new ReviewOutcome(submissionId, false, $"#{submissionId} ({s.RegionCode} {s.PeriodCode}) is already approved; nothing changed.", s.PeriodCode);
        }

        if (s.Status != "pending")
        {
            throw new ReviewException($"#{submissionId} ({s.RegionCode} {s.PeriodCode}) is {s.Status}; only a return waiting for review can be approved"
                + (s.Status == "superseded" ? $" (to make it current again: prosperity restore --submission {submissionId} --reason ...)." : "."));
        }

        var latest = await connection.ExecuteScalarAsync<long>(dialect.SelectLatestReleaseNo, new { s.PeriodKey }, tx);
        var revision = latest > 0;
        if (revision && note is null)
        {
            throw new ReviewException($"#{submissionId} is a revision of {s.PeriodCode}, which was published as release {latest}: approving it needs a revision note (修订说明, --note).");
        }

        var current = await connection.ExecuteScalarAsync<long?>(SelectCurrent, new { s.RegionKey, s.PeriodKey, s.SourceKind }, tx);
        if (current is { } old)
        {
            await connection.ExecuteAsync(dialect.MarkSuperseded, new { SubmissionId = old, Now = now }, tx);
            await connection.ExecuteAsync(dialect.SetSupersededBy, new { NewId = submissionId, OldId = old }, tx);
        }

        long? releaseId = null;
        if (revision)
        {
            releaseId = await connection.ExecuteScalarAsync<long>(InsertRelease, new
            {
                s.PeriodKey, ReleaseNo = (int)latest + 1, Kind = "revision", Now = now, Actor = actor, Note = note,
            }, tx);
        }

        await connection.ExecuteAsync($"""
            UPDATE {Sub} SET status = 'accepted', approved_at = @Now, approved_by = @Actor, reviewed_at = @Now, reviewed_by = @Actor,
                review_note = @Note, is_revision = @Revision, release_id = @ReleaseId
            WHERE submission_id = @SubmissionId AND status = 'pending'
            """, new { Now = now, Actor = actor, Note = note, Revision = revision, ReleaseId = releaseId, SubmissionId = submissionId }, tx);
        await ActionAsync(connection, tx, revision ? "approve_revision" : "approve", "done", s, releaseId, actor, now, note);
        await tx.CommitAsync(cancellationToken);
        var message = $"Approved #{submissionId} ({s.RegionCode} {s.PeriodCode})" + (current is { } c ? $", replacing #{c}" : string.Empty)
            + (revision ? $": a revision, published as release {latest + 1}." : ": now the official figures (not yet published).");
        return new ReviewOutcome(submissionId, true, message, s.PeriodCode)
        {
            ChangedOfficialFigures = true,
            ReleaseNo = revision ? (int)latest + 1 : null,
        };
    }

    /// <inheritdoc />
    public async Task<ReviewOutcome> ReturnAsync(long submissionId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var s = await LoadAsync(connection, tx, submissionId) ?? throw NotFound(submissionId);
        if (s.Status == "returned")
        {
            await ActionAsync(connection, tx, "return", "no-op", s, null, actor, now, reason);
            await tx.CommitAsync(cancellationToken);
            return new ReviewOutcome(submissionId, false, $"#{submissionId} ({s.RegionCode} {s.PeriodCode}) was already returned: {s.ReviewNote}");
        }

        if (s.Status != "pending")
        {
            throw new ReviewException($"#{submissionId} ({s.RegionCode} {s.PeriodCode}) is {s.Status}; only a return waiting for review can be returned.");
        }

        await connection.ExecuteAsync($"""
            UPDATE {Sub} SET status = 'returned', reviewed_at = @Now, reviewed_by = @Actor, review_note = @Note
            WHERE submission_id = @SubmissionId AND status = 'pending'
            """, new { Now = now, Actor = actor, Note = reason, SubmissionId = submissionId }, tx);
        await ActionAsync(connection, tx, "return", "done", s, null, actor, now, reason);
        await tx.CommitAsync(cancellationToken);
        return new ReviewOutcome(submissionId, true, $"Returned #{submissionId} ({s.RegionCode} {s.PeriodCode}) to the district: {reason}");
    }

    /// <inheritdoc />
    public async Task<ReviewOutcome> RestoreAsync(long submissionId, string actor, string reason, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var s = await LoadAsync(connection, tx, submissionId) ?? throw NotFound(submissionId);
        if (s.SourceKind != "return" || s.RegionKey is null || s.PeriodKey is null)
        {
            throw new ReviewException($"#{submissionId} is not a district return; only a return can be restored.");
        }

        if (s.Status == "accepted")
        {
            await ActionAsync(connection, tx, "restore", "no-op", s, null, actor, now, reason);
            await tx.CommitAsync(cancellationToken);
            return new ReviewOutcome(submissionId, false, $"#{submissionId} ({s.RegionCode} {s.PeriodCode}) is already the current version; nothing changed.");
        }

        var waiting = await connection.ExecuteScalarAsync<long?>(dialect.SelectPendingSubmission, new { s.RegionKey, s.PeriodKey }, tx);
        if (waiting is { } w && await connection.ExecuteScalarAsync<long?>($"SELECT restored_from FROM {Sub} WHERE submission_id = @Id", new { Id = w }, tx) == submissionId)
        {
            await ActionAsync(connection, tx, "restore", "no-op", s, null, actor, now, reason);
            await tx.CommitAsync(cancellationToken);
            return new ReviewOutcome(w, false, $"#{submissionId} is already being restored as #{w}, waiting for review; nothing changed.");
        }

        if (s.Status is not ("superseded" or "returned"))
        {
            throw new ReviewException($"#{submissionId} ({s.RegionCode} {s.PeriodCode}) is {s.Status}; only an earlier version (superseded or returned) can be restored.");
        }

        if (waiting is { } replaced)
        {
            await connection.ExecuteAsync(dialect.MarkPendingSuperseded, new { SubmissionId = replaced, Now = now, NewId = (long?)null }, tx);
        }

        var published = await connection.ExecuteScalarAsync<long>(dialect.SelectLatestReleaseNo, new { s.PeriodKey }, tx) > 0;
        var id = await connection.ExecuteScalarAsync<long>($"""
            INSERT INTO {Sub} (file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
                status, value_count, error_count, warning_count, submitter, contact, received_at, loaded_at, source_kind, source_title,
                recorded_at, due_on, days_late, is_revision, restored_from, review_note, data_stage)
            {dialect.OutputId("submission_id")}
            SELECT file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
                'pending', value_count, 0, warning_count, submitter, contact, received_at, @Now, source_kind, source_title,
                @Now, due_on, days_late, @Revision, submission_id, @Reason, data_stage
            FROM {Sub} WHERE submission_id = @SubmissionId
            """ + dialect.ReturningId("submission_id"), new { Now = now, Revision = published, Reason = reason, SubmissionId = submissionId }, tx);
        if (waiting is { } earlier)
        {
            await connection.ExecuteAsync(dialect.SetSupersededBy, new { NewId = id, OldId = earlier }, tx);
        }

        var facts = await connection.ExecuteAsync($"""
            INSERT INTO {dialect.Fact} ({SqlDialect.FactColumnList})
            SELECT @NewId, indicator_key, region_key, period_key, value, explanation, source_sheet, source_cell
            FROM {dialect.Fact} WHERE submission_id = @SubmissionId
            """, new { NewId = id, SubmissionId = submissionId }, tx);
        await connection.ExecuteAsync($"""
            INSERT INTO {dialect.Issue} (submission_id, rule_code, severity, sheet_name, cell_ref, found_value, expected_value, message_zh, message_en)
            SELECT @NewId, rule_code, severity, sheet_name, cell_ref, found_value, expected_value, message_zh, message_en
            FROM {dialect.Issue} WHERE submission_id = @SubmissionId AND severity = 'warning'
            """, new { NewId = id, SubmissionId = submissionId }, tx);
        await connection.ExecuteAsync(dialect.InsertReviewAction, new
        {
            Action = "restore", Outcome = "done", SubmissionId = (long?)id, s.PeriodKey, ReleaseId = (long?)null, Actor = actor, ActedAt = now,
            Note = $"restores #{submissionId}: {reason}",
        }, tx);
        await tx.CommitAsync(cancellationToken);
        return new ReviewOutcome(id, true,
            $"Restored the figures of #{submissionId} ({s.RegionCode} {s.PeriodCode}, {facts} values) as #{id}, waiting for review"
            + (published ? " as a revision (approve it with --note)." : "."));
    }

    /// <inheritdoc />
    public async Task<ReleaseOutcome> PublishAsync(Period period, string actor, string? note, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var latest = (int)await connection.ExecuteScalarAsync<long>(dialect.SelectLatestReleaseNo, new { PeriodKey = period.Key }, tx);
        var unreleased = await connection.ExecuteScalarAsync<long>($"""
            SELECT COUNT(*) FROM {Sub} WHERE period_key = @PeriodKey AND status = 'accepted' AND source_kind = 'return' AND release_id IS NULL
            """, new { PeriodKey = period.Key }, tx);
        var pending = (int)await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {Sub} WHERE period_key = @PeriodKey AND status = 'pending'",
            new { PeriodKey = period.Key }, tx);
        var audit = new Row { PeriodKey = period.Key };
        if (unreleased == 0)
        {
            if (latest == 0)
            {
                throw new ReviewException($"{period.Code} has no approved return to publish" +
                    (pending > 0 ? $" ({pending} wait for review: prosperity review --period {period.Code})." : "."));
            }

            await ActionAsync(connection, tx, "publish", "no-op", audit, null, actor, now, note);
            await tx.CommitAsync(cancellationToken);
            return new ReleaseOutcome(period, false, latest, 0, pending,
                $"{period.Code} is already published as release {latest}; nothing new to publish.");
        }

        var releaseId = await connection.ExecuteScalarAsync<long>(InsertRelease, new
        {
            PeriodKey = period.Key, ReleaseNo = latest + 1, Kind = latest == 0 ? "publication" : "revision", Now = now, Actor = actor, Note = note,
        }, tx);
        var count = await connection.ExecuteAsync($"""
            UPDATE {Sub} SET release_id = @ReleaseId
            WHERE period_key = @PeriodKey AND status = 'accepted' AND source_kind = 'return' AND release_id IS NULL
            """, new { ReleaseId = releaseId, PeriodKey = period.Key }, tx);
        await ActionAsync(connection, tx, "publish", "done", audit, releaseId, actor, now, note);
        await tx.CommitAsync(cancellationToken);
        return new ReleaseOutcome(period, true, latest + 1, count, pending,
            $"Published {period.Code} ({period.LabelZh}) as release {latest + 1}: {count} approved return(s)"
            + (pending > 0 ? $"; {pending} still wait for review and will be revisions when approved." : "."));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReleaseInfo>> GetReleasesAsync(Period period, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ReleasesAsync(connection, period);
    }

    /// <inheritdoc />
    public async Task<PeriodPublication> GetPublicationAsync(Period period, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var releases = await ReleasesAsync(connection, period);
        var counts = await connection.QueryFirstAsync<CountRow>(new CommandDefinition($"""
            SELECT COUNT(*) AS Pending, COALESCE(SUM(CASE WHEN is_revision = @True THEN 1 ELSE 0 END), 0) AS Revisions
            FROM {Sub} WHERE period_key = @PeriodKey AND status = 'pending'
            """, new { PeriodKey = period.Key, True = true }, cancellationToken: cancellationToken));
        return new PeriodPublication(period, releases.Count > 0 ? releases[^1] : null, (int)counts.Pending, (int)counts.Revisions);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReviewAction>> GetActionsAsync(long? submissionId, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ActionRow>(new CommandDefinition($"""
            SELECT {dialect.TopClause()} a.action_id AS ActionId, a.action AS Action, a.outcome AS Outcome, a.submission_id AS SubmissionId,
                   p.period_code AS PeriodCode, r.release_no AS ReleaseNo, a.actor AS Actor, a.acted_at AS ActedAt, a.note AS Note
            FROM {dialect.ReviewActionTable} a
            LEFT JOIN {dialect.PeriodTable} p ON p.period_key = a.period_key
            LEFT JOIN {Rel} r ON r.release_id = a.release_id
            WHERE (@SubmissionId = 0 OR a.submission_id = @SubmissionId)
            ORDER BY a.action_id DESC
            {dialect.LimitClause()}
            """, new { SubmissionId = submissionId ?? 0, Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new ReviewAction(r.ActionId, r.Action, r.Outcome, r.SubmissionId, r.PeriodCode, r.ReleaseNo is null ? null : (int)r.ReleaseNo,
            r.Actor, r.ActedAt, r.Note)).ToList();
    }

    private async Task<IReadOnlyList<ReleaseInfo>> ReleasesAsync(DbConnection connection, Period period)
    {
        var rows = await connection.QueryAsync<ReleaseRow>($"""
            SELECT rel.release_id AS ReleaseId, rel.release_no AS ReleaseNo, rel.release_kind AS Kind, rel.published_at AS PublishedAt,
                   rel.published_by AS PublishedBy, rel.note AS Note,
                   (SELECT COUNT(*) FROM {Sub} s WHERE s.release_id = rel.release_id) AS Submissions
            FROM {Rel} rel WHERE rel.period_key = @PeriodKey ORDER BY rel.release_no
            """, new { PeriodKey = period.Key });
        return rows.Select(r => new ReleaseInfo(r.ReleaseId, period.Code, (int)r.ReleaseNo, r.Kind, r.PublishedAt, r.PublishedBy, r.Note, (int)r.Submissions)).ToList();
    }

    private async Task<Row?> LoadAsync(DbConnection connection, DbTransaction? tx, long submissionId) =>
        await connection.QueryFirstOrDefaultAsync<Row>(SelectOne, new { SubmissionId = submissionId }, tx);

    private Task<int> ActionAsync(DbConnection connection, DbTransaction tx, string action, string outcome, Row s, long? releaseId, string actor,
        DateTimeOffset now, string? note) =>
        connection.ExecuteAsync(dialect.InsertReviewAction, new
        {
            Action = action, Outcome = outcome, SubmissionId = s.SubmissionId == 0 ? (long?)null : s.SubmissionId, s.PeriodKey, ReleaseId = releaseId,
            Actor = actor, ActedAt = now, Note = note,
        }, tx);

    private static ReviewException NotFound(long id) => new($"There is no submission #{id} (see prosperity review, prosperity issues --region CODE).");

    // is_revision is an integer on SQLite, a boolean on PostgreSQL, a bit on SQL Server.
    private static bool Flag(object? value) => value switch
    {
        null => false,
        bool b => b,
        _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) != 0,
    };

    private sealed class Row
    {
        public long SubmissionId { get; set; }

        public string Status { get; set; } = string.Empty;

        public string SourceKind { get; set; } = "return";

        public string? RegionCode { get; set; }

        public string? PeriodCode { get; set; }

        public string FileName { get; set; } = string.Empty;

        public string FilePath { get; set; } = string.Empty;

        public object? IsRevision { get; set; }

        public string? ReviewNote { get; set; }

        public long? ReleaseId { get; set; }

        public long? RegionKey { get; set; }

        public int? PeriodKey { get; set; }

        public ReviewedSubmission ToReviewed() =>
            new(SubmissionId, Status, SourceKind, RegionCode, PeriodCode, FileName, FilePath, Flag(IsRevision), ReviewNote, ReleaseId);
    }

    private sealed class PendingRow
    {
        public long SubmissionId { get; set; }

        public string RegionCode { get; set; } = string.Empty;

        public string RegionNameZh { get; set; } = string.Empty;

        public string PeriodCode { get; set; } = string.Empty;

        public string FileName { get; set; } = string.Empty;

        public DateTimeOffset ReceivedAt { get; set; }

        public long ValueCount { get; set; }

        public long WarningCount { get; set; }

        public object? IsRevision { get; set; }

        public long? RestoredFrom { get; set; }

        public long? DaysLate { get; set; }

        public long? Replaces { get; set; }
    }

    private sealed class IssueRow
    {
        public long SubmissionId { get; set; }

        public string Code { get; set; } = string.Empty;

        public string Severity { get; set; } = string.Empty;

        public string? Sheet { get; set; }

        public string? Cell { get; set; }

        public string? Found { get; set; }

        public string? Expected { get; set; }

        public string MessageZh { get; set; } = string.Empty;

        public string MessageEn { get; set; } = string.Empty;

        public string FileName { get; set; } = string.Empty;

        public ValidationIssue ToIssue() => new(Code, Severity == "error" ? Validation.Severity.Error : Validation.Severity.Warning, FileName, Sheet, Cell,
            Found, Expected, MessageZh, MessageEn);
    }

    private sealed class ExplanationRow
    {
        public long SubmissionId { get; set; }

        public string IndicatorCode { get; set; } = string.Empty;

        public string Explanation { get; set; } = string.Empty;
    }

    private sealed class ReleaseRow
    {
        public long ReleaseId { get; set; }

        public long ReleaseNo { get; set; }

        public string Kind { get; set; } = string.Empty;

        public DateTimeOffset PublishedAt { get; set; }

        public string PublishedBy { get; set; } = string.Empty;

        public string? Note { get; set; }

        public long Submissions { get; set; }
    }

    private sealed class CountRow
    {
        public long Pending { get; set; }

        public long Revisions { get; set; }
    }

    private sealed class ActionRow
    {
        public long ActionId { get; set; }

        public string Action { get; set; } = string.Empty;

        public string Outcome { get; set; } = string.Empty;

        public long? SubmissionId { get; set; }

        public string? PeriodCode { get; set; }

        public long? ReleaseNo { get; set; }

        public string Actor { get; set; } = string.Empty;

        public DateTimeOffset ActedAt { get; set; }

        public string? Note { get; set; }
    }
}
