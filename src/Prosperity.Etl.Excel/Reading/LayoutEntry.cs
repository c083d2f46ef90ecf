namespace Prosperity.Etl.Excel.Reading;

/// <summary>One decision of the reader about a workbook's layout: which sheet, row, column or cell it took for what, and the label that decided it.</summary>
/// <param name="Role">What the place was taken for (cover sheet, value column, period, a bulletin column's indicator...).</param>
/// <param name="Sheet">The sheet.</param>
/// <param name="Cell">The cell (a column's header cell), or null for a whole sheet.</param>
/// <param name="Label">The label or text that decided it.</param>
public sealed record LayoutEntry(string Role, string Sheet, string? Cell, string Label);
