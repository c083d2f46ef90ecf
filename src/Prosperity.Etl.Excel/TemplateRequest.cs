using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Excel;

/// <summary>What goes into a submission workbook: the region, the period, and optionally the figures.</summary>
public sealed record TemplateRequest(Region Region, Period Period, IReadOnlyList<Indicator> Indicators)
{
    /// <summary>Values by indicator code to pre-fill (samples, tests); missing codes stay blank.</summary>
    public IReadOnlyDictionary<string, decimal?> Values { get; init; } = new Dictionary<string, decimal?>();

    /// <summary>Explanations by indicator code.</summary>
    public IReadOnlyDictionary<string, string> Explanations { get; init; } = new Dictionary<string, string>();

    /// <summary>The day the return is due (报送截止日期), written on the cover; none when not given.</summary>
    public DateOnly? DueOn { get; init; }

    /// <summary>Submitter name for the cover.</summary>
    public string? Submitter { get; init; }

    /// <summary>Contact for the cover.</summary>
    public string? Contact { get; init; }

    /// <summary>Date filled in, for the cover.</summary>
    public DateOnly? FilledOn { get; init; }

    /// <summary>表号 / 制定机关 / 批准文号 / 有效期至 printed in the cover's corner.</summary>
    public FormOptions Form { get; init; } = new();

    /// <summary>Region codes offered in the cover's drop-down (defaults to the region itself).</summary>
    public IReadOnlyList<Region> RegionChoices { get; init; } = [];
}
