namespace Prosperity.Etl.Excel.Cells;

/// <summary>A merged range: its first (top-left) cell holds the value shown over all of it.</summary>
public readonly record struct MergedRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn)
{
    /// <summary>True when the range covers the cell.</summary>
    public bool Contains(int row, int column) => row >= FirstRow && row <= LastRow && column >= FirstColumn && column <= LastColumn;

    /// <summary>The range as <c>A1:C2</c>.</summary>
    public override string ToString() => $"{CellAddress.Format(FirstRow, FirstColumn)}:{CellAddress.Format(LastRow, LastColumn)}";

    /// <summary>Parses <c>A1:C2</c> (a single cell is a one-cell range).</summary>
    public static MergedRange? Parse(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        var first = colon < 0 ? reference.AsSpan() : reference.AsSpan(0, colon);
        var last = colon < 0 ? reference.AsSpan() : reference.AsSpan(colon + 1);
        if (!CellAddress.TryParse(first, out var r1, out var c1) || !CellAddress.TryParse(last, out var r2, out var c2) || r1 == 0 || c1 == 0)
        {
            return null;
        }

        return new MergedRange(Math.Min(r1, r2), Math.Min(c1, c2), Math.Max(r1, r2), Math.Max(c1, c2));
    }
}
