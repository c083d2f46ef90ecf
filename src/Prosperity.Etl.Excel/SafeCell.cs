using ClosedXML.Excel;

namespace Prosperity.Etl.Excel;

/// <summary>
/// Writes text from data (region names, bulletin labels) so that a leading <c>=</c>, <c>+</c>,
/// <c>-</c> or <c>@</c> can never become a formula (CSV/formula injection): the cell is typed as
/// text and carries Excel's quote prefix, which also keeps it text when someone edits it.
/// </summary>
public static class SafeCell
{
    /// <summary>True when Excel would read <paramref name="text"/> as the start of a formula.</summary>
    public static bool LooksLikeFormula(string? text) => text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@';

    /// <summary>Puts <paramref name="text"/> into <paramref name="cell"/> as plain text.</summary>
    public static IXLCell SetText(this IXLCell cell, string? text)
    {
        ArgumentNullException.ThrowIfNull(cell);
        cell.SetValue(text ?? string.Empty);
        if (cell.HasFormula)
        {
            cell.FormulaA1 = string.Empty;
            cell.SetValue(text ?? string.Empty);
        }

        cell.DataType = XLDataType.Text;
        if (LooksLikeFormula(text))
        {
            cell.Style.IncludeQuotePrefix = true;
        }

        return cell;
    }
}
