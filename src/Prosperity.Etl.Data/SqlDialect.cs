namespace Prosperity.Etl.Data;

/// <summary>
/// The SQL text of the warehouse's runtime statements for one database engine. The defaults are
/// written for engines with schemas and <c>INSERT ... ON CONFLICT</c>; a dialect overrides only
/// what differs (table naming, upsert syntax, the bulk path).
/// </summary>
public abstract class SqlDialect
{
    /// <summary>Short name: sqlite, postgres, sqlserver.</summary>
    public abstract string Name { get; }

    /// <summary>The qualified name of a table or view of the dw, etl or bi schema.</summary>
    public virtual string Table(string schema, string name) => $"{schema}.{name}";

    /// <summary>SQL that returns the id of the row just inserted, appended to an INSERT.</summary>
    public virtual string ReturningId(string column) => $" RETURNING {column}";

    /// <summary>A column matched against a list parameter (Dapper expands <c>IN @List</c>; Npgsql takes the list as an array).</summary>
    public virtual string InList(string column, string parameter) => $"{column} IN {parameter}";

    /// <summary>SQL placed between an INSERT's column list and VALUES that returns the new id (T-SQL's OUTPUT); empty elsewhere.</summary>
    public virtual string OutputId(string column) => string.Empty;

    /// <summary>How a date is passed as a parameter (ISO text by default).</summary>
    public virtual object DateValue(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Placed after SELECT to keep the first @Limit rows (T-SQL's TOP); empty where <see cref="LimitClause()"/> does it.</summary>
    public virtual string TopClause() => string.Empty;

    /// <summary>Placed at the end of a query to keep the first @Limit rows; empty where <see cref="TopClause()"/> does it.</summary>
    public virtual string LimitClause() => "LIMIT @Limit";

    /// <summary>A NUMERIC column as selected for reading (SQLite needs one storage class per column).</summary>
    public virtual string ReadNumeric(string column) => column;

    public string Region => Table("dw", "region");
    public string PeriodTable => Table("dw", "period");
    public string IndicatorTable => Table("dw", "indicator");
    public string Fact => Table("dw", "fact_indicator_value");
    public string Submission => Table("etl", "submission");
    public string Issue => Table("etl", "validation_issue");
    public string ReferenceLoad => Table("etl", "reference_load");
    public string StageFact => Table("etl", "stage_fact_indicator_value");
    public string PublishedGrowth => Table("dw", "fact_published_growth");
    public string LoadRun => Table("etl", "load_run");

    public virtual string SelectReferenceVersion => $"SELECT COUNT(*) FROM {ReferenceLoad} WHERE reference_version = @Version";

    public virtual string InsertReferenceVersion => $"INSERT INTO {ReferenceLoad} (reference_version, loaded_at) VALUES (@Version, @LoadedAt)";

    public virtual string UpsertRegion => $"""
        INSERT INTO {Region} (region_code, name_zh, name_en, level, parent_code, valid_from, valid_to, successor_code)
        VALUES (@Code, @NameZh, @NameEn, @Level, @ParentCode, @ValidFrom, @ValidTo, @SuccessorCode)
        ON CONFLICT (region_code, valid_from) DO UPDATE SET
            name_zh = excluded.name_zh, name_en = excluded.name_en, level = excluded.level,
            parent_code = excluded.parent_code, valid_to = excluded.valid_to, successor_code = excluded.successor_code
        """;

    public virtual string UpsertIndicator => $"""
        INSERT INTO {IndicatorTable} (indicator_code, name_zh, name_en, unit, kind, direction, rank_precision,
            plausible_min, plausible_max, numerator_code, denominator_code, summable, achieved_by_code)
        VALUES (@Code, @NameZh, @NameEn, @Unit, @Kind, @Direction, @RankPrecision, @PlausibleMin, @PlausibleMax, @Numerator, @Denominator, @Summable, @AchievedBy)
        ON CONFLICT (indicator_code) DO UPDATE SET
            name_zh = excluded.name_zh, name_en = excluded.name_en, unit = excluded.unit, kind = excluded.kind,
            direction = excluded.direction, rank_precision = excluded.rank_precision, plausible_min = excluded.plausible_min,
            plausible_max = excluded.plausible_max, numerator_code = excluded.numerator_code, denominator_code = excluded.denominator_code,
            summable = excluded.summable, achieved_by_code = excluded.achieved_by_code
        """;

    public virtual string UpsertPeriod => $"""
        INSERT INTO {PeriodTable} (period_key, period_code, year, quarter, label_zh, label_en, ytd_start, period_end)
        VALUES (@Key, @Code, @Year, @Quarter, @LabelZh, @LabelEn, @YtdStart, @PeriodEnd)
        ON CONFLICT (period_key) DO UPDATE SET
            period_code = excluded.period_code, label_zh = excluded.label_zh, label_en = excluded.label_en,
            ytd_start = excluded.ytd_start, period_end = excluded.period_end
        """;

    // The hash is compared as char(64), the column's type on PostgreSQL and SQL Server: bound as
    // text (nvarchar), the column was converted instead and its index unusable, so every file's
    // already-loaded check read every submission ever recorded.
    public virtual string SelectLoadedByHash => $"""
        SELECT submission_id AS SubmissionId, file_name AS FileName, status AS Status, region_code AS RegionCode,
               period_code AS PeriodCode, received_at AS ReceivedAt
        FROM {Submission}
        WHERE file_sha256 = CAST(@Sha256 AS char(64)) AND status <> 'rejected'
        ORDER BY submission_id
        """;

    public virtual string SelectRegionKey => $"SELECT region_key FROM {Region} WHERE region_code = @Code AND valid_from = @ValidFrom";

    public virtual string SelectCurrentSubmission => $"""
        SELECT submission_id FROM {Submission}
        WHERE region_key = @RegionKey AND period_key = @PeriodKey AND status = 'accepted' AND source_kind = 'return'
        """;

    public virtual string MarkSuperseded => $"""
        UPDATE {Submission} SET status = 'superseded', superseded_at = @Now
        WHERE submission_id = @SubmissionId AND status = 'accepted'
        """;

    public virtual string SetSupersededBy => $"UPDATE {Submission} SET superseded_by = @NewId WHERE submission_id = @OldId";

    public virtual string InsertSubmission => $"""
        INSERT INTO {Submission} (file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
            status, value_count, error_count, warning_count, submitter, contact, received_at, loaded_at,
            recorded_at, due_on, days_late, is_revision, restored_from, same_as, approved_at, approved_by, superseded_by, data_stage)
        {OutputId("submission_id")}
        VALUES (@FileName, @FilePath, @Sha256, @Bytes, @RegionCode, @RegionKey, @PeriodCode, @PeriodKey,
            @Status, @ValueCount, @ErrorCount, @WarningCount, @Submitter, @Contact, @ReceivedAt, @LoadedAt,
            @RecordedAt, @DueOn, @DaysLate, @IsRevision, @RestoredFrom, @SameAs, @ApprovedAt, @ApprovedBy, @SupersededBy, @DataStage)
        """ + ReturningId("submission_id");

    public string Release => Table("etl", "release");
    public string ReviewActionTable => Table("etl", "review_action");

    /// <summary>The pending return of a region and period (at most one), if any.</summary>
    public virtual string SelectPendingSubmission => $"""
        SELECT submission_id FROM {Submission}
        WHERE region_key = @RegionKey AND period_key = @PeriodKey AND status = 'pending' AND source_kind = 'return'
        """;

    /// <summary>Marks a pending return replaced by a newer file before anyone reviewed it.</summary>
    public virtual string MarkPendingSuperseded => $"""
        UPDATE {Submission} SET status = 'superseded', superseded_at = @Now, superseded_by = @NewId
        WHERE submission_id = @SubmissionId AND status = 'pending'
        """;

    /// <summary>The figures of one submission, for comparing a new return with the latest one.</summary>
    public virtual string SelectSubmissionFigures => $"""
        SELECT i.indicator_code AS IndicatorCode, {ReadNumeric("f.value")} AS Value
        FROM {Fact} f JOIN {IndicatorTable} i ON i.indicator_key = f.indicator_key
        WHERE f.submission_id = @SubmissionId
        """;

    /// <summary>The latest release number of a period (0 when it is not published).</summary>
    public virtual string SelectLatestReleaseNo => $"SELECT COALESCE(MAX(release_no), 0) FROM {Release} WHERE period_key = @PeriodKey";

    /// <summary>Records a review action (the audit row).</summary>
    public virtual string InsertReviewAction => $"""
        INSERT INTO {ReviewActionTable} (action, outcome, submission_id, period_key, release_id, actor, acted_at, note)
        VALUES (@Action, @Outcome, @SubmissionId, @PeriodKey, @ReleaseId, @Actor, @ActedAt, @Note)
        """;

    public virtual string InsertFact => $"""
        INSERT INTO {Fact} ({FactColumnList})
        VALUES (@SubmissionId, (SELECT indicator_key FROM {IndicatorTable} WHERE indicator_code = @IndicatorCode),
            @RegionKey, @PeriodKey, @Value, @Explanation, @Sheet, @Cell)
        """;

    public virtual string InsertIssue => $"""
        INSERT INTO {Issue} (submission_id, rule_code, severity, sheet_name, cell_ref, found_value, expected_value, message_zh, message_en)
        VALUES (@SubmissionId, @Code, @Severity, @Sheet, @Cell, @Found, @Expected, @MessageZh, @MessageEn)
        """;

    // The sub-query names @PeriodKey itself: PostgreSQL hashes it once for the whole statement, and
    // with only the correlation f2.period_key = f.period_key that hash read every quarter's facts.
    // The submissions are restricted to the quarter too (a submission's facts carry its period key),
    // so they are read through ix_submission_period instead of every accepted submission being hashed.
    public virtual string SelectCurrentValues => $"""
        SELECT r.region_code AS RegionCode, i.indicator_code AS IndicatorCode, {ReadNumeric("f.value")} AS Value
        FROM {Fact} f
        JOIN {Submission} s ON s.submission_id = f.submission_id AND s.status = 'accepted' AND s.period_key = @PeriodKey
        JOIN {Region} r ON r.region_key = f.region_key
        JOIN {IndicatorTable} i ON i.indicator_key = f.indicator_key
        WHERE f.period_key = @PeriodKey AND (@IndicatorCode IS NULL OR i.indicator_code = @IndicatorCode)
          AND (s.source_kind = 'return' OR NOT EXISTS (
            SELECT 1 FROM {Fact} f2
            JOIN {Submission} s2 ON s2.submission_id = f2.submission_id AND s2.status = 'accepted' AND s2.source_kind = 'return' AND s2.period_key = @PeriodKey
            WHERE f2.period_key = @PeriodKey AND f2.region_key = f.region_key AND f2.indicator_key = f.indicator_key AND f2.value IS NOT NULL))
        """;

    public virtual string InsertPublishedGrowth => $"""
        INSERT INTO {PublishedGrowth} (submission_id, indicator_key, region_key, period_key, growth_pct, source_sheet, source_cell)
        VALUES (@SubmissionId, (SELECT indicator_key FROM {IndicatorTable} WHERE indicator_code = @IndicatorCode),
            @RegionKey, @PeriodKey, @Growth, @Sheet, @Cell)
        """;

    public virtual string SelectPublishedGrowth => $"""
        SELECT r.region_code AS RegionCode, i.indicator_code AS IndicatorCode, {ReadNumeric("g.growth_pct")} AS Value
        FROM {PublishedGrowth} g
        JOIN {Submission} s ON s.submission_id = g.submission_id AND s.status = 'accepted'
        JOIN {Region} r ON r.region_key = g.region_key
        JOIN {IndicatorTable} i ON i.indicator_key = g.indicator_key
        WHERE g.period_key = @PeriodKey
        """;

    // Read from the region's accepted submissions of the window (ux_submission_current) to their
    // facts (the fact key starts with the submission): a submission's facts carry its region and
    // period keys. Joined the other way, PostgreSQL hashed every accepted submission ever loaded
    // to check the status of the region's facts, a cost that grew with each quarter.
    public virtual string SelectRegionHistory => $"""
        SELECT s.period_key AS PeriodKey, i.indicator_code AS IndicatorCode, {ReadNumeric("f.value")} AS Value
        FROM {Region} r
        JOIN {Submission} s ON s.region_key = r.region_key AND s.status = 'accepted' AND s.period_key >= @FromKey AND s.period_key <= @ToKey
        JOIN {Fact} f ON f.submission_id = s.submission_id
        JOIN {IndicatorTable} i ON i.indicator_key = f.indicator_key
        WHERE r.region_code = @RegionCode
        """;

    public virtual string SelectFinalReturn => $"""
        SELECT MAX(s.submission_id)
        FROM {Region} r
        JOIN {Submission} s ON s.region_key = r.region_key AND s.period_key = @PeriodKey AND s.source_kind = 'return'
            AND s.status IN ('accepted', 'pending') AND s.data_stage = 'final'
        WHERE r.region_code = @RegionCode
        """;

    // An empty string, not NULL, stands for "every period": an untyped NULL parameter is refused by some drivers.
    public virtual string SelectIssueHistory => $"""
        SELECT s.submission_id AS SubmissionId, s.file_name AS FileName, s.status AS Status, s.region_code AS RegionCode,
               s.period_code AS PeriodCode, s.received_at AS ReceivedAt, v.rule_code AS Code, v.severity AS Severity,
               v.sheet_name AS Sheet, v.cell_ref AS Cell, v.found_value AS Found, v.expected_value AS Expected,
               v.message_zh AS MessageZh, v.message_en AS MessageEn
        FROM {Submission} s
        LEFT JOIN {Issue} v ON v.submission_id = s.submission_id
        WHERE s.region_code = @RegionCode AND (@PeriodCode = '' OR s.period_code = @PeriodCode)
        ORDER BY s.submission_id, v.issue_id
        """;

    /// <summary>
    /// One row per region code and quarter with any return attempt in @FromKey .. @ToKey, for the
    /// completeness matrix. A rejected attempt without a region or period key counts under the code
    /// written on its cover when that is a known region code or period code. "Latest" is the order
    /// the warehouse recorded the attempts in (submission id), not the file times.
    /// </summary>
    public virtual string SelectSubmissionSummary => $"""
        WITH attempt AS (
            SELECT s.submission_id, s.status, s.received_at, s.error_count, s.warning_count, s.days_late,
                   COALESCE(r.region_code,
                       (SELECT MIN(k.region_code) FROM {Region} k WHERE k.region_code = UPPER(TRIM(s.region_code)))) AS region_code,
                   COALESCE(s.period_key, p.period_key) AS period_key
            FROM {Submission} s
            LEFT JOIN {Region} r ON r.region_key = s.region_key
            LEFT JOIN {PeriodTable} p ON s.period_key IS NULL AND p.period_code = UPPER(TRIM(s.period_code))
            WHERE s.source_kind = 'return'
        ),
        ranked AS (
            SELECT submission_id, status, received_at, error_count, warning_count, days_late, region_code, period_key,
                   ROW_NUMBER() OVER (PARTITION BY region_code, period_key ORDER BY submission_id DESC) AS attempt_rank,
                   ROW_NUMBER() OVER (PARTITION BY region_code, period_key, status ORDER BY submission_id DESC) AS status_rank
            FROM attempt
            WHERE region_code IS NOT NULL AND period_key >= @FromKey AND period_key <= @ToKey
        )
        SELECT region_code AS RegionCode, period_key AS PeriodKey,
               MAX(CASE WHEN status = 'accepted' THEN submission_id END) AS AcceptedSubmissionId,
               MAX(CASE WHEN status = 'accepted' THEN received_at END) AS AcceptedReceivedAt,
               MAX(CASE WHEN status = 'accepted' THEN warning_count ELSE 0 END) AS AcceptedWarningCount,
               SUM(CASE WHEN status = 'superseded' THEN 1 ELSE 0 END) AS SupersededCount,
               SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) AS RejectedCount,
               MAX(CASE WHEN attempt_rank = 1 THEN submission_id END) AS LatestSubmissionId,
               MAX(CASE WHEN attempt_rank = 1 THEN received_at END) AS LatestReceivedAt,
               MAX(CASE WHEN attempt_rank = 1 THEN status END) AS LatestStatus,
               MAX(CASE WHEN status = 'rejected' AND status_rank = 1 THEN submission_id END) AS LatestRejectedSubmissionId,
               MAX(CASE WHEN status = 'rejected' AND status_rank = 1 THEN error_count ELSE 0 END) AS LatestRejectedErrorCount,
               MAX(CASE WHEN status = 'rejected' AND status_rank = 1 THEN warning_count ELSE 0 END) AS LatestRejectedWarningCount,
               MAX(CASE WHEN status = 'pending' THEN submission_id END) AS PendingSubmissionId,
               MAX(CASE WHEN status = 'pending' THEN warning_count ELSE 0 END) AS PendingWarningCount,
               MAX(CASE WHEN status = 'returned' AND status_rank = 1 THEN submission_id END) AS ReturnedSubmissionId,
               MIN(CASE WHEN status <> 'rejected' THEN received_at END) AS FirstValidReceivedAt,
               MIN(CASE WHEN status <> 'rejected' THEN COALESCE(days_late, 0) END) AS FirstValidDaysLate
        FROM ranked
        GROUP BY region_code, period_key
        ORDER BY period_key, region_code
        """;

    /// <summary>The fact table's columns a load writes, in the order every load path (insert, merge, COPY) writes them.</summary>
    public static IReadOnlyList<string> FactColumns { get; } =
        ["submission_id", "indicator_key", "region_key", "period_key", "value", "explanation", "source_sheet", "source_cell"];

    /// <summary><see cref="FactColumns"/> as a column list.</summary>
    public static string FactColumnList { get; } = string.Join(", ", FactColumns);

    /// <summary>The staging table's columns in the order the bulk paths write them.</summary>
    public static IReadOnlyList<string> StageFactColumns { get; } =
        ["submission_id", "indicator_code", "region_key", "period_key", "value", "explanation", "source_sheet", "source_cell"];

    /// <summary>Moves one submission's staged facts into the fact table, set-based, resolving indicator keys by code.</summary>
    public virtual string MergeStagedFacts => $"""
        INSERT INTO {Fact} ({FactColumnList})
        SELECT s.submission_id, i.indicator_key, s.region_key, s.period_key, s.value, s.explanation, s.source_sheet, s.source_cell
        FROM {StageFact} s
        JOIN {IndicatorTable} i ON i.indicator_code = s.indicator_code
        WHERE s.submission_id = @SubmissionId
        """;

    /// <summary>Empties the staging rows of one submission (inside its transaction, after the merge).</summary>
    public virtual string ClearStagedFacts => $"DELETE FROM {StageFact} WHERE submission_id = @SubmissionId";

    /// <summary>Records the load of an accepted submission, in its transaction.</summary>
    public virtual string InsertLoadRun => $"""
        INSERT INTO {LoadRun} (submission_id, engine, load_path, fact_count, started_at, finished_at)
        VALUES (@SubmissionId, @Engine, @LoadPath, @FactCount, @StartedAt, @FinishedAt)
        """;
}
