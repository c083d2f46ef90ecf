using System.Globalization;

namespace Prosperity.Etl.Excel.Cells;

/// <summary>
/// One cell exactly as the workbook stored it: its address, the kind of value, the number (numbers,
/// dates as their serial, booleans as 1/0), the text (strings, error text such as <c>#DIV/0!</c>,
/// dates in ISO 8601), and whether it holds a formula and a cached result of it.
/// </summary>
public readonly record struct WorkbookCell(int Row, int Column, CellKind Kind, double Number, string? Text, bool HasFormula, bool HasCachedValue)
{
    /// <summary>The formula's text as stored (without the leading <c>=</c>), where the cell has one of its own; null otherwise (a shared formula's other cells).</summary>
    public string? Formula { get; init; }

    /// <summary>The A1 address.</summary>
    public string Address => CellAddress.Format(Row, Column);

    /// <summary>True for a string of any storage.</summary>
    public bool IsString => Kind is CellKind.SharedString or CellKind.InlineString or CellKind.RichString or CellKind.FormulaString;

    /// <summary>True when the cell holds nothing a reader could take: no value and no formula.</summary>
    public bool IsBlank => Kind == CellKind.Empty && !HasFormula || (IsString && string.IsNullOrWhiteSpace(Text));

    /// <summary>A formula whose result was never saved (written by a script or an add-in, not by Excel or WPS).</summary>
    public bool IsUncachedFormula => HasFormula && !HasCachedValue;

    /// <summary>The value as text: a number in invariant form (15 significant digits), a string, TRUE/FALSE, the error text, an ISO date.</summary>
    public string DisplayText => Kind switch
    {
        CellKind.Empty => string.Empty,
        CellKind.Number => Number.ToString("G15", CultureInfo.InvariantCulture),
        CellKind.Boolean => Number != 0 ? "TRUE" : "FALSE",
        _ => Text ?? string.Empty,
    };

    /// <summary>The type name used by <c>prosperity inspect</c>: number, string, boolean, error, date or empty.</summary>
    public string TypeName => Kind switch
    {
        CellKind.Number => "number",
        CellKind.Boolean => "boolean",
        CellKind.Error => "error",
        CellKind.Date => "date",
        CellKind.Empty => "empty",
        _ => "string",
    };
}
