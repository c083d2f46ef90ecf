using System.Text.Json.Serialization;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Host.Cli;

/// <summary>An issue in the JSON of <c>validate</c> and <c>inspect</c> (docs/validation.md).</summary>
internal sealed record IssueJson(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("sheet")] string? Sheet,
    [property: JsonPropertyName("cell")] string? Cell,
    [property: JsonPropertyName("found")] string? Found,
    [property: JsonPropertyName("expected")] string? Expected,
    [property: JsonPropertyName("message_zh")] string MessageZh,
    [property: JsonPropertyName("message_en")] string MessageEn)
{
    public static IssueJson From(ValidationIssue i) =>
        new(i.Code, i.Severity == Validation.Severity.Error ? "error" : "warning", i.Sheet, i.Cell, i.Found, i.Expected, i.MessageZh, i.MessageEn);
}
