using System.Globalization;
using System.Text.RegularExpressions;

namespace Prosperity.Etl.Domain;

/// <summary>
/// The ways Chinese bureaus word a cumulative (year-to-date) period: 2025年一季度, 2025年上半年 or
/// 1-6月, 2025年前三季度 or 1-9月, and for the full year 2025年, 2025年全年 or 1-12月. A single-quarter
/// wording after the first quarter (2025年四季度 means October-December alone) does not name a
/// year-to-date period; <see cref="Read"/> says so and what to write instead.
/// </summary>
public static partial class PeriodWording
{
    /// <summary>
    /// Reads the period <paramref name="text"/> names. With <paramref name="whole"/> the text must be
    /// the period and nothing else (a cover cell); otherwise the period is the first one named in it
    /// (a title such as 2025年全省各市城乡居民人均可支配收入, which names the full year 2025).
    /// </summary>
    /// <returns>The period, or null with <paramref name="problem"/> saying why when the text names a single quarter.</returns>
    public static Period? Read(string? text, bool whole, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = Spaces().Replace(text.Normalize(System.Text.NormalizationForm.FormKC), string.Empty);
        foreach (Match m in YearPattern().Matches(s))
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (year is < Period.MinYear or > Period.MaxYear)
            {
                continue;
            }

            var rest = s[(m.Index + m.Length)..];
            if (whole && m.Index != 0)
            {
                return null;
            }

            var (quarter, length, single) = After(rest);
            if (quarter == 0 || (whole && length != rest.Length))
            {
                if (whole)
                {
                    return null;
                }

                continue;
            }

            if (single)
            {
                problem = SingleQuarterProblem(year, quarter);
                return null;
            }

            return new Period(year, quarter);
        }

        return null;
    }

    /// <summary>The year-to-date wordings of a quarter, for messages: 2025年前三季度 or 2025年1-9月.</summary>
    public static string Expected(int year, int quarter) => quarter switch
    {
        1 => string.Create(CultureInfo.InvariantCulture, $"{year}年一季度 / {year}年1-3月"),
        2 => string.Create(CultureInfo.InvariantCulture, $"{year}年上半年 / {year}年1-6月"),
        3 => string.Create(CultureInfo.InvariantCulture, $"{year}年前三季度 / {year}年1-9月"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{year}年 / {year}年全年 / {year}年1-12月"),
    };

    private static string SingleQuarterProblem(int year, int quarter)
    {
        var names = new[] { "", "一", "二", "三", "四" };
        var months = string.Create(CultureInfo.InvariantCulture, $"{(quarter * 3) - 2}-{quarter * 3}");
        return string.Create(CultureInfo.InvariantCulture,
            $"“{year}年{names[quarter]}季度”只指{months}月，本表填报1月起的累计数，请写作{Expected(year, quarter)}。 '{year}年{names[quarter]}季度' means months {months} alone; this return is year-to-date: write {Expected(year, quarter)}.");
    }

    // The quarter the wording after "2025年" names, the characters it takes, and whether it is a single quarter.
    private static (int Quarter, int Length, bool Single) After(string rest)
    {
        if (Cumulative().Match(rest) is { Success: true } c)
        {
            return (Digit(c.Groups["q"].Value), c.Length, false);
        }

        if (Months().Match(rest) is { Success: true } mo)
        {
            var month = int.Parse(mo.Groups["m"].Value, CultureInfo.InvariantCulture);
            return month is 3 or 6 or 9 or 12 ? (month / 3, mo.Length, false) : (0, 0, false);
        }

        if (HalfYear().Match(rest) is { Success: true } h)
        {
            return (2, h.Length, false);
        }

        if (Quarter().Match(rest) is { Success: true } q)
        {
            var n = Digit(q.Groups["q"].Value);
            return (n, q.Length, n > 1);
        }

        if (FullYear().Match(rest) is { Success: true } y)
        {
            return (4, y.Length, false);
        }

        // 2025年 alone, or followed by what the table is about (2025年全省各市…): the full year.
        return rest.Length == 0 || !char.IsDigit(rest[0]) ? (4, 0, false) : (0, 0, false);
    }

    private static int Digit(string q) => q switch
    {
        "一" => 1,
        "二" or "两" => 2,
        "三" => 3,
        "四" => 4,
        _ => int.Parse(q, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"(?<y>\d{4})年(?!\d{4})")]
    private static partial Regex YearPattern();

    // 1-3季度 (the old cumulative wording), 前三季度, 1-4季度.
    [GeneratedRegex(@"^(?:1[-—~至－]|前)(?<q>[1-4一二两三四])个?季度")]
    private static partial Regex Cumulative();

    [GeneratedRegex(@"^(?:1[-—~至－])?(?<m>\d{1,2})月(?:份)?(?:累计)?")]
    private static partial Regex Months();

    [GeneratedRegex(@"^上半年(?:度)?")]
    private static partial Regex HalfYear();

    [GeneratedRegex(@"^第?(?<q>[1-4一二三四])季度?")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"^(?:[（(]?全年[)）]?|度)")]
    private static partial Regex FullYear();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
