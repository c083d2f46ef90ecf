using System.Globalization;

namespace Prosperity.Etl.Excel.Cells;

/// <summary>Serial dates of either date system, and which number formats show a number as a date.</summary>
public static class ExcelDates
{
    private static readonly DateTime Epoch1904 = new(1904, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>The date of a serial number; null when it is not a date Excel can show.</summary>
    public static DateTime? FromSerial(double serial, bool date1904)
    {
        if (!double.IsFinite(serial) || serial < 0 || serial > 2_958_465)
        {
            return null;
        }

        try
        {
            // The 1900 system counts the non-existent 1900-02-29; OLE Automation dates share its numbering from 1900-03-01 on.
            return date1904 ? Epoch1904.AddDays(serial) : DateTime.FromOADate(serial < 60 ? serial + 1 : serial);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>ISO 8601: the date alone when it has no time of day.</summary>
    public static string ToIso(DateTime value) =>
        value.TimeOfDay == TimeSpan.Zero
            ? value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>True for a built-in number format id that shows a date or time (including the CJK ones).</summary>
    public static bool IsBuiltInDateFormat(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    /// <summary>True for a custom number format code that shows a date or time.</summary>
    public static bool IsDateFormatCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return false;
        }

        try
        {
            var format = new ExcelNumberFormat.NumberFormat(code);
            return format.IsValid && format.IsDateTimeFormat;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
