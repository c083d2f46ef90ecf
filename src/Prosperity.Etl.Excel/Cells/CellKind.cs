namespace Prosperity.Etl.Excel.Cells;

/// <summary>What a cell holds, as the file stored it (a formula cell: the kind of its cached value).</summary>
public enum CellKind : byte
{
    /// <summary>No value (a formula without a cached value is empty with <see cref="WorkbookCell.HasFormula"/> set).</summary>
    Empty,

    /// <summary>A number without a date format.</summary>
    Number,

    /// <summary>A string from the shared-string table.</summary>
    SharedString,

    /// <summary>A string stored in the cell itself (<c>t="inlineStr"</c>).</summary>
    InlineString,

    /// <summary>A string made of formatted runs (shared or inline).</summary>
    RichString,

    /// <summary>The string result of a formula (<c>t="str"</c>).</summary>
    FormulaString,

    /// <summary>TRUE or FALSE.</summary>
    Boolean,

    /// <summary>An Excel error value such as <c>#DIV/0!</c>.</summary>
    Error,

    /// <summary>A number shown with a date or time format, or an ISO date cell (<c>t="d"</c>).</summary>
    Date,
}
