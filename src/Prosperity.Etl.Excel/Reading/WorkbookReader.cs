using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Import;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Excel.Reading;

/// <summary>
/// The one reader of every workbook the product is sent: the file's cells are read once, within the
/// package limits and the read time limit (the token stops the read), then the same cells are
/// interpreted as a district return or, when they hold none and a catalogue is given, as a province
/// comparison table. .xlsx and .xls read alike; nothing is recalculated and no macro is run.
/// </summary>
public sealed class WorkbookReader(ReaderLimits limits, ReferenceCatalog? catalog = null) : ISubmissionReader
{
    /// <summary>A reader with the default limits that recognises returns only.</summary>
    public WorkbookReader()
        : this(new ReaderLimits())
    {
    }

    /// <inheritdoc />
    public ReadResult Read(string path) => Read(path, CancellationToken.None);

    /// <inheritdoc />
    public ReadResult Read(string path, CancellationToken cancellationToken) => Read(path, ReadScope.WhatTheProductReads, cancellationToken).Result;

    /// <summary>Reads the file and says what it is, why, and where everything was found; the workbook holds every cell.</summary>
    public WorkbookReading Inspect(string path, CancellationToken cancellationToken = default) => Read(path, ReadScope.Everything, cancellationToken);

    private WorkbookReading Read(string path, ReadScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var load = WorkbookFile.Load(path, limits ?? new ReaderLimits(), scope, cancellationToken);
        if (load.Workbook is not { } workbook)
        {
            return new WorkbookReading(null, WorkbookKind.Unknown, "the file could not be read as a workbook: " + load.Refused!.MessageEn, [],
                ReadResult.Failed(load.Refused));
        }

        var asReturn = ReturnInterpreter.Interpret(workbook);
        if (asReturn.Submission is not null)
        {
            return new WorkbookReading(workbook, WorkbookKind.Return,
                "it has a cover sheet with a region code label and an indicator sheet with code and value headers", asReturn.Layout,
                new ReadResult(asReturn.Submission, asReturn.Issues));
        }

        if (catalog is not null && asReturn.Issues.All(i => i.Code is "STR004" or "STR005")
            && new BulletinInterpreter(catalog).Interpret(workbook) is { } bulletin)
        {
            return new WorkbookReading(workbook, WorkbookKind.Bulletin,
                "it has no return's cover and indicator sheets, and a column of a sheet names three or more cities or county-level units of the province", bulletin.Layout,
                new ReadResult(null, bulletin.Result.Issues) { Kind = WorkbookKind.Bulletin, Bulletin = bulletin.Result });
        }

        return new WorkbookReading(workbook, WorkbookKind.Unknown,
            catalog is null
                ? "it has no return's cover and indicator sheets"
                : "it has no return's cover and indicator sheets, and no sheet with a column naming three or more cities or county-level units",
            asReturn.Layout, new ReadResult(null, asReturn.Issues));
    }
}
