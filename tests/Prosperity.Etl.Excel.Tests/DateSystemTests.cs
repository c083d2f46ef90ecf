using System.IO.Compression;
using System.Xml.Linq;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

/// <summary>Workbooks saved with the 1904 date system (older Mac Excel, some LibreOffice files) give the same dates.</summary>
public sealed class DateSystemTests : IDisposable
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Read_ShouldGiveTheSameDate_WhenTheWorkbookUsesThe1904DateSystem()
    {
        // 2025-10-15 is serial 45945 in the 1900 system and 44483 in the 1904 system.
        var path = new WorkbookBuilder().Save(_temp.File("x.xlsx"));
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("xl/workbook.xml")!;
            XDocument doc;
            using (var s = entry.Open())
            {
                doc = XDocument.Load(s);
            }

            var pr = doc.Root!.Element(Main + "workbookPr");
            if (pr is null)
            {
                pr = new XElement(Main + "workbookPr");
                doc.Root.AddFirst(pr);
            }

            pr.SetAttributeValue("date1904", "1");
            entry.Delete();
            using (var s = zip.CreateEntry("xl/workbook.xml").Open())
            {
                doc.Save(s);
            }

            var cover = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).First(e => Contains(e, "45945"));
            var text = Read(cover).Replace("v>45945</", "v>44483</", StringComparison.Ordinal);
            var name = cover.FullName;
            cover.Delete();
            using var w = new StreamWriter(zip.CreateEntry(name).Open());
            w.Write(text);
        }

        var read = new SubmissionWorkbookReader().Read(path);

        Assert.Empty(read.Issues);
        Assert.Equal("2025-10-15", read.Submission!.FilledOn!.Text);
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var r = new StreamReader(entry.Open());
        return r.ReadToEnd();
    }

    private static bool Contains(ZipArchiveEntry entry, string text) => Read(entry).Contains($"v>{text}</", StringComparison.Ordinal);
}
