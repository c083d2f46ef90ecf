using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Completeness;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Data;

/// <summary>
/// The warehouse over Dapper: dimension seeding, one-transaction submission loads with history,
/// rejected attempts with their issues, current values for ranking. A dialect supplies the SQL and
/// the bulk path; this class holds the logic, once for every engine.
/// </summary>
public class DapperWarehouse(
    IConnectionFactory connections,
    SqlDialect dialect,
    ISchemaMigrator migrator,
    TimeProvider clock,
    ILogger<DapperWarehouse> logger) : IWarehouse
{
    /// <summary>The dialect in use.</summary>
    protected SqlDialect Dialect => dialect;

    /// <inheritdoc />
    public async Task EnsureReadyAsync(ReferenceCatalog catalog, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var applied = migrator.Migrate();
        foreach (var script in applied)
        {
            logger.LogInformation("Applied migration {Script} to {Target}", script, connections.Describe());
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var seeded = await connection.ExecuteScalarAsync<long>(dialect.SelectReferenceVersion, new { catalog.Version });
        if (seeded > 0)
        {
            return;
        }

        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(dialect.UpsertRegion, catalog.Regions.Select(r => new
        {
            r.Code,
            r.NameZh,
            r.NameEn,
            Level = ReferenceCatalog.LevelName(r.Level),
            r.ParentCode,
            ValidFrom = dialect.DateValue(r.ValidFrom),
            ValidTo = r.ValidTo is { } to ? dialect.DateValue(to) : null,
            r.SuccessorCode,
        }), tx);
        await connection.ExecuteAsync(dialect.UpsertIndicator, catalog.Indicators.Select(i => new
        {
            i.Code,
            i.NameZh,
            i.NameEn,
            i.Unit,
            Kind = ReferenceCatalog.KindName(i.Kind),
            Direction = i.Direction == RankDirection.LowerIsBetter ? "lower" : "higher",
            i.RankPrecision,
            i.PlausibleMin,
            i.PlausibleMax,
            i.Numerator,
            i.Denominator,
            Summable = i.MayBeSummed,
            i.AchievedBy,
        }), tx);
        await connection.ExecuteAsync(dialect.UpsertPeriod, ReferenceCatalog.Periods().Select(p => new
        {
            p.Key,
            p.Code,
            p.Year,
            p.Quarter,
            p.LabelZh,
            p.LabelEn,
            YtdStart = dialect.DateValue(p.YearStart),
            PeriodEnd = dialect.DateValue(p.End),
        }), tx);
        await connection.ExecuteAsync(dialect.InsertReferenceVersion, new { catalog.Version, LoadedAt = clock.GetUtcNow() }, tx);
        await tx.CommitAsync(cancellationToken);
        logger.LogInformation("Seeded reference data version {Version}: {Regions} regions, {Indicators} indicators",
            catalog.Version, catalog.Regions.Count, catalog.Indicators.Count);
    }

    /// <inheritdoc />
    public async Task<StoredSubmission?> FindLoadedAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await FindLoadedAsync(connection, null, sha256);
    }

    /// <inheritdoc />
    public Task<LoadResult> LoadAcceptedAsync(SourceFile file, ValidatedSubmission submission, CancellationToken cancellationToken = default) =>
        LoadValidatedAsync(file, submission, reviewRequired: false, cancellationToken);

    /// <inheritdoc />
    public async Task<LoadResult> LoadValidatedAsync(SourceFile file, ValidatedSubmission submission, bool reviewRequired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(submission);
        var region = submission.Region ?? throw new ArgumentException("A validated submission has a region.", nameof(submission));
        var period = submission.Period ?? throw new ArgumentException("A validated submission has a period.", nameof(submission));

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);

        // Checked again inside the transaction: another process may have loaded the same file meanwhile.
        if (await FindLoadedAsync(connection, tx, file.Sha256) is { } existing)
        {
            await tx.RollbackAsync(cancellationToken);
            return new LoadResult(existing.SubmissionId, null, 0) { AlreadyLoaded = true, Status = existing.Status };
        }

        var regionKey = await connection.ExecuteScalarAsync<long?>(dialect.SelectRegionKey,
            new { region.Code, ValidFrom = dialect.DateValue(region.ValidFrom) }, tx)
            ?? throw new WarehouseException($"Region {region.Code} valid from {region.ValidFrom:yyyy-MM-dd} is not in the region dimension; run 'prosperity migrate'.");
        var now = clock.GetUtcNow();
        var keys = new { RegionKey = regionKey, PeriodKey = period.Key };
        var current = await connection.ExecuteScalarAsync<long?>(dialect.SelectCurrentSubmission, keys, tx);
        var pending = await connection.ExecuteScalarAsync<long?>(dialect.SelectPendingSubmission, keys, tx);
        var published = await connection.ExecuteScalarAsync<long>(dialect.SelectLatestReleaseNo, new { PeriodKey = period.Key }, tx) > 0;

        // The same figures as the latest return (the one waiting, else the official one): recorded, not a correction.
        if ((pending ?? current) is { } latest && await SameFiguresAsync(connection, tx, latest, submission))
        {
            var same = await InsertSubmissionAsync(connection, tx, file, submission, "unchanged", regionKey, now, sameAs: latest);
            await InsertIssuesAsync(connection, tx, same, submission.Issues);
            await InsertActionAsync(connection, tx, "no_change", same, period.Key, "import", now,
                $"same figures as submission #{latest}");
            await tx.CommitAsync(cancellationToken);
            return new LoadResult(same, null, 0) { Status = "unchanged", SameAs = latest, IsRevision = published };
        }

        var waits = reviewRequired || published;
        long? replaced;
        long id;
        if (waits)
        {
            id = await InsertSubmissionAsync(connection, tx, file, submission, "pending", regionKey, now, isRevision: published, replacesPending: pending);
            replaced = pending;
        }
        else
        {
            if (current is { } old)
            {
                await connection.ExecuteAsync(dialect.MarkSuperseded, new { SubmissionId = old, Now = now }, tx);
            }

            if (pending is { } waiting)
            {
                await connection.ExecuteAsync(dialect.MarkPendingSuperseded, new { SubmissionId = waiting, Now = now, NewId = (long?)null }, tx);
            }

            id = await InsertSubmissionAsync(connection, tx, file, submission, "accepted", regionKey, now);
            foreach (var earlier in new[] { current, pending }.OfType<long>())
            {
                await connection.ExecuteAsync(dialect.SetSupersededBy, new { NewId = id, OldId = earlier }, tx);
            }

            await InsertActionAsync(connection, tx, "auto_approve", id, period.Key, "import", now, "Review:Required is off");
            replaced = current;
        }

        var facts = submission.Facts.Select(f => new FactRow(id, f.Indicator.Code, regionKey, period.Key, f.Value, Truncate(f.Explanation, 2000),
            f.Location.Sheet, f.Location.Cell)).ToList();
        await InsertFactsAsync(connection, tx, facts, cancellationToken);
        await InsertIssuesAsync(connection, tx, id, submission.Issues);
        await connection.ExecuteAsync(dialect.InsertLoadRun, new
        {
            SubmissionId = id, Engine = dialect.Name, LoadPath, FactCount = facts.Count, StartedAt = now, FinishedAt = clock.GetUtcNow(),
        }, tx);
        await tx.CommitAsync(cancellationToken);
        return new LoadResult(id, replaced, facts.Count) { Status = waits ? "pending" : "accepted", IsRevision = published };
    }

    private async Task<bool> SameFiguresAsync(DbConnection connection, DbTransaction tx, long submissionId, ValidatedSubmission submission)
    {
        var stored = (await connection.QueryAsync<FigureRow>(dialect.SelectSubmissionFigures, new { SubmissionId = submissionId }, tx))
            .ToDictionary(r => r.IndicatorCode, r => r.Value, StringComparer.OrdinalIgnoreCase);
        if (stored.Count != submission.Facts.Count)
        {
            return false;
        }

        // Compared at the precision the engines store (SQLite reads NUMERIC back as a double).
        return submission.Facts.All(f => stored.TryGetValue(f.Indicator.Code, out var v) &&
            (v is null ? f.Value is null : f.Value is { } n && Math.Abs((double)(n - v.Value)) <= 1e-9 * Math.Max(1.0, Math.Abs((double)n))));
    }

    private Task<int> InsertActionAsync(DbConnection connection, DbTransaction tx, string action, long? submissionId, int? periodKey, string actor,
        DateTimeOffset now, string? note) =>
        connection.ExecuteAsync(dialect.InsertReviewAction, new
        {
            Action = action, Outcome = "done", SubmissionId = submissionId, PeriodKey = periodKey, ReleaseId = (long?)null, Actor = actor, ActedAt = now,
            Note = note,
        }, tx);

    private sealed class FigureRow
    {
        public string IndicatorCode { get; set; } = string.Empty;

        public decimal? Value { get; set; }
    }

    /// <inheritdoc />
    public async Task<long> RecordRejectedAsync(SourceFile file, ValidatedSubmission? submission, IReadOnlyList<ValidationIssue> issues, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(issues);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        long? regionKey = null;
        if (submission?.Region is { } region)
        {
            regionKey = await connection.ExecuteScalarAsync<long?>(dialect.SelectRegionKey,
                new { region.Code, ValidFrom = dialect.DateValue(region.ValidFrom) }, tx);
        }

        var record = (submission ?? new ValidatedSubmission(null, null, null, [], issues)) with { Issues = issues };
        var id = await InsertSubmissionAsync(connection, tx, file, record, "rejected", regionKey, clock.GetUtcNow());
        await InsertIssuesAsync(connection, tx, id, issues);
        await tx.CommitAsync(cancellationToken);
        return id;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CurrentValue>> GetCurrentValuesAsync(Period period, string? indicatorCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CurrentValueRow>(dialect.SelectCurrentValues, new { PeriodKey = period.Key, IndicatorCode = indicatorCode });
        return rows.Select(r => new CurrentValue(r.RegionCode, r.IndicatorCode, r.Value)).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CurrentValue>> GetPublishedGrowthAsync(Period period, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CurrentValueRow>(new CommandDefinition(dialect.SelectPublishedGrowth,
            new { PeriodKey = period.Key }, cancellationToken: cancellationToken));
        return rows.Select(r => new CurrentValue(r.RegionCode, r.IndicatorCode, r.Value)).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryValue>> GetRegionHistoryAsync(string regionCode, Period first, Period last, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition(dialect.SelectRegionHistory,
            new { RegionCode = regionCode, FromKey = first.Key, ToKey = last.Key }, cancellationToken: cancellationToken));
        return rows.Select(r => new HistoryValue(new Period(r.PeriodKey / 10, r.PeriodKey % 10), r.IndicatorCode, r.Value)).ToList();
    }

    /// <inheritdoc />
    public async Task<long?> FindFinalReturnAsync(string regionCode, Period period, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(dialect.SelectFinalReturn,
            new { RegionCode = regionCode, PeriodKey = period.Key }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AttemptIssue>> GetIssueHistoryAsync(string regionCode, Period? period, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttemptIssueRow>(new CommandDefinition(dialect.SelectIssueHistory,
            new { RegionCode = regionCode, PeriodCode = period?.Code ?? string.Empty }, cancellationToken: cancellationToken));
        return rows.Select(r => new AttemptIssue(r.SubmissionId, r.FileName, r.Status, r.RegionCode, r.PeriodCode, r.ReceivedAt,
            r.Code is null ? null : new ValidationIssue(r.Code, r.Severity == "error" ? Severity.Error : Severity.Warning, r.FileName,
                r.Sheet, r.Cell, r.Found, r.Expected, r.MessageZh ?? string.Empty, r.MessageEn ?? string.Empty))).ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SubmissionSummary>> GetSubmissionSummaryAsync(Period first, Period last, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SubmissionSummaryRow>(new CommandDefinition(dialect.SelectSubmissionSummary,
            new { FromKey = first.Key, ToKey = last.Key }, cancellationToken: cancellationToken));
        return rows.Select(r => new SubmissionSummary
        {
            RegionCode = r.RegionCode,
            Period = new Period(r.PeriodKey / 10, r.PeriodKey % 10),
            AcceptedSubmissionId = r.AcceptedSubmissionId,
            AcceptedReceivedAt = r.AcceptedReceivedAt,
            AcceptedWarningCount = (int)r.AcceptedWarningCount,
            SupersededCount = (int)r.SupersededCount,
            RejectedCount = (int)r.RejectedCount,
            LatestSubmissionId = r.LatestSubmissionId,
            LatestReceivedAt = r.LatestReceivedAt,
            LatestStatus = r.LatestStatus,
            LatestRejectedSubmissionId = r.LatestRejectedSubmissionId,
            LatestRejectedErrorCount = (int)r.LatestRejectedErrorCount,
            LatestRejectedWarningCount = (int)r.LatestRejectedWarningCount,
            PendingSubmissionId = r.PendingSubmissionId,
            PendingWarningCount = (int)r.PendingWarningCount,
            // A return the reviewer returned counts as returned only when nothing newer passed validation.
            ReturnedSubmissionId = r.ReturnedSubmissionId is { } returned && returned >= (r.PendingSubmissionId ?? 0) ? returned : null,
            FirstValidReceivedAt = r.FirstValidReceivedAt,
            FirstValidDaysLate = r.FirstValidDaysLate is null ? null : (int)r.FirstValidDaysLate.Value,
        }).ToList();
    }

    // Counts are read as long: SUM gives bigint on PostgreSQL, int on SQL Server, INTEGER on SQLite.
    private sealed class SubmissionSummaryRow
    {
        public string RegionCode { get; set; } = string.Empty;

        public int PeriodKey { get; set; }

        public long? AcceptedSubmissionId { get; set; }

        public DateTimeOffset? AcceptedReceivedAt { get; set; }

        public long AcceptedWarningCount { get; set; }

        public long SupersededCount { get; set; }

        public long RejectedCount { get; set; }

        public long LatestSubmissionId { get; set; }

        public DateTimeOffset LatestReceivedAt { get; set; }

        public string LatestStatus { get; set; } = string.Empty;

        public long? LatestRejectedSubmissionId { get; set; }

        public long LatestRejectedErrorCount { get; set; }

        public long LatestRejectedWarningCount { get; set; }

        public long? PendingSubmissionId { get; set; }

        public long PendingWarningCount { get; set; }

        public long? ReturnedSubmissionId { get; set; }

        public DateTimeOffset? FirstValidReceivedAt { get; set; }

        public long? FirstValidDaysLate { get; set; }
    }

    private sealed class HistoryRow
    {
        public int PeriodKey { get; set; }

        public string IndicatorCode { get; set; } = string.Empty;

        public decimal? Value { get; set; }
    }

    private sealed class AttemptIssueRow
    {
        public long SubmissionId { get; set; }

        public string FileName { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string? RegionCode { get; set; }

        public string? PeriodCode { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }

        public string? Code { get; set; }

        public string? Severity { get; set; }

        public string? Sheet { get; set; }

        public string? Cell { get; set; }

        public string? Found { get; set; }

        public string? Expected { get; set; }

        public string? MessageZh { get; set; }

        public string? MessageEn { get; set; }
    }

    /// <summary>One fact row as it goes to the database.</summary>
    protected sealed record FactRow(long SubmissionId, string IndicatorCode, long RegionKey, int PeriodKey, decimal? Value,
        string? Explanation, string Sheet, string Cell);

    /// <summary>How <see cref="InsertFactsAsync"/> loads facts, as recorded in etl.load_run.</summary>
    protected virtual string LoadPath => "prepared_insert";

    /// <summary>Inserts the facts of one submission inside its transaction: one prepared command by default.</summary>
    protected virtual Task InsertFactsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FactRow> facts, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(dialect.InsertFact, facts, transaction, cancellationToken: cancellationToken));

    private async Task<StoredSubmission?> FindLoadedAsync(DbConnection connection, DbTransaction? tx, string sha256)
    {
        var row = await connection.QueryFirstOrDefaultAsync<StoredSubmissionRow>(dialect.SelectLoadedByHash, new { Sha256 = sha256 }, tx);
        return row is null ? null : new StoredSubmission(row.SubmissionId, row.FileName, row.Status, row.RegionCode, row.PeriodCode, row.ReceivedAt);
    }

    // Dapper maps columns to settable properties with type conversion; engines differ in the CLR
    // types they return (SQLite gives long for an integral NUMERIC), so rows are read into these.
    private sealed class CurrentValueRow
    {
        public string RegionCode { get; set; } = string.Empty;

        public string IndicatorCode { get; set; } = string.Empty;

        public decimal? Value { get; set; }
    }

    private sealed class StoredSubmissionRow
    {
        public long SubmissionId { get; set; }

        public string FileName { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public string? RegionCode { get; set; }

        public string? PeriodCode { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }
    }

    private async Task<long> InsertSubmissionAsync(DbConnection connection, DbTransaction tx, SourceFile file, ValidatedSubmission submission,
        string status, long? regionKey, DateTimeOffset now, bool isRevision = false, long? sameAs = null, long? replacesPending = null)
    {
        // At most one return waits per region and period: an earlier pending one is superseded first
        // (the unique index), then pointed at the new one.
        if (replacesPending is { } earlier)
        {
            await connection.ExecuteAsync(dialect.MarkPendingSuperseded, new { SubmissionId = earlier, Now = now, NewId = (long?)null }, tx);
        }

        var s = submission.Submission;
        var stored = status is "accepted" or "pending";
        var id = await connection.ExecuteScalarAsync<long>(dialect.InsertSubmission, new
        {
            file.FileName,
            FilePath = file.Path,
            file.Sha256,
            Bytes = file.SizeBytes,
            RegionCode = Truncate(submission.Region?.Code ?? s?.RegionCode.Text, 64),
            RegionKey = regionKey,
            PeriodCode = submission.Period?.Code ?? Truncate(s?.PeriodText.Text, 64),
            PeriodKey = submission.Period?.Key,
            Status = status,
            ValueCount = stored ? submission.Facts.Count : 0,
            submission.ErrorCount,
            submission.WarningCount,
            Submitter = Truncate(s?.Submitter?.Text, 200),
            Contact = Truncate(s?.Contact?.Text, 200),
            ReceivedAt = file.ReceivedAt,
            LoadedAt = stored ? now : (DateTimeOffset?)null,
            RecordedAt = now,
            DueOn = file.DueOn is { } due ? dialect.DateValue(due) : null,
            file.DaysLate,
            IsRevision = isRevision,
            RestoredFrom = (long?)null,
            SameAs = sameAs,
            ApprovedAt = status == "accepted" ? now : (DateTimeOffset?)null,
            ApprovedBy = status == "accepted" ? "import (Review:Required off)" : null,
            SupersededBy = (long?)null,
            DataStage = submission.Stage?.Code(),
        }, tx);
        if (replacesPending is { } replaced)
        {
            await connection.ExecuteAsync(dialect.SetSupersededBy, new { NewId = id, OldId = replaced }, tx);
        }

        return id;
    }

    private async Task InsertIssuesAsync(DbConnection connection, DbTransaction tx, long submissionId, IReadOnlyList<ValidationIssue> issues)
    {
        if (issues.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(dialect.InsertIssue, issues.Select(i => new
        {
            SubmissionId = submissionId,
            i.Code,
            Severity = i.Severity == Severity.Error ? "error" : "warning",
            // Every text here may carry what a district wrote (a code, a sheet name, a value): bounded to the columns.
            Sheet = Truncate(i.Sheet, 200),
            Cell = Truncate(i.Cell, 32),
            Found = Truncate(i.Found, 400),
            Expected = Truncate(i.Expected, 400),
            MessageZh = Truncate(i.MessageZh, 2000),
            MessageEn = Truncate(i.MessageEn, 2000),
        }), tx);
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
