using System.IO.Compression;
using System.Xml.Linq;

namespace Prosperity.Etl.Testing;

/// <summary>Edits the XML parts of a saved .xlsx directly, for cell forms ClosedXML does not write.</summary>
public static class PackageEditor
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XNamespace Rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static readonly XNamespace PackageRel = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Rewrites cells of a sheet as formulas with a cached error value (t="e").</summary>
    public static void SetErrorCells(string path, string sheetName, IEnumerable<(string Address, string Formula, string Error)> cells)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry(SheetPart(zip, sheetName)) ?? throw new InvalidOperationException($"No part for sheet {sheetName}.");
        XDocument doc;
        using (var stream = entry.Open())
        {
            doc = XDocument.Load(stream);
        }

        foreach (var (address, formula, error) in cells)
        {
            var cell = doc.Descendants(Main + "c").Single(c => (string?)c.Attribute("r") == address);
            cell.SetAttributeValue("t", "e");
            cell.Elements().Remove();
            cell.Add(new XElement(Main + "f", formula), new XElement(Main + "v", error));
        }

        entry.Delete();
        var replacement = zip.CreateEntry(entry.FullName);
        using var output = replacement.Open();
        doc.Save(output);
    }

    private static string SheetPart(ZipArchive zip, string sheetName)
    {
        XDocument Load(string name)
        {
            using var s = zip.GetEntry(name)!.Open();
            return XDocument.Load(s);
        }

        var workbook = Load("xl/workbook.xml");
        var id = workbook.Descendants(Main + "sheet").Single(s => (string?)s.Attribute("name") == sheetName).Attribute(Rel + "id")!.Value;
        var target = Load("xl/_rels/workbook.xml.rels").Descendants(PackageRel + "Relationship").Single(r => (string?)r.Attribute("Id") == id).Attribute("Target")!.Value;
        return target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }
}
