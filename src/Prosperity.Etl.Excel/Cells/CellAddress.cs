using System.Globalization;

namespace Prosperity.Etl.Excel.Cells;

/// <summary>A1 addresses: formatting and parsing, without a workbook library.</summary>
public static class CellAddress
{
    /// <summary>Excel's last column (XFD).</summary>
    public const int MaxColumn = 16_384;

    /// <summary>Excel's last row.</summary>
    public const int MaxRow = 1_048_576;

    /// <summary>The column letters of a 1-based column number (1 gives A, 28 gives AB).</summary>
    public static string ColumnLetters(int column)
    {
        Span<char> buffer = stackalloc char[8];
        var i = buffer.Length;
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            buffer[--i] = (char)('A' + ((n - 1) % 26));
        }

        return new string(buffer[i..]);
    }

    /// <summary>The A1 address of a 1-based row and column.</summary>
    public static string Format(int row, int column) => ColumnLetters(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses <c>B7</c> or <c>$B$7</c>; a reference without a row (a whole column) gives row 0.</summary>
    public static bool TryParse(ReadOnlySpan<char> reference, out int row, out int column)
    {
        row = 0;
        column = 0;
        var i = 0;
        if (i < reference.Length && reference[i] == '$')
        {
            i++;
        }

        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = (column * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (column > MaxColumn * 64)
            {
                return false;
            }

            i++;
        }

        if (i < reference.Length && reference[i] == '$')
        {
            i++;
        }

        while (i < reference.Length && char.IsAsciiDigit(reference[i]))
        {
            row = (row * 10) + (reference[i] - '0');
            if (row > MaxRow * 64)
            {
                return false;
            }

            i++;
        }

        return i == reference.Length && (column > 0 || row > 0);
    }
}
