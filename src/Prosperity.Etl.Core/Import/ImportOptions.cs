namespace Prosperity.Etl.Import;

/// <summary>Import settings, bound from the <c>Import</c> configuration section.</summary>
public sealed class ImportOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Import";

    /// <summary>Files larger than this are rejected before they are opened (default 20 MB).</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>Reading one file may take at most this many seconds; a slower file is rejected (STR010).</summary>
    public int MaxReadSeconds { get; set; } = 60;

    /// <summary>Write the annotated feedback workbook next to each rejected file.</summary>
    public bool WriteFeedback { get; set; } = true;

    /// <summary>File name patterns picked up from folders.</summary>
    public IReadOnlyList<string> FilePatterns { get; set; } = DefaultFilePatterns;

    /// <summary>The workbook formats taken unless configured otherwise (import, validate, the inbox, uploads).</summary>
    public static IReadOnlyList<string> DefaultFilePatterns { get; } = ["*.xlsx", "*.xlsm", "*.xls", "*.ods"];
}
