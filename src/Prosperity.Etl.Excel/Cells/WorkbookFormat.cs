namespace Prosperity.Etl.Excel.Cells;

/// <summary>The file format a workbook was read from.</summary>
public enum WorkbookFormat
{
    /// <summary>Office Open XML (.xlsx, .xlsm).</summary>
    Xlsx,

    /// <summary>Excel 97-2003 binary (.xls).</summary>
    Xls,
}
