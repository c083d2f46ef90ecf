using System.Globalization;
using Prosperity.Etl.Publishing;

namespace Prosperity.Etl.Host.Output;

/// <summary>
/// The figures themselves as open files (<c>prosperity export</c>): a plain CSV of the current
/// values, and SDMX-CSV (version 1, the flat form .Stat, Eurostat and the IMF read) of the dataflow
/// <see cref="Dataflow"/> described in docs/exports.md. RFC 4180, UTF-8 without a byte-order mark,
/// numbers with a point and no thousands separators, times in the office's zone with the offset.
/// </summary>
public static class ValueExportWriter
{
    /// <summary>The dataflow every SDMX-CSV row names: agency, id and version.</summary>
    public const string Dataflow = "PROSPERITY:DF_SHARED_PROSPERITY(1.0)";

    /// <summary>The plain CSV's header.</summary>
    public const string CsvHeader = "region_code,region_name_zh,region_name_en,period,indicator_code,indicator_name_zh,indicator_name_en,unit,value,status,source_kind,source,submission_id,received_at";

    /// <summary>The SDMX-CSV header: the dataflow, the dimensions, the observation, the attributes.</summary>
    public const string SdmxHeader = "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS";

    /// <summary>The catalogue's units as SDMX <c>UNIT_MEASURE</c> codes (docs/exports.md lists them); another unit is written as it is.</summary>
    public static IReadOnlyDictionary<string, string> UnitCodes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["元"] = "CNY",
        ["万元"] = "CNY_1E4",
        ["亿元"] = "CNY_1E8",
        ["人"] = "PS",
        ["万人"] = "PS_1E4",
        ["户"] = "HH",
        ["个"] = "NUM",
        ["条"] = "NUM",
        ["家"] = "NUM",
        ["%"] = "PT",
        ["ratio"] = "RATIO",
    };

    /// <summary>One line per value.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<OfficialValue> values, OfficeTime office)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(office);
        writer.Write(CsvHeader + "\r\n");
        foreach (var v in values)
        {
            writer.Write(string.Join(',',
                Csv(v.RegionCode), Csv(v.RegionNameZh), Csv(v.RegionNameEn), v.Period.Code, Csv(v.IndicatorCode), Csv(v.IndicatorNameZh), Csv(v.IndicatorNameEn),
                Csv(v.Unit), Number(v.Value), PublicationStatus.Of(v), Csv(v.SourceKind), Csv(v.SourceText),
                v.SubmissionId.ToString(CultureInfo.InvariantCulture), office.Iso(v.ReceivedAt)) + "\r\n");
        }
    }

    /// <summary>One SDMX-CSV observation per value.</summary>
    public static void WriteSdmxCsv(TextWriter writer, IReadOnlyList<OfficialValue> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(values);
        writer.Write(SdmxHeader + "\r\n");
        foreach (var v in values)
        {
            writer.Write(string.Join(',',
                Dataflow, Csv(v.RegionCode), Csv(v.IndicatorCode), TimePeriod(v.Period), Number(v.Value),
                Csv(UnitCodes.GetValueOrDefault(v.Unit, v.Unit)), PublicationStatus.SdmxOf(v)) + "\r\n");
        }
    }

    /// <summary>The SDMX quarterly time period: <c>2025-Q3</c>.</summary>
    public static string TimePeriod(Domain.Period period) =>
        string.Create(CultureInfo.InvariantCulture, $"{period.Year}-Q{period.Quarter}");

    private static string Number(decimal? value) => value?.ToString("0.############################", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        return s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
