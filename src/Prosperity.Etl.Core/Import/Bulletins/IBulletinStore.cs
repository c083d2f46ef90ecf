using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>Stores bulletin figures as submissions of source kind <c>bulletin</c>, one per region, in one transaction.</summary>
public interface IBulletinStore
{
    /// <summary>The regions with final full-year bulletin figures (年报) loaded for the period; preliminary ones (快报) may not replace them.</summary>
    Task<IReadOnlyList<string>> FinalRegionsAsync(Period period, CancellationToken cancellationToken = default);

    /// <summary>Loads the table; an earlier bulletin table of the same region and period that it prints a figure of again is superseded, a district's own return is not touched.</summary>
    Task<BulletinLoadResult> LoadAsync(SourceFile file, BulletinTable table, CancellationToken cancellationToken = default);

    /// <summary>Loads several tables of one file (e.g. the periods of a history file) in one transaction: all of them, or nothing.</summary>
    Task<BulletinLoadResult> LoadAllAsync(SourceFile file, IReadOnlyList<BulletinTable> tables, CancellationToken cancellationToken = default);
}
