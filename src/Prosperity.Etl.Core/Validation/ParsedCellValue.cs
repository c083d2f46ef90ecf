using System.Globalization;
using System.Text;

namespace Prosperity.Etl.Validation;

/// <summary>A parsed value cell.</summary>
/// <param name="Kind">What was found.</param>
/// <param name="Value">The number in the catalogue unit, when <see cref="Kind"/> is Number.</param>
/// <param name="TypedUnit">The unit typed after the number, if any.</param>
/// <param name="Factor">The factor applied to convert the typed unit to the catalogue unit.</param>
public readonly record struct ParsedCellValue(CellValueKind Kind, decimal? Value, string? TypedUnit = null, decimal Factor = 1m);
