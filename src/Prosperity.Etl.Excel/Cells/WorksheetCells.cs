namespace Prosperity.Etl.Excel.Cells;

/// <summary>
/// The non-empty cells of one sheet in row-then-column order, with its merged ranges and column
/// widths. Lookups by address are constant time; an address with no stored cell is empty.
/// </summary>
public sealed class WorksheetCells
{
    private readonly List<WorkbookCell> _cells;
    private readonly int[] _rowStarts;
    private readonly MergedRange[] _merged;

    /// <summary>Builds a sheet from cells in any order; a later cell at the same address wins.</summary>
    public WorksheetCells(string name, SheetVisibility visibility, IEnumerable<WorkbookCell> cells, IEnumerable<MergedRange>? merged = null,
        IReadOnlyDictionary<int, double>? columnWidths = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        Name = name;
        Visibility = visibility;
        _cells = Ordered(cells);

        // Cells are in row order: the first index of each row makes a lookup a search within one row.
        LastRow = _cells.Count == 0 ? 0 : _cells[^1].Row;
        _rowStarts = new int[LastRow + 2];
        var next = 0;
        for (var row = 0; row <= LastRow + 1; row++)
        {
            while (next < _cells.Count && _cells[next].Row < row)
            {
                next++;
            }

            _rowStarts[row] = next;
        }

        _merged = merged?.ToArray() ?? [];
        ColumnWidths = columnWidths ?? new Dictionary<int, double>();
        if (_cells.Count > 0)
        {
            FirstRow = _cells[0].Row;
            FirstColumn = int.MaxValue;
            foreach (var cell in _cells)
            {
                FirstColumn = Math.Min(FirstColumn, cell.Column);
                LastColumn = Math.Max(LastColumn, cell.Column);
            }
        }
    }

    /// <summary>The cells in row then column order, without two at one address (the later one read wins); a list already in order is kept as it is.</summary>
    private static List<WorkbookCell> Ordered(IEnumerable<WorkbookCell> cells)
    {
        var array = cells as List<WorkbookCell> ?? [.. cells];
        var sorted = true;
        for (var i = 1; i < array.Count && sorted; i++)
        {
            sorted = Compare(array[i - 1], array[i]) < 0;
        }

        if (sorted)
        {
            return array;
        }

        var order = new int[array.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Stable by reading order, so that of two cells at one address the later one read is kept.
        Array.Sort(order, (a, b) => Compare(array[a], array[b]) is var c and not 0 ? c : a.CompareTo(b));
        var result = new List<WorkbookCell>(array.Count);
        for (var i = 0; i < order.Length; i++)
        {
            if (i + 1 < order.Length && Compare(array[order[i]], array[order[i + 1]]) == 0)
            {
                continue;
            }

            result.Add(array[order[i]]);
        }

        return result;
    }

    private static int Compare(WorkbookCell a, WorkbookCell b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column);

    /// <summary>The sheet's name as shown on its tab.</summary>
    public string Name { get; }

    /// <summary>Whether the sheet is shown.</summary>
    public SheetVisibility Visibility { get; }

    /// <summary>True for a sheet shown as a tab.</summary>
    public bool IsVisible => Visibility == SheetVisibility.Visible;

    /// <summary>Every stored cell, in row then column order.</summary>
    public IReadOnlyList<WorkbookCell> Cells => _cells;

    /// <summary>The merged ranges.</summary>
    public IReadOnlyList<MergedRange> MergedRanges => _merged;

    /// <summary>Column widths in characters, by 1-based column, where the file sets them.</summary>
    public IReadOnlyDictionary<int, double> ColumnWidths { get; }

    /// <summary>The first row holding a cell (0 for an empty sheet).</summary>
    public int FirstRow { get; }

    /// <summary>The first column holding a cell (0 for an empty sheet).</summary>
    public int FirstColumn { get; }

    /// <summary>The last row holding a cell (0 for an empty sheet).</summary>
    public int LastRow { get; }

    /// <summary>The last column holding a cell (0 for an empty sheet).</summary>
    public int LastColumn { get; }

    /// <summary>The used range as <c>A1:F30</c>, or null for an empty sheet.</summary>
    public string? UsedRange => _cells.Count == 0 ? null : $"{CellAddress.Format(FirstRow, FirstColumn)}:{CellAddress.Format(LastRow, LastColumn)}";

    /// <summary>The cell at a 1-based row and column; an empty cell where nothing is stored.</summary>
    public WorkbookCell Cell(int row, int column)
    {
        if (row >= 1 && row <= LastRow)
        {
            int lo = _rowStarts[row], hi = _rowStarts[row + 1] - 1;
            while (lo <= hi)
            {
                var mid = (lo + hi) >>> 1;
                var c = _cells[mid].Column;
                if (c == column)
                {
                    return _cells[mid];
                }

                if (c < column)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid - 1;
                }
            }
        }

        return new WorkbookCell(row, column, CellKind.Empty, 0, null, false, false);
    }

    /// <summary>The cell whose value is shown at the address: the first cell of a merged range covering it, else the cell itself.</summary>
    public WorkbookCell Shown(int row, int column)
    {
        foreach (var range in _merged)
        {
            if (range.Contains(row, column))
            {
                return Cell(range.FirstRow, range.FirstColumn);
            }
        }

        return Cell(row, column);
    }

    /// <summary>The stored cells inside a window, in row then column order.</summary>
    public IEnumerable<WorkbookCell> CellsIn(int firstRow, int firstColumn, int lastRow, int lastColumn)
    {
        var start = firstRow <= 1 ? 0 : firstRow > LastRow ? _cells.Count : _rowStarts[firstRow];
        for (var i = start; i < _cells.Count; i++)
        {
            var cell = _cells[i];
            if (cell.Row > lastRow)
            {
                yield break;
            }

            if (cell.Column >= firstColumn && cell.Column <= lastColumn)
            {
                yield return cell;
            }
        }
    }

}
