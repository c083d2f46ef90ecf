namespace Prosperity.Etl.Excel;

/// <summary>
/// Limits against hostile or broken packages, checked by streaming through the zip before the
/// workbook parser loads anything, so memory stays bounded whatever the file claims.
/// </summary>
public sealed class ReaderLimits
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Reader";

    /// <summary>The most bytes all parts together may expand to (default 100 MB).</summary>
    public long MaxExpandedBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>The highest expanded/compressed ratio of a part larger than <see cref="RatioFloorBytes"/> (XML compresses about 10:1).</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Parts smaller than this expanded size are not held to the ratio.</summary>
    public long RatioFloorBytes { get; set; } = 1024 * 1024;

    /// <summary>The most parts a package may have.</summary>
    public int MaxEntries { get; set; } = 5_000;

    /// <summary>The highest row number a sheet may use.</summary>
    public int MaxRows { get; set; } = 50_000;

    /// <summary>The highest column number a sheet may use.</summary>
    public int MaxColumns { get; set; } = 500;

    /// <summary>The most cells all sheets together may hold.</summary>
    public long MaxCells { get; set; } = 500_000;

    /// <summary>
    /// The deepest XML nesting any part may have. Excel's own parts nest about 10 levels (charts and
    /// drawings about 20); a part nested thousands deep exists only to exhaust a parser's stack.
    /// </summary>
    public int MaxXmlDepth { get; set; } = 100;
}
