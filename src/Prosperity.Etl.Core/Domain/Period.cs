using System.Globalization;
using System.Text.RegularExpressions;

namespace Prosperity.Etl.Domain;

/// <summary>
/// A quarterly reporting period. Flows are reported year-to-date, so <c>2025Q3</c> covers
/// January to September 2025 ("2025年1-3季度").
/// </summary>
public readonly partial record struct Period(int Year, int Quarter) : IComparable<Period>
{
    /// <summary>The first year a period may name.</summary>
    public const int MinYear = 1990;

    /// <summary>The last year a period may name.</summary>
    public const int MaxYear = 2100;

    /// <summary>The period code as written on the command line and in the warehouse, e.g. <c>2025Q3</c>.</summary>
    public string Code => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Quarter}");

    /// <summary>A sortable integer key, e.g. 20253.</summary>
    public int Key => (Year * 10) + Quarter;

    /// <summary>The Chinese year-to-date label: 2025年1季度, 2025年1-2季度, 2025年1-3季度, 2025年1-4季度.</summary>
    public string LabelZh => Quarter == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Year}年1季度")
        : string.Create(CultureInfo.InvariantCulture, $"{Year}年1-{Quarter}季度");

    /// <summary>The English year-to-date label: 2025 Q1, 2025 Q1-Q2, ...</summary>
    public string LabelEn => Quarter == 1
        ? string.Create(CultureInfo.InvariantCulture, $"{Year} Q1")
        : string.Create(CultureInfo.InvariantCulture, $"{Year} Q1-Q{Quarter}");

    /// <summary>The first day of the year (the start of the year-to-date span).</summary>
    public DateOnly YearStart => new(Year, 1, 1);

    /// <summary>The last day of the quarter.</summary>
    public DateOnly End => new DateOnly(Year, Quarter * 3, 1).AddMonths(1).AddDays(-1);

    /// <summary>The quarter before this one (2025Q1 gives 2024Q4).</summary>
    public Period Previous => Quarter == 1 ? new Period(Year - 1, 4) : new Period(Year, Quarter - 1);

    /// <summary>The quarter after this one (2025Q4 gives 2026Q1).</summary>
    public Period Next => Quarter == 4 ? new Period(Year + 1, 1) : new Period(Year, Quarter + 1);

    /// <summary>The same quarter a year earlier.</summary>
    public Period SameQuarterLastYear => new(Year - 1, Quarter);

    /// <inheritdoc />
    public int CompareTo(Period other) => Key.CompareTo(other.Key);

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;
    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;
    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => Code;

    /// <summary>China's offset from UTC (no daylight saving): quarters end and returns are dated in China time.</summary>
    public static TimeSpan ChinaOffset { get; } = TimeSpan.FromHours(8);

    /// <summary>The last quarter that has ended at <paramref name="now"/>, in China time.</summary>
    public static Period LatestEnded(DateTimeOffset now) => Containing(DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime)).Previous;

    /// <summary>The period whose quarter contains <paramref name="date"/>.</summary>
    public static Period Containing(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>
    /// Parses <c>2025Q3</c> (also <c>2025-Q3</c>, <c>2025 q3</c>) and the Chinese forms
    /// <c>2025年1-3季度</c>, <c>2025年3季度</c>, <c>2025年第三季度</c>, <c>2025年前三季度</c>.
    /// </summary>
    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var m = CodePattern().Match(s);
        if (!m.Success)
        {
            m = ChinesePattern().Match(s);
        }

        if (!m.Success)
        {
            return false;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var q = QuarterDigit(m.Groups["q"].Value);
        if (year < MinYear || year > MaxYear || q is < 1 or > 4)
        {
            return false;
        }

        period = new Period(year, q);
        return true;
    }

    /// <summary>Parses a period or throws <see cref="FormatException"/> naming what was expected.</summary>
    public static Period Parse(string text) => TryParse(text, out var p)
        ? p
        : throw new FormatException($"'{text}' is not a period; expected a year and quarter such as 2025Q3.");

    private static int QuarterDigit(string q) => q switch
    {
        "一" => 1,
        "二" => 2,
        "三" => 3,
        "四" => 4,
        _ => int.TryParse(q, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
    };

    [GeneratedRegex(@"^(?<y>\d{4})\s*-?\s*[Qq](?<q>\d)$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^(?<y>\d{4})\s*年\s*(?:1\s*[-—~至]\s*|第|前)?(?<q>[1-4一二三四])\s*季度?$")]
    private static partial Regex ChinesePattern();
}
