using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>The warehouse's ranking facts: what <c>prosperity rank --refresh</c> materialises for BI tools.</summary>
public interface IRankingStore
{
    /// <summary>Replaces every ranking fact of <paramref name="period"/> with the rows of <paramref name="tables"/>, in one transaction; returns the rows written.</summary>
    Task<int> ReplaceAsync(Period period, IReadOnlyList<RankingTable> tables, CancellationToken cancellationToken = default);
}
