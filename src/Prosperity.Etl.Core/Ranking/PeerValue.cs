using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>A region's value for one indicator in one period, as input to ranking.</summary>
public sealed record PeerValue(Region Region, decimal? Value);
