using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>A rank the bulletin itself publishes (a 位次 column or a rank row), kept to check ours against.</summary>
public sealed record PublishedRank(Region Region, string IndicatorCode, int Rank, CellRef Location);
