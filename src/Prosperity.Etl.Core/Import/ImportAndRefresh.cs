using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Import;

/// <summary>
/// The import use case: import these files, one after another, then refresh the ranking facts of
/// the periods they touched (see <see cref="TouchedPeriods"/>). <c>prosperity import</c>, the
/// nightly run (whose files are imported by one job each, and refreshed by its last job through
/// <see cref="RefreshTouchedAsync"/>) and the re-import of a submission all go through it, so they
/// leave the warehouse in the same state.
/// </summary>
public sealed class ImportAndRefresh(Func<SubmissionImporter> importers, RankingMaterialiser rankings, TimeProvider clock)
{
    /// <summary>
    /// Imports <paramref name="files"/> in order (read ahead in parallel, loaded in order), then refreshes the rankings of the periods the
    /// files loaded now touched (a file loaded before changes nothing, so a re-run over the same
    /// folder refreshes nothing). <paramref name="imported"/> is told of each outcome as it comes.
    /// </summary>
    public async Task<ImportBatchResult> ImportAsync(IEnumerable<string> files, Func<string, ImportOutcome, Task>? imported = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var importer = importers();
        // Files are read and validated ahead on worker threads; what depends on the warehouse runs in file order.
        var outcomes = await importer.ImportAllAsync([.. files], outcome => imported is null ? Task.CompletedTask : imported(outcome.Path, outcome),
            cancellationToken: cancellationToken);

        var refreshed = await RefreshTouchedAsync(LoadedPeriods(outcomes), cancellationToken);
        return new ImportBatchResult(outcomes, refreshed.Periods, refreshed.Rows);
    }

    /// <summary>Refreshes the rankings of the periods touched by new data of <paramref name="periodCodes"/>; returns them and the rows written.</summary>
    public async Task<(IReadOnlyList<Period> Periods, int Rows)> RefreshTouchedAsync(IEnumerable<string?> periodCodes, CancellationToken cancellationToken = default)
    {
        var periods = TouchedPeriods(periodCodes, clock);
        var rows = 0;
        foreach (var period in periods)
        {
            rows += (await rankings.RefreshAsync(period, cancellationToken)).Rows;
        }

        return (periods, rows);
    }

    /// <summary>The periods of the outcomes that loaded data now (accepted, with or without warnings).</summary>
    public static IEnumerable<string?> LoadedPeriods(IEnumerable<ImportOutcome> outcomes) =>
        outcomes.Where(o => o.Status is ImportStatus.Accepted or ImportStatus.AcceptedWithWarnings).Select(o => o.PeriodCode);

    /// <summary>
    /// The periods whose rankings change when data of <paramref name="periodCodes"/> changes: the
    /// period itself, the next quarter (its rank change) and the same quarter a year later (its
    /// growth), leaving out quarters that have not ended.
    /// </summary>
    public static IReadOnlyList<Period> TouchedPeriods(IEnumerable<string?> periodCodes, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(periodCodes);
        ArgumentNullException.ThrowIfNull(clock);
        var latest = Period.LatestEnded(clock.GetUtcNow());
        return periodCodes
            .Where(c => Period.TryParse(c, out _))
            .Select(c => Period.Parse(c!))
            .SelectMany(p => new[] { p, p.Next, new Period(p.Year + 1, p.Quarter) })
            .Where(p => p <= latest)
            .Distinct()
            .Order()
            .ToList();
    }
}
