using System.Globalization;
using System.Text;

namespace Prosperity.Etl.Display;

/// <summary>
/// Text from a district's workbook or a client's request, made safe to print on a terminal or
/// write to a log: control characters (ESC and the rest of C0 and C1, DEL, line breaks inside a
/// value) and the bidirectional overrides and isolates that reorder what is shown are written as
/// visible escapes (<c>\u001B</c>), so a cell cannot clear the screen, retitle the window, forge a
/// log line or make "rejected" read as something else.
/// </summary>
public static class SafeText
{
    /// <summary>The value with every control and bidi-control character escaped; null stays null.</summary>
    public static string? ForTerminal(string? text)
    {
        if (text is null || !NeedsEscaping(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The same escaping, for a value written into a log event.</summary>
    public static string? ForLog(string? text) => ForTerminal(text);

    /// <summary>True when the text holds a character <see cref="ForTerminal"/> escapes.</summary>
    public static bool NeedsEscaping(string? text) => text is not null && text.Any(IsUnsafe);

    /// <summary>True for a control character or a bidirectional formatting character.</summary>
    public static bool IsUnsafe(char c) =>
        c < ' ' || c is >= '\u007F' and <= '\u009F'
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
        || c is '\u2028' or '\u2029';
}
