using Dapper;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;

namespace Prosperity.Etl.Data;

/// <summary>
/// Loads a province bulletin table: one submission of source kind <c>bulletin</c> per region (so the
/// region's own return, if any, stays current alongside it), its figures as facts with their cells,
/// all in one transaction. Bulletin figures are already published by the province: they are approved
/// at once (not held for review), with their source; a later bulletin for the same region and period
/// supersedes the earlier one as a recorded revision (is_revision, and an audit row).
/// </summary>
public class BulletinStore(IConnectionFactory connections, SqlDialect dialect, TimeProvider clock) : IBulletinStore
{
    /// <summary>The current bulletin submission of a region and period.</summary>
    protected virtual string SelectCurrentBulletin => $"""
        SELECT submission_id FROM {dialect.Submission}
        WHERE region_key = @RegionKey AND period_key = @PeriodKey AND status = 'accepted' AND source_kind = 'bulletin'
        """;

    /// <summary>Inserts a bulletin submission.</summary>
    protected virtual string InsertBulletinSubmission => $"""
        INSERT INTO {dialect.Submission} (file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
            status, value_count, error_count, warning_count, received_at, loaded_at, source_kind, source_title,
            recorded_at, is_revision, approved_at, approved_by, review_note)
        {dialect.OutputId("submission_id")}
        VALUES (@FileName, @FilePath, @Sha256, @Bytes, @RegionCode, @RegionKey, @PeriodCode, @PeriodKey,
            'accepted', @ValueCount, 0, 0, @ReceivedAt, @LoadedAt, 'bulletin', @Title,
            @LoadedAt, @IsRevision, @LoadedAt, @ApprovedBy, @Note)
        """ + dialect.ReturningId("submission_id");

    /// <summary>Who approved bulletin figures: the province that published them.</summary>
    public const string ProvinceBulletin = "province bulletin";

    private static string Truncate(string text, int length) => text.Length > length ? text[..length] : text;

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
            var previous = await connection.ExecuteScalarAsync<long?>(SelectCurrentBulletin, new { RegionKey = regionKey, PeriodKey = table.Period.Key }, tx);
            if (previous is { } old)
            {
                await connection.ExecuteAsync(dialect.MarkSuperseded, new { SubmissionId = old, Now = now }, tx);
                superseded++;
            }

            var figures = table.Figures.Where(f => f.Region.Code == region.Code).DistinctBy(f => f.Indicator.Code).ToList();
            var growth = growthByRegion[region.Code].DistinctBy(g => g.Indicator.Code).ToList();
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
                Note = previous is { } was ? $"revises bulletin submission #{was}" : null,
            }, tx);
            if (previous is { } replaced)
            {
                await connection.ExecuteAsync(dialect.SetSupersededBy, new { NewId = id, OldId = replaced }, tx);
            }

            await connection.ExecuteAsync(dialect.InsertReviewAction, new
            {
                Action = previous is null ? "bulletin" : "bulletin_revision", Outcome = "done", SubmissionId = id, PeriodKey = table.Period.Key,
                ReleaseId = (long?)null, Actor = ProvinceBulletin, ActedAt = now,
                Note = Truncate($"{table.Title} ({file.FileName})" + (previous is { } p ? $"; supersedes #{p}" : string.Empty), 2000),
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
}
