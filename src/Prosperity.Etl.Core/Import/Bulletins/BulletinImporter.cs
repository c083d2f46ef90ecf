using Microsoft.Extensions.Logging;
using Prosperity.Etl.Domain;
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

        // Preliminary figures (快报) never replace final ones (年报) already loaded: those regions' rows are not loaded, and said so.
        if (table.Stage == DataStage.Preliminary)
        {
            var finals = (await store.FinalRegionsAsync(table.Period, cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var kept = table.Figures.Concat(table.Growth).Where(f => finals.Contains(f.Region.Code)).ToList();
            if (kept.Count > 0)
            {
                var notLoaded = kept.GroupBy(f => f.Region.Code).Select(g => g.First()).Select(f => Rules.NotLoaded.At(path, f.Location,
                    f.Region.NameZh, DataStage.Final.LabelZh(),
                    $"{f.Region.NameZh}{table.Period.LabelZh}年报（最终数）已载入，本表快报数据未载入：快报不能替代年报。",
                    $"The final figures (年报) of {f.Region.NameEn} for {table.Period.LabelEn} are loaded, so this table's preliminary figures (快报) for it were not loaded."));
                issues = [.. issues, .. notLoaded];
                table = table with
                {
                    Figures = table.Figures.Where(f => !finals.Contains(f.Region.Code)).ToList(),
                    Growth = table.Growth.Where(f => !finals.Contains(f.Region.Code)).ToList(),
                };
                if (table.Figures.Count == 0 && table.Growth.Count == 0)
                {
                    issues = [.. issues, Rules.PreliminaryAfterFinal.At(path, new CellRef(table.Sheet, "A1"), table.Title, DataStage.Final.LabelZh(),
                        $"{table.Period.LabelZh}各地区的年报（最终数）均已载入，本快报表没有可载入的数据。",
                        $"The final figures (年报) of {table.Period.LabelEn} are loaded for every region of this preliminary table (快报); nothing was loaded.")];
                    var refused = await warehouse.RecordRejectedAsync(source, null, issues, cancellationToken);
                    logger.LogWarning("Rejected bulletin {File} as submission {SubmissionId}: preliminary figures after the final ones", source.FileName, refused);
                    return new ImportOutcome(path, ImportStatus.Rejected, refused, null, table.Period.Code, 0, null, issues);
                }
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
