using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>Ranks a period at every peer level (with the composite index) and stores the result, replacing what was there.</summary>
public sealed class RankingMaterialiser(RankingService ranking, IRankingStore store)
{
    /// <summary>Refreshes the ranking facts of <paramref name="period"/>; returns the tables and rows written.</summary>
    public async Task<(int Tables, int Rows)> RefreshAsync(Period period, CancellationToken cancellationToken = default)
    {
        var (tables, rows) = await RefreshTablesAsync(period, cancellationToken);
        return (tables.Count, rows);
    }

    /// <summary>Refreshes the ranking facts of <paramref name="period"/>; returns the tables of every level and the rows written.</summary>
    public async Task<(IReadOnlyList<RankingTable> Tables, int Rows)> RefreshTablesAsync(Period period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var tables = await ranking.RankAllLevelsAsync(period, cancellationToken);
        var rows = await store.ReplaceAsync(period, tables, cancellationToken);
        return (tables, rows);
    }
}
