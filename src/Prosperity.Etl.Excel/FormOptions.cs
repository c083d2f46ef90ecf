namespace Prosperity.Etl.Excel;

/// <summary>
/// What an official statistical form carries in its top corner (configuration section <c>Form</c>):
/// 表号 (form number), 制定机关 (the office that set the form), 批准文号 (the approval number) and
/// 有效期至 (valid until). The template's cover prints them above the return; a value left empty
/// prints as a blank line to be filled in by hand. docs/submission-format.md gives the layout.
/// </summary>
public sealed class FormOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Form";

    /// <summary>表号, e.g. 共富监测季1表.</summary>
    public string FormNumber { get; set; } = "共富监测季1表";

    /// <summary>制定机关, e.g. 浙江省统计局.</summary>
    public string Authority { get; set; } = "浙江省统计局";

    /// <summary>批准文号, as the approving office issued it (e.g. 浙统制〔2025〕12号); empty until the form is approved.</summary>
    public string ApprovalNumber { get; set; } = string.Empty;

    /// <summary>有效期至, e.g. 2027年12月; empty until the form is approved.</summary>
    public string ValidUntil { get; set; } = string.Empty;

    /// <summary>The four lines as printed (label, value; an empty value is a blank to fill in).</summary>
    public IReadOnlyList<(string Label, string Value)> Lines() =>
    [
        ("表　　号：", Trimmed(FormNumber)),
        ("制定机关：", Trimmed(Authority)),
        ("批准文号：", Trimmed(ApprovalNumber)),
        ("有效期至：", Trimmed(ValidUntil)),
    ];

    /// <summary>A usage message naming the key when a value is too long to print in the corner, else null.</summary>
    public string? Problem()
    {
        foreach (var (key, value) in new[] { (nameof(FormNumber), FormNumber), (nameof(Authority), Authority), (nameof(ApprovalNumber), ApprovalNumber), (nameof(ValidUntil), ValidUntil) })
        {
            if (value is { Length: > MaxLength })
            {
                return $"{SectionName}:{key} is {value.Length} characters long; the form's corner holds at most {MaxLength}.";
            }
        }

        return null;
    }

    /// <summary>The longest value printed in the corner.</summary>
    public const int MaxLength = 40;

    private static string Trimmed(string? text) => text?.Trim() ?? string.Empty;
}
