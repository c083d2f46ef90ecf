using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import.Completeness;

/// <summary>A city and the county-level units under it; the city's own row comes first.</summary>
public sealed record CompletenessGroup(Region City, IReadOnlyList<CompletenessRow> Rows);
