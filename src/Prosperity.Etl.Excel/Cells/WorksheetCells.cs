namespace Prosperity.Etl.Excel.Cells;

/// <summary>
/// The non-empty cells of one sheet in row-then-column order, with its merged ranges and column
/// widths. Lookups by address are constant time; an address with no stored cell is empty.
/// </summary>
public sealed class WorksheetCells
{
    private readonly WorkbookCell[] _cells;
    private readonly Dictionary<long, int> _index;
    private readonly MergedRange[] _merged;

    /// <summary>Builds a sheet from cells in any order; a later cell at the same address wins.</summary>
    public WorksheetCells(string name, SheetVisibility visibility, IEnumerable<WorkbookCell> cells, IEnumerable<MergedRange>? merged = null,
        IReadOnlyDictionary<int, double>? columnWidths = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        Name = name;
        Visibility = visibility;
        var byAddress = new Dictionary<long, WorkbookCell>();
        foreach (var cell in cells)
        {
            byAddress[Key(cell.Row, cell.Column)] = cell;
        }

        _cells = [.. byAddress.Values.OrderBy(c => c.Row).ThenBy(c => c.Column)];
        _index = new Dictionary<long, int>(_cells.Length);
        for (var i = 0; i < _cells.Length; i++)
        {
            _index[Key(_cells[i].Row, _cells[i].Column)] = i;
        }

        _merged = merged?.ToArray() ?? [];
        ColumnWidths = columnWidths ?? new Dictionary<int, double>();
        if (_cells.Length > 0)
        {
            LastRow = _cells[^1].Row;
            LastColumn = _cells.Max(c => c.Column);
            FirstRow = _cells[0].Row;
            FirstColumn = _cells.Min(c => c.Column);
        }
    }

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
    public string? UsedRange => _cells.Length == 0 ? null : $"{CellAddress.Format(FirstRow, FirstColumn)}:{CellAddress.Format(LastRow, LastColumn)}";

    /// <summary>The cell at a 1-based row and column; an empty cell where nothing is stored.</summary>
    public WorkbookCell Cell(int row, int column) =>
        _index.TryGetValue(Key(row, column), out var i) ? _cells[i] : new WorkbookCell(row, column, CellKind.Empty, 0, null, false, false);

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
        foreach (var cell in _cells)
        {
            if (cell.Row > lastRow)
            {
                yield break;
            }

            if (cell.Row >= firstRow && cell.Column >= firstColumn && cell.Column <= lastColumn)
            {
                yield return cell;
            }
        }
    }

    private static long Key(int row, int column) => ((long)row << 20) | (uint)column;
}
