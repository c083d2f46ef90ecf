using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Validation;

/// <summary>A validation rule: a stable code, its default severity and its title in both languages.</summary>
public sealed record Rule(string Code, Severity Severity, string TitleZh, string TitleEn)
{
    /// <summary>An issue of this rule at a cell.</summary>
    public ValidationIssue At(string file, CellRef? place, string? found, string? expected, string messageZh, string messageEn) =>
        new(Code, Severity, file, place?.Sheet, place?.Cell, found, expected, messageZh, messageEn);

    /// <summary>An issue of this rule about the whole file.</summary>
    public ValidationIssue ForFile(string file, string messageZh, string messageEn, string? found = null, string? expected = null) =>
        new(Code, Severity, file, null, null, found, expected, messageZh, messageEn);
}
