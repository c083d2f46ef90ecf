namespace Prosperity.Etl.Validation;

/// <summary>Validation settings, bound from the <c>Validation</c> configuration section.</summary>
public sealed class ValidationOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Validation";

    /// <summary>
    /// When true, a warning whose row has no explanation (上报说明) becomes an error and rejects the
    /// submission. By default such a warning is accepted and flagged.
    /// </summary>
    public bool RequireExplanationForWarnings { get; set; }

    /// <summary>The relative change (0.5 = 50 %) beyond which OUT001 and OUT002 warn, for indicators without their own threshold.</summary>
    public decimal DefaultChangeThreshold { get; set; } = 0.5m;

    /// <summary>Per-indicator change thresholds (indicator code to relative change); incomes move slowly, counts jump.</summary>
    public Dictionary<string, decimal> ChangeThresholds { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["INC_URBAN_PC"] = 0.3m,
        ["INC_RURAL_PC"] = 0.3m,
        ["RATIO_URBAN_RURAL"] = 0.15m,
    };

    /// <summary>The robust (median/MAD) z-score beyond which OUT003 warns (Iglewicz and Hoaglin's 3.5).</summary>
    public decimal ZScoreLimit { get; set; } = 3.5m;

    /// <summary>The fewest earlier quarters a robust z-score is computed from.</summary>
    public int MinHistoryForZScore { get; set; } = 8;

    /// <summary>How many years of the region's history the outlier rules look at.</summary>
    public int HistoryYears { get; set; } = 5;

    /// <summary>The change threshold of an indicator.</summary>
    public decimal ChangeThreshold(string indicatorCode) =>
        ChangeThresholds.TryGetValue(indicatorCode, out var t) ? t : DefaultChangeThreshold;
}
