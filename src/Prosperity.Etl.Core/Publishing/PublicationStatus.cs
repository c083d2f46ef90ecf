namespace Prosperity.Etl.Publishing;

/// <summary>
/// The publication mark of a figure, derived in this one place for every output that carries it
/// (the value exports' <c>status</c> and SDMX <c>OBS_STATUS</c>). Today every current value comes
/// from an accepted submission and is a normal value; a review or release state of the figure
/// belongs here when the warehouse records one.
/// </summary>
public static class PublicationStatus
{
    /// <summary>SDMX code list CL_OBS_STATUS: normal value.</summary>
    public const string SdmxNormal = "A";

    /// <summary>The plain status of a value in the CSV export.</summary>
    public static string Of(OfficialValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Value is null ? "not_available" : "official";
    }

    /// <summary>The SDMX <c>OBS_STATUS</c> of a value: <c>A</c> (normal), <c>M</c> (missing) for a value the source gives as not available.</summary>
    public static string SdmxOf(OfficialValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Value is null ? "M" : SdmxNormal;
    }
}
