using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>The outcome of reading a workbook as a bulletin table.</summary>
/// <param name="Table">The table, when the file is one and it could be read.</param>
/// <param name="Issues">What was wrong, each with its cell.</param>
public sealed record BulletinReadResult(BulletinTable? Table, IReadOnlyList<ValidationIssue> Issues);
