using ClosedXML.Excel;

namespace Prosperity.Etl.Excel;

/// <summary>
/// The print set-up every workbook the office prints carries: A4, landscape where the sheet is wide,
/// fitted to one page wide (as many pages tall as it needs), the header rows repeated on every page,
/// the print area set to what is filled in, and a footer with the page number (第 N 页，共 M 页).
/// </summary>
public static class PrintLayout
{
    /// <summary>Columns wider than this (in Excel's character widths) print in landscape.</summary>
    public const double PortraitWidth = 95;

    /// <summary>Applies the set-up to <paramref name="sheet"/>: <paramref name="area"/> is printed, rows <paramref name="firstHeaderRow"/>..<paramref name="lastHeaderRow"/> repeat (none when 0).</summary>
    public static void Apply(IXLWorksheet sheet, IXLRange area, int firstHeaderRow, int lastHeaderRow, bool? landscape = null)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(area);
        var setup = sheet.PageSetup;
        setup.PaperSize = XLPaperSize.A4Paper;
        var width = Enumerable.Range(area.FirstColumn().ColumnNumber(), area.ColumnCount()).Sum(c => sheet.Column(c).Width);
        setup.PageOrientation = landscape ?? width > PortraitWidth ? XLPageOrientation.Landscape : XLPageOrientation.Portrait;
        // One page wide, as many tall as needed (0 = automatic in Excel's fitToHeight).
        setup.FitToPages(1, 0);
        setup.PrintAreas.Clear();
        setup.PrintAreas.Add(area.RangeAddress.ToStringRelative());
        if (firstHeaderRow > 0 && lastHeaderRow >= firstHeaderRow)
        {
            setup.SetRowsToRepeatAtTop(firstHeaderRow, lastHeaderRow);
        }

        setup.Margins.Left = 0.5;
        setup.Margins.Right = 0.5;
        setup.Margins.Top = 0.6;
        setup.Margins.Bottom = 0.6;
        setup.Margins.Footer = 0.3;
        setup.CenterHorizontally = true;
        setup.Footer.Center.Clear();
        setup.Footer.Center.AddText("第 ", XLHFOccurrence.AllPages);
        setup.Footer.Center.AddText(XLHFPredefinedText.PageNumber, XLHFOccurrence.AllPages);
        setup.Footer.Center.AddText(" 页，共 ", XLHFOccurrence.AllPages);
        setup.Footer.Center.AddText(XLHFPredefinedText.NumberOfPages, XLHFOccurrence.AllPages);
        setup.Footer.Center.AddText(" 页", XLHFOccurrence.AllPages);
    }
}
