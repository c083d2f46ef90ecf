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
        if (region is not null)
        {
            CheckRegionName(submission, region, file, issues);
            CheckFileName(submission, region, period, file, issues);
        }

        if (facts.Count == 0 && !issues.Any(i => i.Code == Rules.NotANumber.Code || i.Code == Rules.UnknownIndicator.Code))
        {
            issues.Add(Rules.Empty.ForFile(file, "指标表中没有任何指标数值。", "The indicator sheet has no indicator values."));
        }
        else if (facts.Count > 0 && facts.All(f => f.Value is null) && !issues.Any(i => i.Severity == Severity.Error))
        {
            // A blank template sent back: never a version that would replace a real return.
            issues.Add(Rules.Empty.ForFile(file, "指标表中所有数值均为空（空白报表），未作为新版本保存。",
                "Every value of the indicator sheet is blank (an empty template); it is not stored as a new version."));
        }
        else if (facts.Count > 0)
        {
            CheckRequired(facts, file, issues);
        }

        var (stage, stageAt) = CheckStage(submission, period, file, issues);
        return new ValidatedSubmission(submission, region, period, facts, issues) { Stage = stage, StageLocation = stageAt };
    }

    /// <summary>
    /// The status of full-year figures: the cover's 数据类别 cell (快报 / 年报), or a word on the period
    /// (2025年（快报）). Unrecognised text is an error at its cell; a status on another quarter is
    /// recorded nowhere and said so.
    /// </summary>
    private static (DataStage? Stage, CellRef? At) CheckStage(Submission s, Period? period, string file, List<ValidationIssue> issues)
    {
        var (_, fromPeriod) = DataStages.Split(s.PeriodText.Text);
        var text = s.Stage?.Text?.Trim();
        DataStage? fromCover = null;
        if (!string.IsNullOrEmpty(text))
        {
            fromCover = DataStages.Read(text);
            if (fromCover is null)
            {
                issues.Add(Rules.MalformedStage.At(file, s.Stage!.Location, text, "快报 / 年报",
                    "数据类别应填“快报”（初步数）或“年报”（最终数），仅用于全年数据；其他季度留空。",
                    "The status should read 快报 (preliminary) or 年报 (final), for full-year figures only; leave it blank for other quarters."));
                return (null, null);
            }
        }

        if (fromCover is { } c && fromPeriod is { } p && c != p)
        {
            issues.Add(Rules.MalformedStage.At(file, s.Stage!.Location, text, p.LabelZh(),
                $"报告期写的是{p.LabelZh()}，数据类别却是{c.LabelZh()}，请统一。",
                $"The period says {p.LabelZh()} ({p.LabelEn()}) but the status says {c.LabelZh()} ({c.LabelEn()}); make them agree."));
            return (null, null);
        }

        var stage = fromCover ?? fromPeriod;
        var at = fromCover is not null ? s.Stage!.Location : s.PeriodText.Location;
        if (stage is not { } given || period is not { } q)
        {
            return (null, null);
        }

        if (q.Quarter != 4)
        {
            issues.Add(Rules.StageOutsideFullYear.At(file, at, given.LabelZh(), "(blank)",
                $"{q.LabelZh}不是全年数据，“{given.LabelZh()}”未记录。",
                $"{q.LabelEn} is not a full year, so '{given.LabelZh()}' ({given.LabelEn()}) was not recorded."));
            return (null, null);
        }

        return (given, at);
    }

    /// <summary>The catalogue's required indicators (两项收入 at least) must each have a figure.</summary>
    private void CheckRequired(List<FactValue> facts, string file, List<ValidationIssue> issues)
    {
        foreach (var indicator in catalog.Indicators.Where(i => i.Required))
        {
            // A row left blank (or given as not available). A return without the row at all is a
            // shortened layout the reader already reports by row; it is not judged here.
            var fact = facts.FirstOrDefault(f => string.Equals(f.Indicator.Code, indicator.Code, StringComparison.OrdinalIgnoreCase));
            if (fact is null || fact.Value is not null)
            {
                continue;
            }

            var message = ($"{indicator.NameZh}（{indicator.Code}）为必填指标，请填写本期数值。",
                $"{indicator.NameEn} ({indicator.Code}) is required: give this period's figure.");
            issues.Add(Rules.RequiredMissing.At(file, fact.Location, "(blank)", $"a number in {indicator.Unit}", message.Item1, message.Item2));
        }
    }

    /// <summary>
    /// The region name on the cover must not name another region than the code does (a code
    /// switched to a neighbour's while the name still says the district's own). A name that names no
    /// region of the catalogue is left alone.
    /// </summary>
    private void CheckRegionName(Submission s, Region region, string file, List<ValidationIssue> issues)
    {
        var name = s.RegionName?.Text?.Trim();
        if (string.IsNullOrEmpty(name) || Names(region, name))
        {
            return;
        }

        var named = catalog.Regions
            .Where(r => !string.Equals(r.Code, region.Code, StringComparison.OrdinalIgnoreCase) && Names(r, name))
            .OrderByDescending(r => r.NameZh.Length)
            .FirstOrDefault();
        if (named is null)
        {
            return;
        }

        issues.Add(Rules.RegionNameDisagrees.At(file, s.RegionName!.Location, name, $"{region.NameZh} {region.NameEn} (the name of code {region.Code})",
            $"封面地区代码{region.Code}是{region.NameZh}，但地区名称为“{name}”（{named.NameZh}的代码为{named.Code}）。请核对地区代码。",
            $"The cover's region code {region.Code} is {region.NameEn}, but its region name says '{name}' ({named.NameEn}, code {named.Code}). Check the region code."));
    }

    private static bool Names(Region region, string text) =>
        text.Contains(region.NameZh, StringComparison.Ordinal) ||
        (region.NameEn.Length > 0 && text.Contains(region.NameEn, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Where the file name or a folder above it names a period (2025Q3, 2025年前三季度) or the file
    /// name names a region (its code or its name), the cover must agree: a district that filled in
    /// last quarter's template, or another district's, is told so instead of overwriting that quarter.
    /// </summary>
    private void CheckFileName(Submission s, Region region, Period? period, string file, List<ValidationIssue> issues)
    {
        var full = Path.GetFullPath(file);
        var name = Path.GetFileNameWithoutExtension(full);
        if (period is { } p)
        {
            foreach (var (part, isFolder) in PathParts(full))
            {
                if (FileNamePeriod(part) is { } named && named != p)
                {
                    var where = isFolder ? $"folder '{part}'" : $"file name '{part}'";
                    issues.Add(Rules.PeriodDisagreesWithFileName.At(file, s.PeriodText.Location, s.PeriodText.Text,
                        $"{named.Code} ({named.LabelZh}), as the {where} says",
                        $"封面报告期为{p.LabelZh}，但{(isFolder ? "目录" : "文件名")}“{part}”为{named.LabelZh}。可能误用了其他报告期的报表，请核对后重新报送。",
                        $"The cover's period is {p.LabelEn} but the {where} says {named.LabelEn}: the template of another period may have been used. Check it and send the return again."));
                    break;
                }

                if (FileNamePeriod(part) is not null)
                {
                    break; // the nearest part that names a period decides
                }
            }
        }

        if (Names(region, name) || ContainsCode(name, region.Code))
        {
            return;
        }

        var other = catalog.Regions
            .Where(r => r.Level is RegionLevel.County or RegionLevel.City or RegionLevel.FunctionalArea)
            .Where(r => !string.Equals(r.Code, region.Code, StringComparison.OrdinalIgnoreCase))
            .Where(r => ContainsCode(name, r.Code) || name.Contains(r.NameZh, StringComparison.Ordinal))
            // A city named beside its district (绍兴市新昌县) is no disagreement.
            .Where(r => !(r.Level == RegionLevel.City && string.Equals(r.Code, region.ParentCode, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(r => r.NameZh.Length)
            .FirstOrDefault();
        if (other is null)
        {
            return;
        }

        issues.Add(Rules.RegionDisagreesWithFileName.At(file, s.RegionCode.Location, s.RegionCode.Text,
            $"{other.Code} ({other.NameZh}), as the file name '{name}' says",
            $"封面地区为{region.NameZh}（{region.Code}），但文件名“{name}”为{other.NameZh}（{other.Code}）。请核对地区代码。",
            $"The cover's region is {region.NameEn} ({region.Code}) but the file name '{name}' names {other.NameEn} ({other.Code}). Check the region code."));
    }

    private static IEnumerable<(string Part, bool IsFolder)> PathParts(string full)
    {
        yield return (Path.GetFileNameWithoutExtension(full), false);
        var dir = Path.GetDirectoryName(full);
        for (var depth = 0; depth < 3 && !string.IsNullOrEmpty(dir); depth++)
        {
            yield return (Path.GetFileName(dir), true);
            dir = Path.GetDirectoryName(dir);
        }
    }

    /// <summary>The period a file or folder name names: 2025Q3, 2025-Q3, 2025年前三季度, 2025年1-9月; null when none.</summary>
    public static Period? FileNamePeriod(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var m = System.Text.RegularExpressions.Regex.Match(text, @"(?<![0-9])(20[0-9]{2})[-_ ]?[Qq]([1-4])(?![0-9])");
        if (m.Success)
        {
            return new Period(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        return PeriodWording.Read(text, whole: false, out _);
    }

    private static bool ContainsCode(string text, string code) =>
        System.Text.RegularExpressions.Regex.IsMatch(text, $"(?<![0-9A-Za-z]){System.Text.RegularExpressions.Regex.Escape(code)}(?![0-9A-Za-z])");

    private Period? CheckPeriod(Submission s, string file, List<ValidationIssue> issues)
    {
        var text = s.PeriodText.Text?.Trim();
        var (periodText, _) = DataStages.Split(text);
        if (!Period.TryParse(periodText, out var period))
        {
            _ = PeriodWording.Read(periodText, whole: false, out var singleQuarter);
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
