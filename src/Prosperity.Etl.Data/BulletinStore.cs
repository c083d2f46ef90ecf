using Dapper;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;

namespace Prosperity.Etl.Data;

/// <summary>
/// Loads a province bulletin table: one submission of source kind <c>bulletin</c> per region (so the
/// region's own return, if any, stays current alongside it), its figures as facts with their cells,
/// all in one transaction. Bulletin figures are already published by the province: they are approved
/// at once (not held for review), with their source. The province publishes one table per topic, so a
/// region and period may hold several current bulletin submissions, one per table. A later table that
/// repeats an indicator of an earlier one supersedes that submission as a recorded revision
/// (is_revision, and an audit row); the earlier table's other figures are restated, from its own file
/// and cells, in a submission that records where they came from (restored_from), so a second topic
/// table never retires the first table's figures.
/// </summary>
public class BulletinStore(IConnectionFactory connections, SqlDialect dialect, TimeProvider clock) : IBulletinStore
{
    /// <summary>The current bulletin submissions of a region and period (one per table loaded).</summary>
    protected virtual string SelectCurrentBulletins => $"""
        SELECT submission_id FROM {dialect.Submission}
        WHERE region_key = @RegionKey AND period_key = @PeriodKey AND status = 'accepted' AND source_kind = 'bulletin'
        ORDER BY submission_id
        """;

    /// <summary>The indicators a submission has figures of.</summary>
    protected virtual string SelectFactIndicators => $"""
        SELECT i.indicator_code FROM {dialect.Fact} f JOIN {dialect.IndicatorTable} i ON i.indicator_key = f.indicator_key
        WHERE f.submission_id = @SubmissionId
        """;

    /// <summary>The indicators a submission has published growth of.</summary>
    protected virtual string SelectGrowthIndicators => $"""
        SELECT i.indicator_code FROM {dialect.PublishedGrowth} g JOIN {dialect.IndicatorTable} i ON i.indicator_key = g.indicator_key
        WHERE g.submission_id = @SubmissionId
        """;

    /// <summary>A submission restating an earlier bulletin submission's file, title and approval.</summary>
    protected virtual string InsertRestatedSubmission => $"""
        INSERT INTO {dialect.Submission} (file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
            status, value_count, error_count, warning_count, received_at, loaded_at, source_kind, source_title,
            recorded_at, is_revision, restored_from, approved_at, approved_by, review_note, data_stage)
        {dialect.OutputId("submission_id")}
        SELECT file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
            'accepted', @ValueCount, 0, 0, received_at, @LoadedAt, 'bulletin', source_title,
            @LoadedAt, @IsRevision, submission_id, approved_at, approved_by, @Note, data_stage
        FROM {dialect.Submission} WHERE submission_id = @OldId
        """ + dialect.ReturningId("submission_id");

    /// <summary>Copies an earlier submission's figures of some indicators, with their cells, to the restating submission.</summary>
    protected virtual string CopyFacts => $"""
        INSERT INTO {dialect.Fact} ({SqlDialect.FactColumnList})
        SELECT @NewId, f.indicator_key, f.region_key, f.period_key, f.value, f.explanation, f.source_sheet, f.source_cell
        FROM {dialect.Fact} f JOIN {dialect.IndicatorTable} i ON i.indicator_key = f.indicator_key
        WHERE f.submission_id = @OldId AND {dialect.InList("i.indicator_code", "@Codes")}
        """;

    /// <summary>Copies an earlier submission's published growth of some indicators to the restating submission.</summary>
    protected virtual string CopyPublishedGrowth => $"""
        INSERT INTO {dialect.PublishedGrowth} (submission_id, indicator_key, region_key, period_key, growth_pct, source_sheet, source_cell)
        SELECT @NewId, g.indicator_key, g.region_key, g.period_key, g.growth_pct, g.source_sheet, g.source_cell
        FROM {dialect.PublishedGrowth} g JOIN {dialect.IndicatorTable} i ON i.indicator_key = g.indicator_key
        WHERE g.submission_id = @OldId AND {dialect.InList("i.indicator_code", "@Codes")}
        """;

    /// <summary>Inserts a bulletin submission.</summary>
    protected virtual string InsertBulletinSubmission => $"""
        INSERT INTO {dialect.Submission} (file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
            status, value_count, error_count, warning_count, received_at, loaded_at, source_kind, source_title,
            recorded_at, is_revision, approved_at, approved_by, review_note, data_stage)
        {dialect.OutputId("submission_id")}
        VALUES (@FileName, @FilePath, @Sha256, @Bytes, @RegionCode, @RegionKey, @PeriodCode, @PeriodKey,
            'accepted', @ValueCount, 0, 0, @ReceivedAt, @LoadedAt, 'bulletin', @Title,
            @LoadedAt, @IsRevision, @LoadedAt, @ApprovedBy, @Note, @DataStage)
        """ + dialect.ReturningId("submission_id");

    /// <summary>Who approved bulletin figures: the province that published them.</summary>
    public const string ProvinceBulletin = "province bulletin";

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

    /// <summary>The regions with an accepted final (年报) bulletin submission in a period.</summary>
    protected virtual string SelectFinalRegions => $"""
        SELECT DISTINCT r.region_code FROM {dialect.Submission} s JOIN {dialect.Region} r ON r.region_key = s.region_key
        WHERE s.period_key = @PeriodKey AND s.status = 'accepted' AND s.source_kind = 'bulletin' AND s.data_stage = 'final'
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> FinalRegionsAsync(Period period, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(SelectFinalRegions, new { PeriodKey = period.Key }, cancellationToken: cancellationToken))).ToList();
    }

    /// <inheritdoc />
    public Task<BulletinLoadResult> LoadAsync(SourceFile file, BulletinTable table, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        return LoadAllAsync(file, [table], cancellationToken);
    }

    /// <inheritdoc />
    public async Task<BulletinLoadResult> LoadAllAsync(SourceFile file, IReadOnlyList<BulletinTable> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(tables);
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        long? first = null;
        var facts = 0;
        var superseded = 0;
        var submissions = 0;
        foreach (var table in tables)
        {
        var growthByRegion = table.Growth.ToLookup(g => g.Region.Code, StringComparer.Ordinal);
        foreach (var group in table.Figures.Concat(table.Growth).GroupBy(f => f.Region.Code))
        {
            var region = group.First().Region;
            var regionKey = await connection.ExecuteScalarAsync<long?>(dialect.SelectRegionKey,
                new { region.Code, ValidFrom = dialect.DateValue(region.ValidFrom) }, tx)
                ?? throw new WarehouseException($"Region {region.Code} is not in the region dimension; run 'prosperity migrate'.");
            var figures = table.Figures.Where(f => f.Region.Code == region.Code).DistinctBy(f => f.Indicator.Code).ToList();
            var growth = growthByRegion[region.Code].DistinctBy(g => g.Indicator.Code).ToList();
            var levels = figures.Select(f => f.Indicator.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var printedGrowth = growth.Select(g => g.Indicator.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);

            // The earlier tables this one revises: those with a figure it prints again (a level, or a
            // published growth). Another topic's table stays current beside it.
            var revised = new List<(long Id, List<string> Facts, List<string> Growth)>();
            foreach (var old in await connection.QueryAsync<long>(SelectCurrentBulletins, new { RegionKey = regionKey, PeriodKey = table.Period.Key }, tx))
            {
                var oldFacts = (await connection.QueryAsync<string>(SelectFactIndicators, new { SubmissionId = old }, tx)).ToList();
                var oldGrowth = (await connection.QueryAsync<string>(SelectGrowthIndicators, new { SubmissionId = old }, tx)).ToList();
                if (oldFacts.Any(levels.Contains) || oldGrowth.Any(printedGrowth.Contains))
                {
                    await connection.ExecuteAsync(dialect.MarkSuperseded, new { SubmissionId = old, Now = now }, tx);
                    superseded++;
                    revised.Add((old, oldFacts.Where(c => !levels.Contains(c)).ToList(), oldGrowth.Where(c => !printedGrowth.Contains(c)).ToList()));
                }
            }

            var previous = revised.Count > 0 ? revised[0].Id : (long?)null;
            var revisedList = string.Join(", ", revised.Select(r => $"#{r.Id}"));
            var id = await connection.ExecuteScalarAsync<long>(InsertBulletinSubmission, new
            {
                file.FileName,
                FilePath = file.Path,
                file.Sha256,
                Bytes = file.SizeBytes,
                RegionCode = region.Code,
                RegionKey = regionKey,
                PeriodCode = table.Period.Code,
                PeriodKey = table.Period.Key,
                ValueCount = figures.Count,
                ReceivedAt = file.ReceivedAt,
                LoadedAt = now,
                Title = table.Title.Length > 400 ? table.Title[..400] : table.Title,
                IsRevision = previous is not null,
                ApprovedBy = ProvinceBulletin,
                Note = previous is not null ? $"revises bulletin submission {revisedList}" : null,
                DataStage = table.Stage?.Code(),
            }, tx);
            foreach (var (oldId, keptFacts, keptGrowth) in revised)
            {
                await connection.ExecuteAsync(dialect.SetSupersededBy, new { NewId = id, OldId = oldId }, tx);
                if (keptFacts.Count + keptGrowth.Count > 0)
                {
                    await RestateAsync(connection, tx, oldId, id, table.Period.Key, keptFacts, keptGrowth, now, file.FileName);
                }
            }

            await connection.ExecuteAsync(dialect.InsertReviewAction, new
            {
                Action = previous is null ? "bulletin" : "bulletin_revision", Outcome = "done", SubmissionId = id, PeriodKey = table.Period.Key,
                ReleaseId = (long?)null, Actor = ProvinceBulletin, ActedAt = now,
                Note = Truncate($"{table.Title} ({file.FileName})" + (previous is not null ? $"; supersedes {revisedList}" : string.Empty), 2000),
            }, tx);

            first ??= id;
            facts += await connection.ExecuteAsync(dialect.InsertFact, figures.Select(f => new
            {
                SubmissionId = id,
                IndicatorCode = f.Indicator.Code,
                RegionKey = regionKey,
                PeriodKey = table.Period.Key,
                Value = (decimal?)f.Value,
                Explanation = (string?)null,
                f.Location.Sheet,
                f.Location.Cell,
            }), tx);
            if (growth.Count > 0)
            {
                await connection.ExecuteAsync(dialect.InsertPublishedGrowth, growth.Select(g => new
                {
                    SubmissionId = id,
                    IndicatorCode = g.Indicator.Code,
                    RegionKey = regionKey,
                    PeriodKey = table.Period.Key,
                    Growth = g.Value,
                    g.Location.Sheet,
                    g.Location.Cell,
                }), tx);
            }
        }

        submissions += table.Regions.Count;
        }

        await tx.CommitAsync(cancellationToken);
        return new BulletinLoadResult(first ?? 0, submissions, facts, superseded);
    }

    // The figures of a superseded table that the revising one does not repeat, restated from the earlier
    // file and cells: they stay current, and the record says which submission they came from.
    private async Task RestateAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction tx, long oldId, long revisedBy, int periodKey,
        List<string> keptFacts, List<string> keptGrowth, DateTimeOffset now, string revisingFile)
    {
        var restated = await connection.ExecuteScalarAsync<long>(InsertRestatedSubmission, new
        {
            OldId = oldId,
            ValueCount = keptFacts.Count,
            LoadedAt = now,
            IsRevision = true,
            Note = Truncate($"restates the figures of bulletin submission #{oldId} that #{revisedBy} ({revisingFile}) does not revise", 2000),
        }, tx);
        if (keptFacts.Count > 0)
        {
            await connection.ExecuteAsync(CopyFacts, new { NewId = restated, OldId = oldId, Codes = keptFacts }, tx);
        }

        if (keptGrowth.Count > 0)
        {
            await connection.ExecuteAsync(CopyPublishedGrowth, new { NewId = restated, OldId = oldId, Codes = keptGrowth }, tx);
        }

        await connection.ExecuteAsync(dialect.InsertReviewAction, new
        {
            Action = "bulletin_revision", Outcome = "done", SubmissionId = restated, PeriodKey = periodKey,
            ReleaseId = (long?)null, Actor = ProvinceBulletin, ActedAt = now,
            Note = Truncate($"restates {string.Join(", ", keptFacts.Concat(keptGrowth.Select(g => g + " (published growth)")))} of #{oldId}, not revised by #{revisedBy} ({revisingFile})", 2000),
        }, tx);
    }
}
