using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

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
    /// <summary>
    /// The growth the table prints beside its levels (比上年增长%, 同比±%, 增长%), in percent on the
    /// bureau's comparable basis: stored as published growth, never as a level.
    /// </summary>
    public IReadOnlyList<BulletinFigure> Growth { get; init; } = [];

    /// <summary>The status of full-year figures the title gives (…（快报）, …年报); null for other quarters or where it says none.</summary>
    public DataStage? Stage { get; init; }

    /// <summary>The regions with figures or published growth, in table order.</summary>
    public IReadOnlyList<Region> Regions => Figures.Concat(Growth).Select(f => f.Region).DistinctBy(r => r.Code).ToList();
}
