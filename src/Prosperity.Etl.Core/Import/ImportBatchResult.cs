using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import;

/// <summary>What <see cref="ImportAndRefresh.ImportAsync"/> did.</summary>
/// <param name="Outcomes">One outcome per file, in order.</param>
/// <param name="RefreshedPeriods">The periods whose ranking facts were refreshed.</param>
/// <param name="RankingRows">Ranking facts written.</param>
public sealed record ImportBatchResult(IReadOnlyList<ImportOutcome> Outcomes, IReadOnlyList<Period> RefreshedPeriods, int RankingRows);
