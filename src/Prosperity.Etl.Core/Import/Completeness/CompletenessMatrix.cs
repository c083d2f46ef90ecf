using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Import.Completeness;

/// <summary>
/// Who has reported: the regions expected to report (each city and the county-level units and
/// functional areas under it, in catalogue order; the province does not report) by quarter, each
/// cell accepted, accepted with warnings, rejected, missing or not applicable. Built from the
/// warehouse's <see cref="SubmissionSummary"/> rows and the reference catalogue; no I/O.
/// </summary>
public sealed class CompletenessMatrix
{
    /// <summary>China has kept one offset, without summer time, since 1991.</summary>

    private CompletenessMatrix(IReadOnlyList<Period> periods, IReadOnlyList<CompletenessGroup> groups, IReadOnlyList<CompletenessTotals> totals)
    {
        Periods = periods;
        Groups = groups;
        Totals = totals;
    }

    /// <summary>The quarters, oldest first: the columns.</summary>
    public IReadOnlyList<Period> Periods { get; }

    /// <summary>The rows grouped by city, cities in catalogue order.</summary>
    public IReadOnlyList<CompletenessGroup> Groups { get; }

    /// <summary>Every row, group after group.</summary>
    public IEnumerable<CompletenessRow> Rows => Groups.SelectMany(g => g.Rows);

    /// <summary>One total per quarter, in the order of <see cref="Periods"/>.</summary>
    public IReadOnlyList<CompletenessTotals> Totals { get; }

    /// <summary>The <paramref name="count"/> quarters ending with <paramref name="last"/>, oldest first.</summary>
    public static IReadOnlyList<Period> Quarters(Period last, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var periods = new Period[count];
        var p = last;
        for (var i = count - 1; i >= 0; i--)
        {
            periods[i] = p;
            p = p.Previous;
        }

        return periods;
    }


    /// <summary>Reads the summaries of the <paramref name="quarters"/> quarters ending with <paramref name="last"/> and builds the matrix.</summary>
    public static async Task<CompletenessMatrix> LoadAsync(IWarehouse warehouse, ReferenceCatalog catalog, Period last, int quarters,
        Review.Jurisdiction? jurisdiction = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warehouse);
        var periods = Quarters(last, quarters);
        var summaries = await warehouse.GetSubmissionSummaryAsync(periods[0], periods[^1], cancellationToken);
        return Build(catalog, periods, summaries, jurisdiction);
    }

    /// <summary>Builds the matrix of <paramref name="periods"/> from the summaries the warehouse gave for them.</summary>
    public static CompletenessMatrix Build(ReferenceCatalog catalog, IReadOnlyList<Period> periods, IEnumerable<SubmissionSummary> summaries,
        Review.Jurisdiction? jurisdiction = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(summaries);
        var ordered = periods.Distinct().Order().ToList();
        var byCell = summaries
            .Where(s => ordered.Contains(s.Period))
            .GroupBy(s => (Code: s.RegionCode.Trim().ToUpperInvariant(), s.Period))
            .ToDictionary(g => g.Key, g => g.First());

        var groups = new List<CompletenessGroup>();
        var scope = jurisdiction ?? Review.Jurisdiction.Everything(catalog);
        foreach (var city in Reporting(catalog, ordered, r => r.Level == RegionLevel.City))
        {
            var rows = new List<CompletenessRow>();
            if (scope.Includes(city.Code))
            {
                rows.Add(Row(catalog, city, ordered, byCell));
            }

            rows.AddRange(Reporting(catalog, ordered, r => r.IsCountyLevel && string.Equals(r.ParentCode, city.Code, StringComparison.OrdinalIgnoreCase) && scope.Includes(r.Code))
                .Select(r => Row(catalog, r, ordered, byCell)));
            if (rows.Count > 0)
            {
                groups.Add(new CompletenessGroup(city, rows));
            }
        }

        var totals = ordered.Select((p, i) => Total(p, groups.SelectMany(g => g.Rows).Select(r => r.Cells[i]).Where(c => c.Expected).ToList())).ToList();
        return new CompletenessMatrix(ordered, groups, totals);
    }

    // One region per code (a code may have several effective-dated rows), shown as its latest row
    // that existed during the quarters; codes that existed in none of them are left out.
    private static IEnumerable<Region> Reporting(ReferenceCatalog catalog, IReadOnlyList<Period> periods, Func<Region, bool> filter) =>
        catalog.Regions
            .Where(filter)
            .Where(r => periods.Any(r.IsValidDuring))
            .GroupBy(r => r.Code, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.OrderByDescending(r => r.ValidFrom).First());

    private static CompletenessRow Row(ReferenceCatalog catalog, Region region, IReadOnlyList<Period> periods,
        Dictionary<(string Code, Period Period), SubmissionSummary> byCell)
    {
        var cells = periods.Select(p =>
        {
            var expected = catalog.FindRegion(region.Code, p) is { } r && r.Level == region.Level;
            return Cell(p, expected, byCell.GetValueOrDefault((region.Code.ToUpperInvariant(), p)));
        }).ToList();
        return new CompletenessRow(region, cells);
    }

    /// <summary>The cell of one region and quarter from its summary (null when nothing was sent).</summary>
    public static CompletenessCell Cell(Period period, bool expected, SubmissionSummary? summary)
    {
        if (summary is null)
        {
            return new CompletenessCell(period, expected ? CompletenessState.Missing : CompletenessState.NotApplicable) { Expected = expected };
        }

        // Attempts under a code in a quarter it did not exist in are shown as they are (they were
        // rejected for that), but do not count as expected.
        var accepted = summary.AcceptedSubmissionId is not null;
        var state = accepted ? (summary.AcceptedWarningCount > 0 ? CompletenessState.AcceptedWithWarnings : CompletenessState.Accepted)
            : summary.PendingSubmissionId is not null ? CompletenessState.Pending
            : summary.ReturnedSubmissionId is not null ? CompletenessState.Returned
            : CompletenessState.Rejected;
        return new CompletenessCell(period, state)
        {
            Expected = expected,
            SubmissionId = summary.AcceptedSubmissionId,
            ReceivedAt = accepted ? summary.AcceptedReceivedAt : summary.LatestReceivedAt,
            WarningCount = accepted ? summary.AcceptedWarningCount : summary.LatestRejectedWarningCount,
            ErrorCount = summary.LatestRejectedErrorCount,
            SupersededCount = summary.SupersededCount,
            RejectedCount = summary.RejectedCount,
            LatestRejectedSubmissionId = summary.LatestRejectedSubmissionId,
            LatestAttemptAt = summary.LatestReceivedAt,
            LatestAttemptStatus = summary.LatestStatus,
            PendingSubmissionId = summary.PendingSubmissionId,
            DaysLate = summary.FirstValidDaysLate,
        };
    }

    private static CompletenessTotals Total(Period period, List<CompletenessCell> expected) => new(
        period,
        expected.Count,
        expected.Count(c => c.State is CompletenessState.Accepted or CompletenessState.AcceptedWithWarnings),
        expected.Count(c => c.State == CompletenessState.AcceptedWithWarnings),
        expected.Count(c => c.State == CompletenessState.Rejected),
        expected.Count(c => c.State == CompletenessState.Missing))
    {
        Resubmitted = expected.Count(c => c.SupersededCount > 0),
        Pending = expected.Count(c => c.State == CompletenessState.Pending),
        Returned = expected.Count(c => c.State == CompletenessState.Returned),
        OnTime = expected.Count(c => c.OnTime),
        Late = expected.Count(c => c.DaysLate > 0),
    };
}
