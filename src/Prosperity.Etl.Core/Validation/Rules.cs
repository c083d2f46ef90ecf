using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Validation;

/// <summary>
/// The rule catalogue. Codes are stable: STR structure, REF reference data, VAL values, CON consistency
/// between values, OUT outliers against the region's own history.
/// docs/validation.md lists them.
/// </summary>
public static class Rules
{
    public static readonly Rule NotAWorkbook = new("STR001", Severity.Error, "不是有效的Excel工作簿", "Not an Excel workbook");
    public static readonly Rule Encrypted = new("STR002", Severity.Error, "工作簿已加密", "Workbook is encrypted");
    public static readonly Rule LegacyFormat = new("STR003", Severity.Error, "文件格式不是.xlsx", "File format is not .xlsx");
    public static readonly Rule MissingSheet = new("STR004", Severity.Error, "缺少工作表", "Sheet missing");
    public static readonly Rule MissingHeader = new("STR005", Severity.Error, "缺少表头", "Header missing");
    public static readonly Rule Empty = new("STR006", Severity.Error, "没有填报任何指标", "No indicator rows");
    public static readonly Rule TooLarge = new("STR007", Severity.Error, "文件过大", "File too large");
    public static readonly Rule ExpandsTooMuch = new("STR008", Severity.Error, "压缩包解压后过大", "Package expands beyond the limit");
    public static readonly Rule SheetTooBig = new("STR009", Severity.Error, "工作表行数或列数超出上限", "Sheet beyond the row or column limit");
    public static readonly Rule TooSlow = new("STR010", Severity.Error, "读取超时", "Reading took longer than the limit");
    public static readonly Rule NestedTooDeeply = new("STR011", Severity.Error, "XML嵌套层级超出上限", "XML nested beyond the depth limit");
    public static readonly Rule ImportFailedTwice = new("STR020", Severity.Error, "文件两次导入失败，已搁置", "The import of the file failed twice; set aside");

    public static readonly Rule UnknownRegion = new("REF001", Severity.Error, "地区代码不存在", "Unknown region code");
    public static readonly Rule NotTheSubmittersRegion = new("REF002", Severity.Error, "地区代码不是报送单位本地区", "Region is not the submitter's own");
    public static readonly Rule UnknownIndicator = new("REF003", Severity.Error, "指标代码不存在", "Unknown indicator code");
    public static readonly Rule MalformedPeriod = new("REF004", Severity.Error, "报告期格式错误", "Malformed period");
    public static readonly Rule FuturePeriod = new("REF005", Severity.Error, "报告期尚未结束", "Period has not ended");
    public static readonly Rule RegionNameDisagrees = new("REF007", Severity.Error, "地区代码与地区名称不一致", "Region code and region name disagree");
    public static readonly Rule PeriodDisagreesWithFileName = new("REF008", Severity.Error, "报告期与文件名或目录不一致", "Period disagrees with the file or folder name");
    public static readonly Rule RegionDisagreesWithFileName = new("REF009", Severity.Error, "地区与文件名不一致", "Region disagrees with the file name");
    public static readonly Rule MalformedStage = new("REF010", Severity.Error, "快报/年报标注无法识别", "Status of the full-year figures not recognised");
    public static readonly Rule StageOutsideFullYear = new("REF011", Severity.Warning, "快报/年报仅用于全年数据", "A preliminary or final status applies to full-year figures only");
    public static readonly Rule PreliminaryAfterFinal = new("REF012", Severity.Error, "年报已载入，快报不能替代年报", "The final figures are loaded; preliminary ones cannot replace them");
    public static readonly Rule RegionNotValidInPeriod = new("REF006", Severity.Error, "报告期内该地区代码无效", "Region code not valid in the period");

    public static readonly Rule NotANumber = new("VAL001", Severity.Error, "数值不是数字", "Value is not a number");
    public static readonly Rule NegativeCount = new("VAL002", Severity.Error, "人数或个数为负", "Negative count");
    public static readonly Rule OutsidePlausibleRange = new("VAL003", Severity.Warning, "数值超出合理范围", "Value outside the plausible range");
    public static readonly Rule UnitNotConvertible = new("VAL004", Severity.Error, "计量单位无法换算", "Unit cannot be converted");
    public static readonly Rule ConflictingDuplicate = new("VAL005", Severity.Error, "同一指标重复填报且数值不同", "Indicator given twice with different values");
    public static readonly Rule FormulaWithoutResult = new("VAL006", Severity.Error, "公式没有保存计算结果", "Formula without a saved result");
    public static readonly Rule ErrorValue = new("VAL007", Severity.Error, "单元格是Excel错误值", "Cell holds an Excel error value");
    public static readonly Rule NotLoaded = new("VAL008", Severity.Warning, "内容未载入", "Content read but not loaded");
    public static readonly Rule ResultDisagreesWithFormula = new("VAL009", Severity.Warning, "保存的计算结果与公式不一致", "Saved result differs from its formula");
    public static readonly Rule RequiredMissing = new("VAL011", Severity.Error, "必填指标未填报", "Required indicator missing");
    public static readonly Rule ReturnedByReviewer = new("RVW001", Severity.Error, "审核退回", "Returned by the reviewer");
    public static readonly Rule TextCut = new("VAL010", Severity.Warning, "文字过长，已截断", "Text longer than the limit; cut");

    public static readonly Rule RatioDisagrees = new("CON001", Severity.Error, "城乡收入比与城乡收入不一致", "Urban-rural ratio disagrees with the incomes");
    public static readonly Rule RuralAboveUrban = new("CON002", Severity.Warning, "农村居民收入高于城镇居民收入", "Rural income above urban income");
    public static readonly Rule YtdBelowPreviousQuarter = new("CON003", Severity.Error, "累计数小于上季度累计数", "Year-to-date value below the previous quarter's");
    public static readonly Rule PartAboveTotal = new("CON004", Severity.Error, "分项大于总数", "Part greater than its total");

    public static readonly Rule ChangeOnPreviousQuarter = new("OUT001", Severity.Warning, "与上季度相比变化过大", "Change on the previous quarter beyond the threshold");
    public static readonly Rule ChangeOnLastYear = new("OUT002", Severity.Warning, "与上年同期相比变化过大", "Change on the same quarter last year beyond the threshold");
    public static readonly Rule RobustZScore = new("OUT003", Severity.Warning, "偏离本地区历史水平", "Far from the region's own history (robust z-score)");

    public static readonly Rule PublishedGrowthDisagrees = new("PUB001", Severity.Warning, "公布的增速与两期数值算得的增速不一致", "Published growth differs from the growth of the two levels");
    public static readonly Rule PublishedRankDisagrees = new("PUB002", Severity.Warning, "公布的位次与本系统排名不一致", "Published rank differs from the rank computed");

    /// <summary>Every rule, in code order.</summary>
    public static IReadOnlyList<Rule> All { get; } =
    [
        NotAWorkbook, Encrypted, LegacyFormat, MissingSheet, MissingHeader, Empty, TooLarge,
        ExpandsTooMuch, SheetTooBig, TooSlow, NestedTooDeeply, ImportFailedTwice,
        UnknownRegion, NotTheSubmittersRegion, UnknownIndicator, MalformedPeriod, FuturePeriod, RegionNotValidInPeriod,
        RegionNameDisagrees, PeriodDisagreesWithFileName, RegionDisagreesWithFileName,
        NotANumber, NegativeCount, OutsidePlausibleRange, UnitNotConvertible, ConflictingDuplicate,
        FormulaWithoutResult, ErrorValue, NotLoaded, ResultDisagreesWithFormula, TextCut, RequiredMissing,
        RatioDisagrees, RuralAboveUrban, YtdBelowPreviousQuarter, PartAboveTotal,
        ChangeOnPreviousQuarter, ChangeOnLastYear, RobustZScore,
        ReturnedByReviewer,
        PublishedGrowthDisagrees, PublishedRankDisagrees,
    ];
}
