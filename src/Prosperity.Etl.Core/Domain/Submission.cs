namespace Prosperity.Etl.Domain;

/// <summary>Where a value was found in a workbook: sheet name and A1 cell address.</summary>
public readonly record struct CellRef(string Sheet, string Cell)
{
    /// <inheritdoc />
    public override string ToString() => $"{Sheet}!{Cell}";
}

/// <summary>One indicator line of a submission as the workbook gave it, before interpretation.</summary>
/// <param name="IndicatorCode">Code from the code column, trimmed.</param>
/// <param name="Number">The value when the cell held a number (a formula's cached number included).</param>
/// <param name="Text">The value when the cell held text (or an Excel error such as #DIV/0!), else null.</param>
/// <param name="UnitText">What the unit column of the row says, if the sheet has one.</param>
/// <param name="Explanation">The submitter's explanation (上报说明), if any.</param>
/// <param name="Location">The value cell.</param>
/// <param name="CodeLocation">The code cell.</param>
public sealed record SubmittedValue(
    string IndicatorCode,
    decimal? Number,
    string? Text,
    string? UnitText,
    string? Explanation,
    CellRef Location,
    CellRef CodeLocation)
{
    /// <summary>True when the cell held an Excel error value (#DIV/0!, #REF!, #N/A...).</summary>
    public bool IsExcelError { get; init; }

    /// <summary>True when the cell holds a formula whose result was never saved (no cached value to read).</summary>
    public bool IsUncachedFormula { get; init; }
}

/// <summary>A field of the cover sheet, with where it was found.</summary>
public sealed record CoverField(string? Text, CellRef Location);

/// <summary>A district's quarterly return as read from its workbook, before validation.</summary>
public sealed record Submission
{
    /// <summary>The file it was read from.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Region code from the cover sheet.</summary>
    public required CoverField RegionCode { get; init; }

    /// <summary>Period from the cover sheet, as written.</summary>
    public required CoverField PeriodText { get; init; }

    /// <summary>Region name from the cover sheet, as written (the template fills it in; a district may change it).</summary>
    public CoverField? RegionName { get; init; }

    /// <summary>Submitter name.</summary>
    public CoverField? Submitter { get; init; }

    /// <summary>Contact (telephone, e-mail).</summary>
    public CoverField? Contact { get; init; }

    /// <summary>Date the return was filled in, as written.</summary>
    public CoverField? FilledOn { get; init; }

    /// <summary>The status of full-year figures (数据类别: 快报 or 年报), as written; null when the cover has no such row.</summary>
    public CoverField? Stage { get; init; }

    /// <summary>The indicator lines in workbook order.</summary>
    public required IReadOnlyList<SubmittedValue> Values { get; init; }
}
