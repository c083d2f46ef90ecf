using System.Globalization;
using ClosedXML.Excel;

namespace Prosperity.Etl.Excel;

/// <summary>
/// The cells of a bulletin sheet as text and numbers, with a merged range's value seen in every cell
/// it covers (so a header merged over three columns labels all three).
/// </summary>
internal sealed class Grid
{
    private readonly string[,] _text;
    private readonly decimal?[,] _number;

    public Grid(IXLWorksheet sheet, int rows, int columns)
    {
        _text = new string[rows + 1, columns + 1];
        _number = new decimal?[rows + 1, columns + 1];
        for (var r = 1; r <= rows; r++)
        {
            for (var c = 1; c <= columns; c++)
            {
                var cell = sheet.Cell(r, c);
                var source = cell.IsMerged() ? cell.MergedRange().FirstCell() : cell;
                var raw = source.HasFormula ? source.CachedValue : source.IsEmpty() ? null : source.Value;
                _number[r, c] = raw is double d && double.IsFinite(d) ? (decimal)d
                    : raw is string s && source.DataType == XLDataType.Number && decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) ? p
                    : null;
                _text[r, c] = (raw switch
                {
                    null => string.Empty,
                    double dd => dd.ToString("G15", CultureInfo.InvariantCulture),
                    DateTime dt => dt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    var v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? string.Empty,
                }).Trim();
            }
        }
    }

    public string Text(int row, int column) => _text[row, column] ?? string.Empty;

    public decimal? Number(int row, int column) => _number[row, column];

    /// <summary>How many different texts a row holds (1 for a title or unit row, 2 or more for a header row).</summary>
    public int DistinctTexts(int row) =>
        Enumerable.Range(1, _text.GetLength(1) - 1).Select(c => Text(row, c)).Where(t => t.Length > 0).Distinct().Count();
}
