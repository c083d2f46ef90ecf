using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Validation;

/// <summary>
/// Checks a submission against the reference catalogue: known region valid in the period, a
/// well-formed period that has ended, known indicators, numbers that are numbers, counts that are
/// not negative, values in the plausible range, no conflicting duplicates.
/// </summary>
public sealed class SubmissionValidator(ReferenceCatalog catalog, TimeProvider clock)
{
    /// <summary>The longest explanation (上报说明) stored; a longer one is cut, with a VAL010 warning at its row.</summary>
    public const int MaxExplanationLength = 2000;


    /// <summary>Validates a submission read from a workbook.</summary>
    public ValidatedSubmission Validate(Submission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var issues = new List<ValidationIssue>();
        var file = submission.SourcePath;

        var period = CheckPeriod(submission, file, issues);
        var region = CheckRegion(submission, period, file, issues);
        var facts = CheckValues(submission, file, issues);
        issues.AddRange(ConsistencyRules.Check(file, facts));

        if (facts.Count == 0 && !issues.Any(i => i.Code == Rules.NotANumber.Code || i.Code == Rules.UnknownIndicator.Code))
        {
            issues.Add(Rules.Empty.ForFile(file, "指标表中没有任何指标数值。", "The indicator sheet has no indicator values."));
        }

        return new ValidatedSubmission(submission, region, period, facts, issues);
    }

    private Period? CheckPeriod(Submission s, string file, List<ValidationIssue> issues)
    {
        var text = s.PeriodText.Text?.Trim();
        if (!Period.TryParse(text, out var period))
        {
            _ = PeriodWording.Read(text, whole: false, out var singleQuarter);
            issues.Add(singleQuarter is not null
                ? Rules.MalformedPeriod.At(file, s.PeriodText.Location, text, "1月起的累计期 / a year-to-date period", singleQuarter, singleQuarter)
                : Rules.MalformedPeriod.At(file, s.PeriodText.Location, text, "2025Q3 或/or 2025年前三季度",
                    "报告期应写作“2025Q3”或“2025年一季度 / 上半年 / 前三季度 / 2025年（全年）”。",
                    "The period should read like 2025Q3 or 2025年一季度, 2025年上半年, 2025年前三季度, 2025年 (full year)."));
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(Period.ChinaOffset).DateTime);
        if (period.End >= today)
        {
            issues.Add(Rules.FuturePeriod.At(file, s.PeriodText.Location, text,
                string.Create(CultureInfo.InvariantCulture, $"a quarter ended before {today:yyyy-MM-dd}"),
                $"报告期{period.LabelZh}截至{period.End:yyyy-MM-dd}，尚未结束。",
                $"The period {period.LabelEn} ends on {period.End:yyyy-MM-dd} and has not ended yet."));
            return null;
        }

        return period;
    }

    private Region? CheckRegion(Submission s, Period? period, string file, List<ValidationIssue> issues)
    {
        var code = s.RegionCode.Text?.Trim() ?? string.Empty;
        if (!catalog.IsKnownRegionCode(code))
        {
            issues.Add(Rules.UnknownRegion.At(file, s.RegionCode.Location, code, "a GB/T 2260 code of the catalogue, e.g. 330624",
                $"地区代码“{code}”不在地区目录中。", $"Region code '{code}' is not in the region catalogue."));
            return null;
        }

        CheckSubmittersFolder(s, code, file, issues);
        if (period is not { } p)
        {
            return null;
        }

        var region = catalog.FindRegion(code, p);
        if (region is null)
        {
            var latest = catalog.FindLatestRegion(code)!;
            issues.Add(Rules.RegionNotValidInPeriod.At(file, s.RegionCode.Location, code,
                $"valid {latest.ValidFrom:yyyy-MM-dd} .. {latest.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "now"}",
                $"地区代码{code}（{latest.NameZh}）在{p.LabelZh}无效。",
                $"Region code {code} ({latest.NameEn}) is not valid in {p.LabelEn}."));
        }

        return region;
    }

    /// <summary>
    /// Where the inbox has one folder per district named by its region code, a return filed in
    /// another district's folder, at any depth below it (<c>330602/late/x.xlsx</c>), is refused
    /// (REF002); an old code whose successor owns the folder is fine.
    /// </summary>
    private void CheckSubmittersFolder(Submission s, string code, string file, List<ValidationIssue> issues)
    {
        var folder = Import.IntakePolicy.DistrictFolder(file, catalog.IsKnownRegionCode);
        if (folder is null || string.Equals(folder, code, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (catalog.Regions.Any(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase) &&
                                     string.Equals(r.SuccessorCode, folder, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var owner = catalog.FindLatestRegion(folder)!;
        issues.Add(Rules.NotTheSubmittersRegion.At(file, s.RegionCode.Location, code, $"{owner.Code} ({owner.NameEn}), the folder the file was filed in",
            $"文件位于{owner.NameZh}（{owner.Code}）的报送目录，但封面地区代码为{code}。",
            $"The file is in the folder of {owner.NameEn} ({owner.Code}) but its cover gives region {code}."));
    }

    private List<FactValue> CheckValues(Submission s, string file, List<ValidationIssue> issues)
    {
        var facts = new Dictionary<string, FactValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in s.Values)
        {
            var indicator = catalog.FindIndicator(line.IndicatorCode);
            if (indicator is null)
            {
                issues.Add(Rules.UnknownIndicator.At(file, line.CodeLocation, line.IndicatorCode, "a code of the indicator catalogue",
                    $"指标代码“{line.IndicatorCode}”不在指标目录中。", $"Indicator code '{line.IndicatorCode}' is not in the catalogue."));
                continue;
            }

            var value = Interpret(line, indicator, file, issues);
            if (value is null)
            {
                continue;
            }

            if (value.Value.Value is { } v)
            {
                if (indicator.IsCount && v < 0)
                {
                    issues.Add(Rules.NegativeCount.At(file, line.Location, Show(line), ">= 0",
                        $"{indicator.NameZh}不能为负数。", $"{indicator.NameEn} cannot be negative."));
                    continue;
                }

                if (v < indicator.PlausibleMin || v > indicator.PlausibleMax)
                {
                    issues.Add(Rules.OutsidePlausibleRange.At(file, line.Location, Show(line),
                        string.Create(CultureInfo.InvariantCulture, $"{indicator.PlausibleMin:G29} .. {indicator.PlausibleMax:G29} {indicator.Unit}"),
                        $"{indicator.NameZh}超出合理范围，请核实或在说明栏说明。",
                        $"{indicator.NameEn} is outside the plausible range; check it or explain it in the explanation column."));
                }
            }

            var explanation = line.Explanation;
            if (explanation is { Length: > MaxExplanationLength })
            {
                // A district controls this text: it is kept to a bound, and told so at the row.
                issues.Add(Rules.TextCut.At(file, line.Location,
                    string.Create(CultureInfo.InvariantCulture, $"an explanation of {explanation.Length:N0} characters"),
                    string.Create(CultureInfo.InvariantCulture, $"at most {MaxExplanationLength:N0} characters"),
                    $"说明超过{MaxExplanationLength}字，只保存前{MaxExplanationLength}字，请精简后重新报送。",
                    string.Create(CultureInfo.InvariantCulture, $"The explanation is longer than {MaxExplanationLength:N0} characters; only the first {MaxExplanationLength:N0} are kept. Shorten it and send the return again.")));
                explanation = explanation[..MaxExplanationLength];
            }

            var fact = new FactValue(indicator, value.Value.Value, explanation, line.Location);
            if (facts.TryGetValue(indicator.Code, out var earlier))
            {
                if (earlier.Value != fact.Value)
                {
                    issues.Add(Rules.ConflictingDuplicate.At(file, line.Location, Show(line), $"the same value as {earlier.Location}",
                        $"指标{indicator.Code}重复填报，且与{earlier.Location}的数值不同。",
                        $"Indicator {indicator.Code} appears twice with a value different from {earlier.Location}."));
                }

                continue;
            }

            facts.Add(indicator.Code, fact);
        }

        return [.. facts.Values];
    }

    /// <summary>The number in the catalogue unit, "not available" (a null Value), or null after an issue was added.</summary>
    private static ParsedCellValue? Interpret(SubmittedValue line, Indicator indicator, string file, List<ValidationIssue> issues)
    {
        if (line.IsUncachedFormula)
        {
            issues.Add(Rules.FormulaWithoutResult.At(file, line.Location, "a formula without a saved result", $"a number in {indicator.Unit}",
                $"{indicator.NameZh}的公式没有保存计算结果（文件可能由脚本或插件生成），请用Excel或WPS打开并保存后重新上报。",
                $"The formula of {indicator.NameEn} has no saved result (the file was probably written by a script or an add-in); open it in Excel or WPS, save it and send it again."));
            return null;
        }

        if (line.IsExcelError)
        {
            issues.Add(Rules.NotANumber.At(file, line.Location, line.Text, $"a number in {indicator.Unit}",
                $"{indicator.NameZh}的单元格是Excel错误值，请检查公式。", $"The cell of {indicator.NameEn} holds an Excel error value; check its formula."));
            return null;
        }

        var parsed = line.Number is { } n
            ? new ParsedCellValue(CellValueKind.Number, n)
            : CellValueParser.ParseText(line.Text, indicator.Unit);

        // A unit column changed by the submitter (e.g. 万元 where the catalogue says 元) scales a plain number.
        var rowUnit = line.UnitText?.Trim();
        if (parsed is { Kind: CellValueKind.Number, TypedUnit: null } && !string.IsNullOrEmpty(rowUnit) && rowUnit != indicator.Unit)
        {
            if (CellValueParser.ConversionFactor(rowUnit, indicator.Unit) is { } f)
            {
                parsed = parsed with { Value = parsed.Value * f, TypedUnit = rowUnit, Factor = f };
            }
            else if (indicator.Unit != "ratio")
            {
                parsed = parsed with { Kind = CellValueKind.UnitNotConvertible, TypedUnit = rowUnit };
            }
        }

        switch (parsed.Kind)
        {
            case CellValueKind.Invalid:
                issues.Add(Rules.NotANumber.At(file, line.Location, line.Text, $"a number in {indicator.Unit}, or — for not available",
                    $"{indicator.NameZh}的数值不是数字。", $"The value of {indicator.NameEn} is not a number."));
                return null;
            case CellValueKind.UnitNotConvertible:
                issues.Add(Rules.UnitNotConvertible.At(file, line.Location, Show(line), indicator.Unit,
                    $"{indicator.NameZh}的单位“{parsed.TypedUnit}”无法换算为“{indicator.Unit}”。",
                    $"The unit '{parsed.TypedUnit}' of {indicator.NameEn} cannot be converted to '{indicator.Unit}'."));
                return null;
            default:
                return parsed;
        }
    }

    private static string Show(SubmittedValue line) =>
        line.Text ?? line.Number?.ToString("G29", CultureInfo.InvariantCulture) ?? string.Empty;
}
