namespace Prosperity.Etl.Validation;

/// <summary>
/// One problem with a submission, addressed so the district can act on it: the rule code, the
/// file, sheet and cell, the value found, what was expected, and a message in Chinese and English.
/// </summary>
public sealed record ValidationIssue(
    string Code,
    Severity Severity,
    string File,
    string? Sheet,
    string? Cell,
    string? Found,
    string? Expected,
    string MessageZh,
    string MessageEn)
{
    /// <summary>The place as <c>Sheet!A1</c>, or the sheet, or nothing.</summary>
    public string Place => (Sheet, Cell) switch
    {
        (not null, not null) => $"{Sheet}!{Cell}",
        (not null, null) => Sheet,
        _ => string.Empty,
    };

    /// <summary>One line for the terminal: file, place, code, English and Chinese message.</summary>
    public string ToLine()
    {
        var place = Place.Length > 0 ? $" {Place}" : string.Empty;
        var found = Found is null ? string.Empty : $" (found '{Found}'";
        var expected = Expected is null ? string.Empty : (found.Length > 0 ? $", expected {Expected})" : $" (expected {Expected})");
        if (found.Length > 0 && expected.Length == 0)
        {
            found += ")";
        }

        // Printed on terminals: what a district wrote (a cell, a code, a sheet name) cannot carry escape codes.
        return Display.SafeText.ForTerminal($"{Path.GetFileName(File)}:{place} {Code} {MessageEn}{found}{expected} / {MessageZh}")!;
    }
}
