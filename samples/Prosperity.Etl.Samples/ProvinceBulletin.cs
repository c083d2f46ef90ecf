using ClosedXML.Excel;

namespace Prosperity.Etl.Samples;

/// <summary>
/// A sample province comparison table as statistical bulletins print it: 2025年前三季度全省各市城乡居民
/// 人均可支配收入, with a merged title, a unit row, a two-row merged header (value, growth, 位次 per
/// income, and the all-residents income with its 位次 in the last columns), the province total first, city names written three ways, numbers partly typed as text
/// (thousands separators, full-width digits), a rank row for Shaoxing and a footnote. The figures
/// are illustrative (Shaoxing's are the published ones); the 位次 columns are ranked by hand, with the
/// ties official tables show (Jiaxing and Zhoushan on urban income; Jinhua and Taizhou at 1.65).
/// </summary>
public static class ProvinceBulletin
{
    /// <summary>The file name the samples use.</summary>
    public const string FileName = "330000_CityIncomes_2025Q3_bulletin.xlsx";

    /// <summary>The all-residents income (全体居民人均可支配收入) and its 位次, in the order of <see cref="Rows"/>; illustrative figures.</summary>
    public static IReadOnlyList<(decimal All, int? AllRank)> AllResidents { get; } =
    [
        (56_696m, null), (67_606m, 1), (65_891m, 2), (59_043m, 6), (59_766m, 5), (56_726m, 7),
        (61_554m, 3), (54_090m, 9), (42_960m, 10), (60_873m, 4), (55_048m, 8), (42_695m, 11),
    ];

    /// <summary>Label as printed, urban income, its growth, its rank, rural income, growth, rank, ratio, ratio rank.</summary>
    public static IReadOnlyList<(string Label, object Urban, decimal UrbanGrowth, int? UrbanRank, object Rural, decimal RuralGrowth, int? RuralRank, decimal Ratio, int? RatioRank)> Rows { get; } =
    [
        ("全省", 63_960m, 4.5m, null, 41_260m, 5.9m, null, 1.55m, null),
        ("杭州市", 73_460m, 4.3m, 1, 46_850m, 5.6m, 4, 1.57m, 6),
        ("宁 波", "72,880", 4.5m, 2, 47_920m, 5.7m, 2, 1.52m, 4),
        ("温州市", 67_950m, 4.7m, 4, "38,260", 6.1m, 8, 1.78m, 11),
        ("嘉兴市", 66_210m, 4.6m, 5, 48_310m, 5.8m, 1, 1.37m, 1),
        ("湖州", 63_870m, 4.8m, 8, 45_070m, 6.0m, 6, 1.42m, 3),
        ("绍兴市", 69_987m, 4.4m, 3, 45_183m, 5.8m, 5, 1.55m, 5),
        ("金华市", 62_440m, 4.9m, 9, 37_880m, 6.2m, 9, 1.65m, 7),
        ("衢州市", 52_360m, 5.2m, 10, 31_470m, 6.6m, 10, 1.66m, 9),
        ("舟山市", "６６２１０", 4.6m, 5, 47_150m, 6.0m, 3, 1.40m, 2),
        ("台州市", 64_120m, 4.7m, 7, 38_920m, 6.1m, 7, 1.65m, 7),
        ("丽水市", 51_990m, 5.3m, 11, 29_860m, 6.8m, 11, 1.74m, 10),
    ];

    /// <summary>Writes the table to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var workbook = new XLWorkbook();
        var ws = workbook.Worksheets.Add("表3");
        ws.Cell("A1").Value = "2025年前三季度全省各市城乡居民人均可支配收入";
        ws.Range("A1:K1").Merge().Style.Font.SetBold().Font.SetFontSize(14).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        ws.Cell("K2").Value = "单位：元、%";
        ws.Cell("A3").Value = "地  区";
        ws.Range("A3:A4").Merge();
        ws.Cell("B3").Value = "城镇常住居民人均可支配收入";
        ws.Range("B3:D3").Merge();
        ws.Cell("E3").Value = "农村常住居民人均可支配收入";
        ws.Range("E3:G3").Merge();
        ws.Cell("H3").Value = "城乡居民收入比";
        ws.Range("H3:I3").Merge();
        ws.Cell("J3").Value = "全体居民人均可支配收入";
        ws.Range("J3:K3").Merge();
        string[] second = ["绝对值", "比上年增长(%)", "位次", "绝对值", "比上年增长(%)", "位次", "比值", "位次", "绝对值", "位次"];
        for (var c = 0; c < second.Length; c++)
        {
            ws.Cell(4, c + 2).Value = second[c];
        }

        var row = 5;
        foreach (var (r, all) in Rows.Zip(AllResidents))
        {
            ws.Cell(row, 1).Value = r.Label;
            Put(ws.Cell(row, 2), r.Urban);
            ws.Cell(row, 3).Value = r.UrbanGrowth;
            Put(ws.Cell(row, 4), r.UrbanRank);
            Put(ws.Cell(row, 5), r.Rural);
            ws.Cell(row, 6).Value = r.RuralGrowth;
            Put(ws.Cell(row, 7), r.RuralRank);
            ws.Cell(row, 8).Value = r.Ratio;
            Put(ws.Cell(row, 9), r.RatioRank);
            ws.Cell(row, 10).Value = all.All;
            Put(ws.Cell(row, 11), all.AllRank);
            row++;
        }

        // A rank row for one city, as a city's own bulletin adds under the province table.
        ws.Cell(row, 1).Value = "绍兴市在全省位次";
        ws.Cell(row, 2).Value = 3;
        ws.Cell(row, 5).Value = 5;
        ws.Cell(row, 8).Value = 5;
        ws.Cell(row, 10).Value = 3;
        ws.Cell(row + 2, 1).Value = "注：1.城乡居民收入比以农村居民人均可支配收入为1。2.位次按绝对值排列，城乡居民收入比按由低到高排列。";
        ws.Range("A3:K4").Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetWrapText();
        ws.Column(1).Width = 18;
        for (var c = 2; c <= 11; c++)
        {
            ws.Column(c).Width = 13;
        }

        workbook.SaveAs(path);
    }

    private static void Put(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string s:
                cell.SetValue(s);
                cell.DataType = XLDataType.Text;
                break;
            case int i:
                cell.Value = i;
                break;
            default:
                cell.Value = value;
                break;
        }
    }
}
