using System.Globalization;
using System.Text.RegularExpressions;

namespace Prosperity.Etl.Domain;

/// <summary>
/// A quarterly reporting period. Flows are reported year-to-date, so <c>2025Q3</c> covers
/// January to September 2025 ("2025年前三季度").
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

    /// <summary>
    /// The Chinese year-to-date label as bureaus print it: 2025年一季度, 2025年上半年, 2025年前三季度 and,
    /// for the full year, 2025年 (全年).
    /// </summary>
    public string LabelZh => Quarter switch
    {
        1 => string.Create(CultureInfo.InvariantCulture, $"{Year}年一季度"),
        2 => string.Create(CultureInfo.InvariantCulture, $"{Year}年上半年"),
        3 => string.Create(CultureInfo.InvariantCulture, $"{Year}年前三季度"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}年"),
    };

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
    /// Parses <c>2025Q3</c> (also <c>2025-Q3</c>, <c>2025 q3</c>) and the Chinese year-to-date wordings
    /// of <see cref="PeriodWording"/>: <c>2025年一季度</c>, <c>2025年上半年</c>, <c>2025年1-6月</c>,
    /// <c>2025年前三季度</c>, <c>2025年1-3季度</c>, <c>2025年</c>, <c>2025年全年</c>, <c>2025年1-12月</c>.
    /// A single quarter after the first (<c>2025年四季度</c>) is not a year-to-date period and fails.
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
            if (PeriodWording.Read(s, whole: true, out _) is { } worded)
            {
                period = worded;
                return true;
            }

            return false;
        }

        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        var q = int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture);
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

    [GeneratedRegex(@"^(?<y>\d{4})\s*-?\s*[Qq](?<q>\d)$")]
    private static partial Regex CodePattern();
}
