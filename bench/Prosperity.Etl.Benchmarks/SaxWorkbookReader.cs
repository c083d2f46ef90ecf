using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// The floor for reading a workbook: OpenXml 2.20's forward-only SAX reader over the shared strings
/// and every worksheet, each cell's value resolved to its text (shared and inline strings looked up).
/// No model is built; returns the number of cells holding a value.
/// </summary>
internal static class SaxWorkbookReader
{
    public static long Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var shared = new List<string>();
        if (workbook.SharedStringTablePart is { } sst)
        {
            using var reader = OpenXmlReader.Create(sst);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                {
                    shared.Add(reader.LoadCurrentElement()!.InnerText);
                }
            }
        }

        long cells = 0;
        long checksum = 0;
        foreach (var part in workbook.WorksheetParts)
        {
            using var reader = OpenXmlReader.Create(part);
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Cell) || !reader.IsStartElement)
                {
                    continue;
                }

                var cell = (Cell)reader.LoadCurrentElement()!;
                var text = cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Count
                    ? shared[i]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText : cell.CellValue?.Text;
                if (!string.IsNullOrEmpty(text))
                {
                    cells++;
                    checksum += text.Length;
                }
            }
        }

        // Keeps the values observably used, so no pass can be optimised away.
        GC.KeepAlive(checksum);
        return cells;
    }
}
