using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>One figure of a bulletin table: a region's value of an indicator, with the cell it came from.</summary>
public sealed record BulletinFigure(Region Region, Indicator Indicator, decimal Value, CellRef Location);

/// <summary>A rank the bulletin itself publishes (a 位次 column or a rank row), kept to check ours against.</summary>
public sealed record PublishedRank(Region Region, string IndicatorCode, int Rank, CellRef Location);

/// <summary>
/// A province comparison table from a statistical bulletin (e.g. 全省各市城乡居民人均可支配收入):
/// the cities' figures (and the province total) for one period.
/// </summary>
/// <param name="Title">The table's title as printed.</param>
/// <param name="Period">The period named in the title.</param>
/// <param name="Sheet">The sheet it was read from.</param>
/// <param name="Figures">The figures, in table order.</param>
/// <param name="Ranks">The ranks the table publishes, if any.</param>
public sealed record BulletinTable(string Title, Period Period, string Sheet, IReadOnlyList<BulletinFigure> Figures, IReadOnlyList<PublishedRank> Ranks)
{
    /// <summary>The regions with figures, in table order.</summary>
    public IReadOnlyList<Region> Regions => Figures.Select(f => f.Region).DistinctBy(r => r.Code).ToList();
}

/// <summary>The outcome of reading a workbook as a bulletin table.</summary>
/// <param name="Table">The table, when the file is one and it could be read.</param>
/// <param name="Issues">What was wrong, each with its cell.</param>
public sealed record BulletinReadResult(BulletinTable? Table, IReadOnlyList<ValidationIssue> Issues);

/// <summary>Recognises and reads province bulletin tables.</summary>
public interface IBulletinReader
{
    /// <summary>Reads <paramref name="path"/> as a bulletin table; null when the file is not one (then it is read as a district return).</summary>
    BulletinReadResult? TryRead(string path);
}

/// <summary>What loading a bulletin did.</summary>
/// <param name="FirstSubmissionId">The submission recorded for the first region.</param>
/// <param name="Submissions">One submission per region of the table.</param>
/// <param name="FactCount">Figures stored.</param>
/// <param name="Superseded">Earlier bulletin submissions for the same regions and period now superseded.</param>
public sealed record BulletinLoadResult(long FirstSubmissionId, int Submissions, int FactCount, int Superseded);

/// <summary>Stores bulletin figures as submissions of source kind <c>bulletin</c>, one per region, in one transaction.</summary>
public interface IBulletinStore
{
    /// <summary>Loads the table; an earlier bulletin submission for the same region and period is superseded, a district's own return is not touched.</summary>
    Task<BulletinLoadResult> LoadAsync(SourceFile file, BulletinTable table, CancellationToken cancellationToken = default);
}
