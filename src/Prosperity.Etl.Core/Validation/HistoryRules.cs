using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Validation;

/// <summary>
/// Rules that compare a return with the region's own history in the warehouse: a year-to-date flow
/// below the same year's previous quarter (CON003, an error), and the outlier warnings: change on
/// the previous quarter (OUT001, stocks and ratios only) and on the same quarter last year (OUT002)
/// beyond the indicator's threshold, and a robust median/MAD z-score beyond the limit (OUT003).
/// </summary>
/// <remarks>
/// Flows are seasonal (national rural income 2024: 6,596 yuan in Q1, 10,919 by H1, so Q2 alone is
/// 34 % below Q1 in an ordinary year), so a flow is never compared with the adjacent quarter: its
/// quarter-only amount (YTD(q) - YTD(q-1)) is compared with the same quarter's a year earlier, or its
/// cumulative figure with last year's where a quarter-only amount cannot be formed. Stocks and ratios
/// are compared with the previous quarter and with the same quarter last year. Targets are plans,
/// not observations, and are not compared.
/// </remarks>
public sealed class HistoryRules(ValidationOptions options)
{
    // 0.6745 is the 0.75 quantile of the standard normal: it makes the MAD comparable to a standard deviation.
    private const decimal MadScale = 0.6745m;

    /// <summary>The periods the rules need for a return of <paramref name="period"/>.</summary>
    public (Period From, Period To) HistoryRange(Period period) =>
        (new Period(period.Year - options.HistoryYears, 1), period.Previous);

    /// <summary>The issues of <paramref name="submission"/> against <paramref name="history"/> (the current period's own rows are ignored).</summary>
    public IReadOnlyList<ValidationIssue> Check(ValidatedSubmission submission, IReadOnlyList<HistoryValue> history)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(history);
        var issues = new List<ValidationIssue>();
        if (submission.Period is not { } period || history.Count == 0)
        {
            return issues;
        }

        var file = submission.Submission?.SourcePath ?? string.Empty;
        var past = history.Where(h => h.Period < period && h.Value is not null)
            .GroupBy(h => h.IndicatorCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.GroupBy(h => h.Period).ToDictionary(x => x.Key, x => x.First().Value!.Value), StringComparer.OrdinalIgnoreCase);

        foreach (var fact in submission.Facts)
        {
            if (fact.Value is not { } value || fact.Indicator.Kind == IndicatorKind.Target || !past.TryGetValue(fact.Indicator.Code, out var series))
            {
                continue;
            }

            var withCurrent = new Dictionary<Period, decimal>(series) { [period] = value };
            if (CheckYtd(file, fact, period, value, series, issues))
            {
                continue;
            }

            var isFlow = fact.Indicator.Kind == IndicatorKind.FlowYtd;
            if (!isFlow)
            {
                CheckChange(file, fact, value, series.TryGetValue(period.Previous, out var pq) ? pq : null,
                    period.Previous, Rules.ChangeOnPreviousQuarter, "上季度", "the previous quarter", issues);
            }

            var lastYear = period.SameQuarterLastYear;
            decimal? now = value;
            decimal? then = series.TryGetValue(lastYear, out var ly) ? ly : null;
            if (isFlow && Level(fact.Indicator, period, withCurrent) is { } quarterNow && Level(fact.Indicator, lastYear, withCurrent) is { } quarterThen)
            {
                (now, then) = (quarterNow, quarterThen);
            }

            CheckChange(file, fact, now, then, lastYear, Rules.ChangeOnLastYear, "上年同期", "the same quarter last year", issues);
            CheckZScore(file, fact, period, withCurrent, issues);
        }

        return issues;
    }

    private static bool CheckYtd(string file, FactValue fact, Period period, decimal value, Dictionary<Period, decimal> series, List<ValidationIssue> issues)
    {
        if (fact.Indicator.Kind != IndicatorKind.FlowYtd || period.Quarter == 1 || !series.TryGetValue(period.Previous, out var previous) || value >= previous)
        {
            return false;
        }

        var prev = period.Previous;
        issues.Add(Rules.YtdBelowPreviousQuarter.At(file, fact.Location, Show(value),
            string.Create(CultureInfo.InvariantCulture, $">= {Show(previous)} ({prev.Code} in the warehouse)"),
            $"{fact.Indicator.NameZh}是1月起的累计数，不能小于{prev.LabelZh}已入库的{Show(previous)}；如上季度数有误，请先重报上季度。",
            $"{fact.Indicator.NameEn} is cumulative from January and cannot be below {Show(previous)}, the value loaded for {prev.LabelEn}; if that figure was wrong, resubmit {prev.Code} first."));
        return true;
    }

    private void CheckChange(string file, FactValue fact, decimal? current, decimal? earlier, Period earlierPeriod, Rule rule,
        string whenZh, string whenEn, List<ValidationIssue> issues)
    {
        if (current is not { } c || earlier is not { } e || e == 0m)
        {
            return;
        }

        var change = (c - e) / Math.Abs(e);
        var threshold = options.ChangeThreshold(fact.Indicator.Code);
        if (Math.Abs(change) <= threshold)
        {
            return;
        }

        var quarterOnly = fact.Indicator.Kind == IndicatorKind.FlowYtd && fact.Value != c;
        var what = quarterOnly ? "quarter-only amount" : "value";
        var whatZh = quarterOnly ? "当季数" : "数值";
        var found = quarterOnly ? Show(fact.Value) + string.Create(CultureInfo.InvariantCulture, $" (quarter-only {Show(c)})") : Show(fact.Value);
        issues.Add(rule.At(file, fact.Location, found,
            string.Create(CultureInfo.InvariantCulture, $"within ±{threshold:P0} of {Show(e)} ({earlierPeriod.Code})"),
            string.Create(CultureInfo.InvariantCulture, $"{fact.Indicator.NameZh}的{whatZh}与{whenZh}（{earlierPeriod.Code}：{Show(e)}）相比变化{change:P0}，超过±{threshold:P0}，请核实或在说明栏说明。"),
            string.Create(CultureInfo.InvariantCulture, $"The {what} of {fact.Indicator.NameEn} changed by {change:P0} on {whenEn} ({earlierPeriod.Code}: {Show(e)}), beyond ±{threshold:P0}; check it or explain it in the explanation column.")));
    }

    private void CheckZScore(string file, FactValue fact, Period period, Dictionary<Period, decimal> series, List<ValidationIssue> issues)
    {
        var levels = series.Keys.Where(p => p < period)
            .Select(p => Level(fact.Indicator, p, series))
            .OfType<decimal>()
            .ToList();
        if (levels.Count < options.MinHistoryForZScore || Level(fact.Indicator, period, series) is not { } x)
        {
            return;
        }

        var median = Median(levels);
        var mad = Median(levels.Select(v => Math.Abs(v - median)).ToList());
        if (mad == 0m)
        {
            return;
        }

        var z = MadScale * (x - median) / mad;
        if (Math.Abs(z) <= options.ZScoreLimit)
        {
            return;
        }

        issues.Add(Rules.RobustZScore.At(file, fact.Location, Show(fact.Value),
            string.Create(CultureInfo.InvariantCulture, $"|z| <= {options.ZScoreLimit} (median {Show(Math.Round(median, 4))}, MAD {Show(Math.Round(mad, 4))} over {levels.Count} quarters)"),
            string.Create(CultureInfo.InvariantCulture, $"{fact.Indicator.NameZh}偏离本地区近{levels.Count}个季度的中位数{Show(Math.Round(median, 4))}（稳健z值{z:0.0}），请核实或在说明栏说明。"),
            string.Create(CultureInfo.InvariantCulture, $"{fact.Indicator.NameEn} is far from the region's median of {Show(Math.Round(median, 4))} over {levels.Count} quarters (robust z-score {z:0.0}); check it or explain it in the explanation column.")));
    }

    /// <summary>What is compared between quarters: the quarter-only amount of a flow, the value otherwise.</summary>
    private static decimal? Level(Indicator indicator, Period period, Dictionary<Period, decimal> series)
    {
        if (!series.TryGetValue(period, out var value))
        {
            return null;
        }

        if (indicator.Kind != IndicatorKind.FlowYtd || period.Quarter == 1)
        {
            return value;
        }

        return series.TryGetValue(period.Previous, out var previous) ? value - previous : null;
    }

    private static decimal Median(List<decimal> values)
    {
        values.Sort();
        var mid = values.Count / 2;
        return values.Count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2m;
    }

    private static string Show(decimal? value) => ConsistencyRules.Show(value);
}
