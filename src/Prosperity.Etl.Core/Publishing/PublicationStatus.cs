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

    /// <summary>SDMX code list CL_OBS_STATUS: provisional value.</summary>
    public const string SdmxProvisional = "P";

    /// <summary>
    /// The plain status of a value in the CSV export: <c>not_available</c> (given as not available),
    /// <c>published</c> (in the period's first release, or a province bulletin's figure, published by
    /// the province), <c>revised</c> (published by a later release, a recorded revision) or
    /// <c>provisional</c> (approved, the period not yet published).
    /// </summary>
    public static string Of(OfficialValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Value is null ? "not_available"
            : value.SourceKind == "bulletin" ? "published"
            : value.ReleaseNo switch
            {
                null => "provisional",
                1 => "published",
                _ => "revised",
            };
    }

    /// <summary>
    /// The SDMX <c>OBS_STATUS</c> of a value: <c>M</c> (missing) for a value the source gives as not
    /// available, <c>P</c> (provisional) while its period is not yet published, <c>A</c> (normal) once published.
    /// </summary>
    public static string SdmxOf(OfficialValue value) => Of(value) switch
    {
        "not_available" => "M",
        "provisional" => SdmxProvisional,
        _ => SdmxNormal,
    };
}
