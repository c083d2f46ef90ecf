using System.Globalization;
using Prosperity.Etl.Excel.Cells;

namespace Prosperity.Etl.Excel.Reading;

/// <summary>
/// Recomputes the simplest formulas districts type into value cells (numbers, + - * /, brackets,
/// references to number cells of the same sheet, SUM over them) from the cached values of their
/// inputs, to catch a saved result that the formula does not give (a file edited by a script, a
/// workbook saved with calculation set to manual). Anything else is not judged.
/// </summary>
internal sealed class SimpleFormula
{
    private const int MaxLength = 256;
    private const int MaxRangeCells = 1_000;
    private readonly string _text;
    private readonly WorksheetCells _sheet;
    private int _pos;
    private int _depth;

    private SimpleFormula(string text, WorksheetCells sheet)
    {
        _text = text;
        _sheet = sheet;
    }

    /// <summary>The formula's value from its inputs' cached values, or null when it is not a simple formula.</summary>
    public static double? TryEvaluate(string? formula, WorksheetCells sheet)
    {
        if (string.IsNullOrWhiteSpace(formula) || formula.Length > MaxLength)
        {
            return null;
        }

        var parser = new SimpleFormula(formula.TrimStart('='), sheet);
        try
        {
            var value = parser.Sum();
            parser.SkipSpaces();
            return parser._pos == parser._text.Length && double.IsFinite(value) ? value : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private double Sum()
    {
        var value = Product();
        while (true)
        {
            if (Accept('+'))
            {
                value += Product();
            }
            else if (Accept('-'))
            {
                value -= Product();
            }
            else
            {
                return value;
            }
        }
    }

    private double Product()
    {
        var value = Unary();
        while (true)
        {
            if (Accept('*'))
            {
                value *= Unary();
            }
            else if (Accept('/'))
            {
                var divisor = Unary();
                value = divisor == 0 ? throw new FormatException("#DIV/0!") : value / divisor;
            }
            else
            {
                return value;
            }
        }
    }

    private double Unary()
    {
        if (Accept('-'))
        {
            return -Unary();
        }

        if (Accept('+'))
        {
            return Unary();
        }

        return Primary();
    }

    private double Primary()
    {
        SkipSpaces();
        if (Accept('('))
        {
            if (++_depth > 32)
            {
                throw new FormatException("nested too deeply");
            }

            var inner = Sum();
            _depth--;
            return Accept(')') ? inner : throw new FormatException(")");
        }

        if (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] is '.' or 'E' or 'e'
                                           || (_text[_pos] is '+' or '-' && _text[_pos - 1] is 'E' or 'e')))
            {
                _pos++;
            }

            return double.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : throw new FormatException("number");
        }

        if (_text.AsSpan(_pos).StartsWith("SUM(", StringComparison.OrdinalIgnoreCase))
        {
            _pos += 4;
            var total = 0d;
            do
            {
                total += Reference(allowRange: true);
            }
            while (Accept(','));
            return Accept(')') ? total : throw new FormatException(")");
        }

        return Reference(allowRange: false);
    }

    /// <summary>A cell (or, inside SUM, a range) of the same sheet: the sum of its number cells; any other content is not judged.</summary>
    private double Reference(bool allowRange)
    {
        SkipSpaces();
        var first = Address();
        var last = first;
        if (allowRange && Accept(':'))
        {
            last = Address();
        }

        var total = 0d;
        var count = 0;
        for (var r = Math.Min(first.Row, last.Row); r <= Math.Max(first.Row, last.Row); r++)
        {
            for (var c = Math.Min(first.Column, last.Column); c <= Math.Max(first.Column, last.Column); c++)
            {
                if (++count > MaxRangeCells)
                {
                    throw new FormatException("range too large");
                }

                var cell = _sheet.Cell(r, c);
                total += cell.Kind switch
                {
                    CellKind.Number => cell.Number,
                    CellKind.Empty when !cell.HasFormula => 0,
                    _ => throw new FormatException("not a number cell"),
                };
            }
        }

        return total;
    }

    private (int Row, int Column) Address()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '$'))
        {
            _pos++;
        }

        return CellAddress.TryParse(_text.AsSpan(start, _pos - start), out var row, out var column) && row > 0 && column > 0
            ? (row, column)
            : throw new FormatException("reference");
    }

    private bool Accept(char c)
    {
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
            return true;
        }

        return false;
    }

    private void SkipSpaces()
    {
        while (_pos < _text.Length && _text[_pos] == ' ')
        {
            _pos++;
        }
    }
}
