namespace Prosperity.Etl.Excel.Cells;

/// <summary>Whether a sheet is shown.</summary>
public enum SheetVisibility
{
    /// <summary>Shown as a tab.</summary>
    Visible,

    /// <summary>Hidden; the user can unhide it.</summary>
    Hidden,

    /// <summary>Hidden so that only a program can unhide it.</summary>
    VeryHidden,
}
