using System.Globalization;
using ClosedXML.Excel;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Excel;

/// <summary>
/// Writes the quarterly submission workbook: a cover sheet, the indicator sheet, instructions and
/// a hidden list sheet for the drop-downs. Structure and labels are locked; the cells a district
/// fills in are not. The layout is documented in docs/submission-format.md.
/// </summary>
public static class SubmissionTemplateWriter
{
    /// <summary>First data row of the indicator sheet (rows 4 and 5 hold the Chinese and English headers).</summary>
    public const int FirstDataRow = 6;

    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    private static readonly XLColor InputFill = XLColor.FromHtml("#FFF2CC");

    /// <summary>Writes the workbook to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(TemplateRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var workbook = Build(request);
        workbook.SaveAs(path);
    }

    /// <summary>Writes the workbook to a stream.</summary>
    public static void Write(TemplateRequest request, Stream stream)
    {
        using var workbook = Build(request);
        workbook.SaveAs(stream);
    }

    private static XLWorkbook Build(TemplateRequest request)
    {
        var workbook = new XLWorkbook();
        var lists = AddLists(workbook, request);
        AddCover(workbook, request, lists);
        AddIndicators(workbook, request);
        AddInstructions(workbook);
        lists.Position = workbook.Worksheets.Count;
        workbook.Worksheet(1).SetTabActive();
        workbook.Protect(null, XLProtectionAlgorithm.Algorithm.SimpleHash, XLWorkbookProtectionElements.Windows);
        return workbook;
    }

    private static IXLWorksheet AddLists(XLWorkbook workbook, TemplateRequest request)
    {
        var ws = workbook.Worksheets.Add(SubmissionFormat.ListsSheetName);
        var choices = request.RegionChoices.Count > 0 ? request.RegionChoices : [request.Region];
        ws.Cell(1, 1).Value = "region_code";
        ws.Cell(1, 2).Value = "region_name";
        for (var i = 0; i < choices.Count; i++)
        {
            ws.Cell(i + 2, 1).SetValue(choices[i].Code);
            ws.Cell(i + 2, 2).SetValue($"{choices[i].NameZh} {choices[i].NameEn}");
        }

        ws.Visibility = XLWorksheetVisibility.Hidden;
        ws.Protect();
        return ws;
    }

    private static void AddCover(XLWorkbook workbook, TemplateRequest request, IXLWorksheet lists)
    {
        var ws = workbook.Worksheets.Add(SubmissionFormat.CoverSheetName);
        ws.Column(1).Width = 18;
        ws.Column(2).Width = 24;
        ws.Column(3).Width = 40;
        ws.Column(4).Width = CornerWidth;

        ws.Cell(1, 1).Value = "共同富裕监测季度报表";
        ws.Cell(2, 1).Value = "Shared-prosperity monitoring: quarterly return";
        ws.Range(1, 1, 1, 3).Merge().Style.Font.SetBold().Font.SetFontSize(16);
        ws.Range(2, 1, 2, 3).Merge().Style.Font.SetItalic();

        Header(ws.Cell(4, 1), "项目");
        Header(ws.Cell(4, 2), "Item");
        Header(ws.Cell(4, 3), "填报内容 Value");

        var region = request.Region;
        var rows = new (string Zh, string En, object? Value, bool Input)[]
        {
            ("地区代码", "Region code", region.Code, true),
            ("地区名称", "Region name", $"{region.NameZh} {region.NameEn}", false),
            ("报告期", "Period", request.Period.Code, false),
            ("报告期（累计）", "Period (year to date)", $"{request.Period.LabelZh} ({request.Period.LabelEn})", false),
            ("填报人", "Submitter", request.Submitter, true),
            ("联系电话", "Contact", request.Contact, true),
            ("填报日期", "Date filled in", request.FilledOn?.ToDateTime(TimeOnly.MinValue), true),
            ("表式版本", "Format version", SubmissionFormat.FormatVersion, false),
            ("报送截止日期", "Due date", request.DueOn?.ToDateTime(TimeOnly.MinValue), false),
        };
        if (request.Period.Quarter == 4)
        {
            // The full year is reported twice: 快报 (preliminary) in January, 年报 (final) later, replacing it.
            rows = [.. rows, ("数据类别", "Status (快报 preliminary / 年报 final)", DataStage.Preliminary.LabelZh(), true)];
        }

        for (var i = 0; i < rows.Length; i++)
        {
            var r = 5 + i;
            ws.Cell(r, 1).Value = rows[i].Zh;
            ws.Cell(r, 2).Value = rows[i].En;
            var cell = ws.Cell(r, 3);
            switch (rows[i].Value)
            {
                case string s:
                    cell.SetValue(s);
                    break;
                case DateTime d:
                    cell.SetValue(d);
                    cell.Style.DateFormat.Format = "yyyy-mm-dd";
                    break;
            }

            if (rows[i].Input)
            {
                cell.Style.Protection.SetLocked(false);
                cell.Style.Fill.BackgroundColor = InputFill;
            }
        }

        var regionChoices = lists.Range(2, 1, 1 + Math.Max(1, request.RegionChoices.Count), 1);
        var dv = ws.Cell(5, 3).SetDataValidation();
        dv.List(regionChoices, true);
        dv.ErrorStyle = XLErrorStyle.Stop;
        dv.ErrorTitle = "地区代码 Region code";
        dv.ErrorMessage = "请从下拉列表选择地区代码。Choose a region code from the list.";

        var dateDv = ws.Cell(11, 3).SetDataValidation();
        dateDv.Date.Between(new DateTime(2000, 1, 1), new DateTime(2100, 12, 31));
        dateDv.ErrorStyle = XLErrorStyle.Stop;
        dateDv.ErrorMessage = "请填写日期，例如2025-10-15。Enter a date such as 2025-10-15.";

        if (request.Period.Quarter == 4)
        {
            var stageDv = ws.Cell(5 + rows.Length - 1, 3).SetDataValidation();
            stageDv.List($"\"{DataStage.Preliminary.LabelZh()},{DataStage.Final.LabelZh()}\"", true);
            stageDv.ErrorStyle = XLErrorStyle.Stop;
            stageDv.ErrorTitle = "数据类别 Status";
            stageDv.ErrorMessage = "请选择快报（初步数）或年报（最终数）。Choose 快报 (preliminary) or 年报 (final).";
        }

        AddFormCorner(ws, request.Form);
        var last = AddSignatureLines(ws, 5 + rows.Length + 1);
        PrintLayout.Apply(ws, ws.Range(1, 1, last, 4), 0, 0, landscape: false);
        ws.Protect(null, XLProtectionAlgorithm.Algorithm.SimpleHash, XLSheetProtectionElements.FormatColumns | XLSheetProtectionElements.FormatRows | XLSheetProtectionElements.SelectEverything);
    }

    /// <summary>Width of the cover's fourth column, which holds the form's corner (表号 ... 有效期至).</summary>
    private const double CornerWidth = 34;

    /// <summary>表号 / 制定机关 / 批准文号 / 有效期至 in the top right corner, as official forms print them; a blank is a line to fill in.</summary>
    private static void AddFormCorner(IXLWorksheet ws, FormOptions form)
    {
        var lines = form.Lines();
        for (var i = 0; i < lines.Count; i++)
        {
            var (label, value) = lines[i];
            var cell = ws.Cell(1 + i, 4);
            cell.SetValue(label + (value.Length > 0 ? value : "＿＿＿＿＿＿＿＿"));
            cell.Style.Font.SetFontSize(9);
            cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Left);
            cell.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        }
    }

    /// <summary>
    /// The signature line official forms end with (单位负责人 / 统计负责人 / 填表人 / 报出日期), from
    /// <paramref name="row"/>; returns the last row written. Below the cover's items, never beside
    /// them, so the reader never takes a signature for a value.
    /// </summary>
    private static int AddSignatureLines(IXLWorksheet ws, int row)
    {
        var zh = ws.Range(row, 1, row, 4).Merge();
        zh.FirstCell().SetValue(SignatureLine);
        zh.Style.Font.SetFontSize(11);
        zh.Style.Alignment.SetVertical(XLAlignmentVerticalValues.Bottom);
        ws.Row(row).Height = 30;
        var en = ws.Range(row + 1, 1, row + 1, 4).Merge();
        en.FirstCell().SetValue("Head of unit / Head of statistics / Filled in by (signatures) / Date reported");
        en.Style.Font.SetItalic().Font.SetFontSize(9);
        return row + 1;
    }

    /// <summary>The signature line of the cover, as printed.</summary>
    public const string SignatureLine = "单位负责人：＿＿＿＿＿＿　统计负责人：＿＿＿＿＿＿　填表人：＿＿＿＿＿＿　报出日期：＿＿＿＿年＿＿月＿＿日";

    private static void AddIndicators(XLWorkbook workbook, TemplateRequest request)
    {
        var ws = workbook.Worksheets.Add(SubmissionFormat.IndicatorSheetName);
        int[] widths = [6, 26, 34, 48, 10, 16, 40];
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }

        ws.Cell(1, 1).Value = "共同富裕监测指标 Shared-prosperity indicators";
        ws.Range(1, 1, 1, 7).Merge().Style.Font.SetBold().Font.SetFontSize(14);
        ws.Cell(2, 1).Value = string.Create(CultureInfo.InvariantCulture,
            $"地区 Region: {request.Region.Code} {request.Region.NameZh} {request.Region.NameEn}    报告期 Period: {request.Period.LabelZh} ({request.Period.Code})");
        ws.Range(2, 1, 2, 7).Merge();

        string[] zh = ["序号", "指标代码", "指标名称", "英文名称", "计量单位", "本期数值", "上报说明"];
        string[] en = ["No.", "Code", "Name (zh)", "Indicator", "Unit", "Value", "Explanation"];
        for (var c = 0; c < zh.Length; c++)
        {
            Header(ws.Cell(4, c + 1), zh[c]);
            Header(ws.Cell(5, c + 1), en[c]);
        }

        for (var i = 0; i < request.Indicators.Count; i++)
        {
            var indicator = request.Indicators[i];
            var r = FirstDataRow + i;
            ws.Cell(r, 1).SetValue(i + 1);
            ws.Cell(r, 2).SetValue(indicator.Code);
            ws.Cell(r, 3).SetValue(indicator.NameZh);
            ws.Cell(r, 4).SetValue(indicator.NameEn);
            ws.Cell(r, 5).SetValue(indicator.Unit);

            var value = ws.Cell(r, 6);
            if (request.Values.TryGetValue(indicator.Code, out var v) && v is { } number)
            {
                value.SetValue(number);
            }

            value.Style.NumberFormat.Format = indicator.RankPrecision == 0 ? "#,##0" : "#,##0." + new string('0', indicator.RankPrecision);
            value.Style.Protection.SetLocked(false);
            value.Style.Fill.BackgroundColor = InputFill;
            var dv = value.SetDataValidation();
            dv.Decimal.Between((double)indicator.PlausibleMin, (double)indicator.PlausibleMax);
            dv.ErrorStyle = XLErrorStyle.Warning;
            dv.ErrorTitle = "请核实 Please check";
            dv.ErrorMessage = string.Create(CultureInfo.InvariantCulture,
                $"合理范围 Plausible range: {indicator.PlausibleMin:G29} – {indicator.PlausibleMax:G29} {indicator.Unit}. 如数值无误，请在上报说明栏说明。If correct, explain it in the explanation column.");

            var explanation = ws.Cell(r, 7);
            if (request.Explanations.TryGetValue(indicator.Code, out var e))
            {
                explanation.SetValue(e);
            }

            explanation.Style.Protection.SetLocked(false);
            explanation.Style.Alignment.WrapText = true;
        }

        var last = FirstDataRow + request.Indicators.Count - 1;
        ws.Range(4, 1, Math.Max(last, 5), 7).Style.Border.SetInsideBorder(XLBorderStyleValues.Thin).Border.SetOutsideBorder(XLBorderStyleValues.Thin);
        ws.SheetView.FreezeRows(5);
        PrintLayout.Apply(ws, ws.Range(1, 1, Math.Max(last, 5), 7), 4, 5);
        ws.Protect(null, XLProtectionAlgorithm.Algorithm.SimpleHash, XLSheetProtectionElements.FormatColumns | XLSheetProtectionElements.FormatRows | XLSheetProtectionElements.SelectEverything);
    }

    private static void AddInstructions(XLWorkbook workbook)
    {
        var ws = workbook.Worksheets.Add(SubmissionFormat.InstructionsSheetName);
        ws.Column(1).Width = 110;
        string[] lines =
        [
            "填表说明 Instructions",
            "1. 只在黄色单元格中填写：封面的地区代码、填报人、联系电话、填报日期；指标表的本期数值和上报说明。",
            "   Fill in the yellow cells only: region code, submitter, contact and date on the cover; value and explanation on the indicator sheet.",
            "2. 收入、产值等流量指标填写自年初累计数（例如2025年前三季度填1-9月累计，2025年（全年）填1-12月累计）；工坊数等存量指标填写期末数。",
            "   Flows such as income and output are year-to-date (2025 Q1-Q3 means January to September); stocks such as workshops are at period end.",
            "3. 按“计量单位”列的单位填写数字，不要输入单位文字；暂无数据请填“—”或留空，不要填0。",
            "   Enter numbers in the unit of the Unit column without unit text; where a figure is not available enter — or leave it blank, not 0.",
            "4. 数值超出合理范围时Excel会提示；如数值无误，请在“上报说明”栏写明原因后照常上报。",
            "   Excel warns when a value is outside the plausible range; if it is correct, explain why in the Explanation column and submit anyway.",
            "5. 不要增删或重命名工作表，不要修改指标代码。",
            "   Do not add, delete or rename sheets, and do not change the indicator codes.",
            $"表式版本 Format version: {SubmissionFormat.FormatVersion}",
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            ws.Cell(i + 1, 1).SetValue(lines[i]);
        }

        ws.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(14);
        PrintLayout.Apply(ws, ws.Range(1, 1, lines.Length, 1), 0, 0, landscape: false);
        ws.Protect();
    }

    private static void Header(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.Style.Font.SetBold();
        cell.Style.Fill.BackgroundColor = HeaderFill;
    }

    /// <summary>The regions offered in a district's drop-down: the county-level units of its city.</summary>
    public static IReadOnlyList<Region> RegionChoicesFor(Region region, Period period, ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(catalog);
        var parent = region.IsCountyLevel ? region.ParentCode : region.Code;
        var choices = catalog.RegionsDuring(period)
            .Where(r => r.Code == region.Code || r.Code == parent || (r.IsCountyLevel && r.ParentCode == parent))
            .OrderBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        return choices;
    }
}
