using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Prosperity.Etl.Excel;

namespace Prosperity.Etl.Samples;

/// <summary>
/// A return as large as districts send them: the normal indicator sheets plus an annex listing
/// household-level actions (town, village, action, income raised), which some districts attach.
/// The annex is written with OpenXml's streaming writer so the generator stays small in memory.
/// </summary>
public static class LargeReturn
{
    /// <summary>The annex sheet's name.</summary>
    public const string AnnexSheetName = "附表 户级行动明细";

    // Common characters for the action descriptions: varied text compresses like real notes do.
    private const string Characters =
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

    /// <summary>
    /// Writes the return of <paramref name="request"/> with an annex of household actions sized so the
    /// file comes close to <paramref name="targetBytes"/> (within a few per cent); returns the annex rows.
    /// </summary>
    public static int Write(TemplateRequest request, string path, long targetBytes, int seed)
    {
        ArgumentNullException.ThrowIfNull(request);
        // About 470 compressed bytes per annex row of ~250 characters; corrected once after a first try.
        var rows = (int)Math.Max(100, (targetBytes - 60_000) / 470);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            SubmissionTemplateWriter.Write(request, path);
            AddAnnex(path, rows, seed);
            var size = new FileInfo(path).Length;
            if (Math.Abs(size - targetBytes) < targetBytes * 0.03)
            {
                break;
            }

            rows = (int)(rows * (double)(targetBytes - 60_000) / Math.Max(1, size - 60_000) * 0.99);
        }

        return rows;
    }

    private static void AddAnnex(string path, int rows, int seed)
    {
        var random = new Random(seed);
        using var document = SpreadsheetDocument.Open(path, true);
        var workbookPart = document.WorkbookPart!;
        var part = workbookPart.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            Row(writer, 1, ["序号 No.", "乡镇 Town", "村 Village", "户级行动 Household action", "带动增收（元）Income raised (yuan)"]);
            var text = new StringBuilder(300);
            for (var r = 0; r < rows; r++)
            {
                text.Clear();
                var length = 200 + random.Next(100);
                for (var i = 0; i < length; i++)
                {
                    text.Append(Characters[random.Next(Characters.Length)]);
                }

                Row(writer, r + 2, [
                    (r + 1).ToString(CultureInfo.InvariantCulture),
                    "乡镇" + (1 + random.Next(20)).ToString(CultureInfo.InvariantCulture),
                    "村" + (1 + random.Next(400)).ToString(CultureInfo.InvariantCulture),
                    text.ToString(),
                    (500 + random.Next(20_000)).ToString(CultureInfo.InvariantCulture),
                ], numericColumns: 0b10001);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        var sheets = workbookPart.Workbook.Sheets!;
        var id = sheets.Elements<Sheet>().Max(s => s.SheetId!.Value) + 1;
        sheets.Append(new Sheet { Name = AnnexSheetName, SheetId = id, Id = workbookPart.GetIdOfPart(part) });
        workbookPart.Workbook.Save();
    }

    private static void Row(OpenXmlWriter writer, int row, string[] cells, int numericColumns = 0)
    {
        writer.WriteStartElement(new Row { RowIndex = (uint)row });
        for (var c = 0; c < cells.Length; c++)
        {
            var reference = (char)('A' + c) + row.ToString(CultureInfo.InvariantCulture);
            if ((numericColumns & (1 << c)) != 0)
            {
                writer.WriteElement(new Cell { CellReference = reference, CellValue = new CellValue(cells[c]), DataType = CellValues.Number });
            }
            else
            {
                writer.WriteElement(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(cells[c])) });
            }
        }

        writer.WriteEndElement();
    }
}
