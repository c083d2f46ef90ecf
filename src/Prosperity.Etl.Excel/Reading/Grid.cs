using Prosperity.Etl.Excel.Cells;

namespace Prosperity.Etl.Excel.Reading;

/// <summary>
/// The cells of a bulletin sheet as text and numbers, with a merged range's value seen in every cell
/// it covers (so a header merged over three columns labels all three).
/// </summary>
internal sealed class Grid
{
    private readonly string[,] _text;
    private readonly decimal?[,] _number;
    private readonly bool[,] _uncached;

    public Grid(WorksheetCells sheet, int rows, int columns)
    {
        Rows = rows;
        _text = new string[rows + 1, columns + 1];
        _number = new decimal?[rows + 1, columns + 1];
        _uncached = new bool[rows + 1, columns + 1];
        foreach (var cell in sheet.Cells)
        {
            if (cell.Row <= rows && cell.Column <= columns)
            {
                Set(cell.Row, cell.Column, cell);
            }
        }

        foreach (var range in sheet.MergedRanges)
        {
            var first = sheet.Cell(range.FirstRow, range.FirstColumn);
            for (var r = range.FirstRow; r <= Math.Min(range.LastRow, rows); r++)
            {
                for (var c = range.FirstColumn; c <= Math.Min(range.LastColumn, columns); c++)
                {
                    Set(r, c, first);
                }
            }
        }
    }

    /// <summary>The last row held.</summary>
    public int Rows { get; }

    public string Text(int row, int column) => _text[row, column] ?? string.Empty;

    public decimal? Number(int row, int column) => _number[row, column];

    /// <summary>True when the cell holds a formula whose result was never saved.</summary>
    public bool Uncached(int row, int column) => _uncached[row, column];

    /// <summary>How many different texts a row holds (1 for a title or unit row, 2 or more for a header row).</summary>
    public int DistinctTexts(int row) =>
        Enumerable.Range(1, _text.GetLength(1) - 1).Select(c => Text(row, c)).Where(t => t.Length > 0).Distinct().Count();

    private void Set(int row, int column, WorkbookCell cell)
    {
        _number[row, column] = cell.Kind == CellKind.Number && Math.Abs(cell.Number) < 7.9e27 ? (decimal)cell.Number : null;
        _text[row, column] = cell.DisplayText.Trim();
        _uncached[row, column] = cell.IsUncachedFormula;
    }
}
