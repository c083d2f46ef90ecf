using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Excel;

/// <summary>
/// The labels of the quarterly submission workbook (docs/submission-format.md). The writer uses
/// the first label of each set; the reader accepts any of them, in Chinese or English, so sheets
/// can be renamed and headers moved.
/// </summary>
public static class SubmissionFormat
{
    /// <summary>The format identifier written on the cover.</summary>
    public const string FormatVersion = "prosperity-submission/1";

    public const string CoverSheetName = "封面 Cover";
    public const string IndicatorSheetName = "指标 Indicators";
    public const string InstructionsSheetName = "填表说明 Instructions";
    public const string ListsSheetName = "_lists";

    /// <summary>The file name of a region's return: code, English name and period (e.g. 330624_XinchangCounty_2025Q3.xlsx).</summary>
    public static string FileName(Region region, Period period)
    {
        ArgumentNullException.ThrowIfNull(region);
        var name = string.Concat(region.NameEn.Where(char.IsLetterOrDigit));
        return $"{region.Code}_{name}_{period.Code}.xlsx";
    }

    public static readonly string[] CoverSheetLabels = ["封面", "cover"];
    public static readonly string[] IndicatorSheetLabels = ["指标", "indicator", "数据", "data"];

    public static readonly string[] RegionCodeLabels = ["地区代码", "region code", "行政区划代码", "区划代码"];
    public static readonly string[] RegionNameLabels = ["地区名称", "region name"];
    public static readonly string[] PeriodLabels = ["报告期", "period", "报告期别", "统计期"];
    public static readonly string[] PeriodLabelLabels = ["报告期（累计）", "period (year to date)"];
    public static readonly string[] SubmitterLabels = ["填报人", "submitter"];
    public static readonly string[] ContactLabels = ["联系电话", "contact", "联系方式"];
    public static readonly string[] FilledOnLabels = ["填报日期", "date filled in", "date"];
    public static readonly string[] FormatLabels = ["表式版本", "format version"];
    public static readonly string[] StageLabels = ["数据类别", "status", "数据状态", "快报/年报", "报送类别", "status (快报 preliminary / 年报 final)"];

    public static readonly string[] CodeHeaders = ["指标代码", "code", "indicator code"];
    public static readonly string[] NameZhHeaders = ["指标名称", "name (zh)"];
    public static readonly string[] NameEnHeaders = ["英文名称", "indicator", "name (en)"];
    public static readonly string[] UnitHeaders = ["计量单位", "单位", "unit"];
    public static readonly string[] ValueHeaders = ["本期数值", "数值", "value", "本期"];
    public static readonly string[] ExplanationHeaders = ["上报说明", "说明", "explanation", "备注", "remarks"];

    /// <summary>Normalises a label for comparison: trimmed, lower case, inner spaces and colons removed.</summary>
    public static string Normalise(string? text) =>
        string.IsNullOrEmpty(text)
            ? string.Empty
            : new string(text.Trim().ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && c != ':' && c != '：' && c != '*').ToArray());

    /// <summary>True when <paramref name="text"/> is one of <paramref name="labels"/>.</summary>
    public static bool Matches(string? text, IEnumerable<string> labels)
    {
        var n = Normalise(text);
        if (n.Length == 0)
        {
            return false;
        }

        // The label sets above are normalised once, not once per cell compared.
        return labels is string[] array
            ? NormalisedSets.GetValue(array, a => new HashSet<string>(a.Select(Normalise), StringComparer.Ordinal)).Contains(n)
            : labels.Any(l => Normalise(l) == n);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string[], HashSet<string>> NormalisedSets = new();
}
