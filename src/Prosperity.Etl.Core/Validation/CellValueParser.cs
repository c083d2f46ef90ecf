using System.Globalization;
using System.Text;

namespace Prosperity.Etl.Validation;

/// <summary>
/// Turns what districts type into numbers: thousands separators, full-width digits, trailing
/// units (元, 万元, 亿元, 人, 万人, 个, 条, 家, 户, 万户, 倍, %) converted to the catalogue unit, and the usual
/// "not available" markers.
/// </summary>
public static class CellValueParser
{
    private static readonly string[] NotAvailableMarkers = ["—", "——", "-", "--", "/", "…", "N/A", "NA", "无"];

    // Longest first so that 万元 wins over 元.
    private static readonly (string Unit, string Family, decimal Scale)[] Units =
    [
        ("亿元", "money", 100_000_000m),
        ("万元", "money", 10_000m),
        ("万户", "count", 10_000m),
        ("万人", "persons", 10_000m),
        ("万个", "count", 10_000m),
        ("元", "money", 1m),
        ("人", "persons", 1m),
        ("个", "count", 1m),
        ("条", "count", 1m),
        ("家", "count", 1m),
        ("户", "count", 1m),
        ("倍", "ratio", 1m),
        ("ratio", "ratio", 1m),
        ("%", "percent", 1m),
    ];

    /// <summary>Parses a number typed as text; <paramref name="catalogueUnit"/> is the unit to convert to.</summary>
    public static ParsedCellValue ParseText(string? text, string catalogueUnit)
    {
        if (text is null)
        {
            return new(CellValueKind.NotAvailable, null);
        }

        var s = Normalise(text);
        if (s.Length == 0 || NotAvailableMarkers.Contains(s, StringComparer.OrdinalIgnoreCase))
        {
            return new(CellValueKind.NotAvailable, null);
        }

        string? typedUnit = null;
        foreach (var (unit, _, _) in Units)
        {
            if (s.EndsWith(unit, StringComparison.Ordinal))
            {
                typedUnit = unit;
                s = s[..^unit.Length].TrimEnd();
                break;
            }
        }

        if (!decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var number))
        {
            return new(CellValueKind.Invalid, null);
        }

        if (typedUnit is null || typedUnit == catalogueUnit)
        {
            return new(CellValueKind.Number, number, typedUnit);
        }

        var factor = ConversionFactor(typedUnit, catalogueUnit);
        return factor is { } f
            ? new(CellValueKind.Number, number * f, typedUnit, f)
            : new(CellValueKind.UnitNotConvertible, number, typedUnit);
    }

    /// <summary>The factor that turns a value in <paramref name="from"/> into <paramref name="to"/>, or null.</summary>
    public static decimal? ConversionFactor(string from, string to)
    {
        var a = Units.FirstOrDefault(u => u.Unit == from);
        var b = Units.FirstOrDefault(u => u.Unit == to);
        if (a.Unit is null || b.Unit is null || a.Family != b.Family)
        {
            return null;
        }

        return a.Scale / b.Scale;
    }

    /// <summary>Full-width to half-width, Chinese comma and spaces removed.</summary>
    private static string Normalise(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Trim())
        {
            var c = ch switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(ch - 0xFEE0),
                '\u3000' or '\u00A0' => ' ',
                _ => ch,
            };
            if (c is ' ' or '，' or '、')
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
