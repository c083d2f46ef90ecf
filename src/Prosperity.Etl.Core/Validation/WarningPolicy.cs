namespace Prosperity.Etl.Validation;

/// <summary>
/// What a warning does to a submission. Errors always reject. A warning whose row carries an
/// explanation (上报说明) is accepted and flagged; one without is accepted and flagged too, unless
/// <see cref="ValidationOptions.RequireExplanationForWarnings"/> is set, which makes it an error.
/// </summary>
public static class WarningPolicy
{
    /// <summary>The issues with the policy applied; <paramref name="submission"/> supplies the explanations by cell.</summary>
    public static IReadOnlyList<ValidationIssue> Apply(IReadOnlyList<ValidationIssue> issues, ValidatedSubmission? submission, ValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(issues);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.RequireExplanationForWarnings)
        {
            return issues;
        }

        var explained = new HashSet<(string, string)>();
        foreach (var line in submission?.Submission?.Values ?? [])
        {
            if (!string.IsNullOrWhiteSpace(line.Explanation))
            {
                explained.Add((line.Location.Sheet, line.Location.Cell));
            }
        }

        return issues.Select(i => i.Severity == Severity.Warning && !(i.Sheet is { } s && i.Cell is { } c && explained.Contains((s, c)))
            ? i with
            {
                Severity = Severity.Error,
                MessageZh = i.MessageZh + "（须在说明栏说明）",
                MessageEn = i.MessageEn + " (an explanation is required)",
            }
            : i).ToList();
    }

    /// <summary>True when the warning at this cell has an explanation on its row.</summary>
    public static bool IsExplained(ValidationIssue issue, ValidatedSubmission? submission)
    {
        ArgumentNullException.ThrowIfNull(issue);
        return submission?.Submission?.Values.Any(v => v.Location.Sheet == issue.Sheet && v.Location.Cell == issue.Cell && !string.IsNullOrWhiteSpace(v.Explanation)) == true;
    }
}
