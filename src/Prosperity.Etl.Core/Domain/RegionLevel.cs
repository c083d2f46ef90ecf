namespace Prosperity.Etl.Domain;

/// <summary>The administrative level of a region.</summary>
public enum RegionLevel
{
    /// <summary>A province (省).</summary>
    Province,

    /// <summary>A prefecture-level city (地级市).</summary>
    City,

    /// <summary>A county-level unit: district, county or county-level city (区、县、县级市).</summary>
    County,

    /// <summary>A functional area with no GB/T 2260 code, such as a new area (功能区).</summary>
    FunctionalArea,
}
