namespace Prosperity.Etl.Domain;

/// <summary>How an indicator accumulates over the year.</summary>
public enum IndicatorKind
{
    /// <summary>A flow reported year-to-date (income, output, actions).</summary>
    FlowYtd,

    /// <summary>A stock at period end (workshops, stations).</summary>
    Stock,

    /// <summary>A ratio derived from other indicators (urban-rural income ratio).</summary>
    DerivedRatio,

    /// <summary>A planned target (stations planned over three years).</summary>
    Target,
}
