using Microsoft.Extensions.Logging;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>
/// Imports a province bulletin table found among the files given to <c>prosperity import</c> (the
/// submission importer has already skipped a file loaded before): a table with errors is recorded as a rejected attempt, and a
/// good one is loaded as one bulletin submission per region.
/// </summary>
public sealed class BulletinImporter(IBulletinReader reader, IBulletinStore store, IWarehouse warehouse, ILogger<BulletinImporter> logger)
{
    /// <summary>Reads the file as a bulletin; null when it is not one.</summary>
    public BulletinReadResult? TryRead(string path) => reader.TryRead(path);

    /// <summary>
    /// Imports a file <see cref="TryRead"/> recognised. <paramref name="source"/> is the file as the
    /// submission importer described it (hash computed, not yet loaded), so the file is not hashed twice.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(SourceFile source, BulletinReadResult read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(read);
        var path = source.Path;
        var table = read.Table;
        if (table is null || read.Issues.Any(i => i.Severity == Severity.Error))
        {
            var id = await warehouse.RecordRejectedAsync(source, null, read.Issues, cancellationToken);
            logger.LogWarning("Rejected bulletin {File} as submission {SubmissionId}", source.FileName, id);
            return new ImportOutcome(path, ImportStatus.Rejected, id, null, table?.Period.Code, 0, null, read.Issues);
        }

        // Published growth against the growth of the two levels, where last year's figures are loaded.
        IReadOnlyList<ValidationIssue> issues = read.Issues;
        if (table.Growth.Count > 0)
        {
            var lastYear = new Ranking.PeriodValues(await warehouse.GetCurrentValuesAsync(table.Period.SameQuarterLastYear, null, cancellationToken));
            var growthIssues = PublishedRankCheck.CheckGrowth(path, table, lastYear);
            if (growthIssues.Count > 0)
            {
                issues = [.. read.Issues, .. growthIssues];
            }
        }

        var result = await store.LoadAsync(source, table, cancellationToken);
        logger.LogInformation("Loaded bulletin {File} ({Title}): {Regions} regions, {FactCount} figures for {Period}",
            source.FileName, table.Title, result.Submissions, result.FactCount, table.Period.Code);
        // No region code: the table is loaded as one submission per region, and the inbox ledger
        // stores this field as a region code.
        return new ImportOutcome(path, issues.Count > 0 ? ImportStatus.AcceptedWithWarnings : ImportStatus.Accepted, result.FirstSubmissionId,
            null, table.Period.Code, result.FactCount, null, issues)
        {
            BulletinRegions = result.Submissions,
        };
    }
}
