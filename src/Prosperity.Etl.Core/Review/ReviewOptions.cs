using System.Globalization;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Review;

/// <summary>
/// Review and deadlines, bound from the <c>Review</c> configuration section: whether a validated
/// return waits for a reviewer's approval before it counts (<see cref="Required"/>, on by default),
/// and when each period's returns are due.
/// </summary>
public sealed class ReviewOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Review";

    /// <summary>
    /// True (the default): a return that passes validation waits for approval (审核). False: it is
    /// approved at once, unless its period has been published (a revision always waits).
    /// </summary>
    public bool Required { get; set; } = true;

    /// <summary>Returns are due this many days after the quarter ends (default 10: the 10th of the next month).</summary>
    public int DueDays { get; set; } = 10;

    /// <summary>Due dates of particular periods, overriding <see cref="DueDays"/>: <c>Review:DueDates:2025Q3 = 2025-10-15</c>.</summary>
    public Dictionary<string, string> DueDates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The due date of <paramref name="period"/>'s returns.</summary>
    public DateOnly DueOn(Period period)
    {
        if (DueDates.TryGetValue(period.Code, out var text))
        {
            if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            throw new FormatException($"Review:DueDates:{period.Code} is '{text}'; give a date such as 2025-10-15.");
        }

        return period.End.AddDays(DueDays);
    }

    /// <summary>Whole days after the due date the file arrived on (China time); 0 when on time.</summary>
    public int DaysLate(Period period, DateTimeOffset arrivedAt)
    {
        var day = DateOnly.FromDateTime(arrivedAt.ToOffset(Period.ChinaOffset).DateTime);
        return Math.Max(0, day.DayNumber - DueOn(period).DayNumber);
    }
}
