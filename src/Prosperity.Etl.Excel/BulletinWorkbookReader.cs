using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Excel.Reading;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Excel;

/// <summary>
/// Reads a workbook as a province comparison table only (全省各市…), through the same cell reader as
/// returns. The import itself uses <see cref="WorkbookReader"/>, which decides return or bulletin in
/// one read; this is for callers that know they hold a bulletin. Layouts: docs/comparison-tables.md.
/// </summary>
public sealed class BulletinWorkbookReader(ReferenceCatalog catalog, ReaderLimits? limits = null) : IBulletinReader
{
    /// <inheritdoc />
    public BulletinReadResult? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var load = WorkbookFile.Load(path, limits ?? new ReaderLimits());
        return load.Workbook is { } workbook ? new BulletinInterpreter(catalog).Interpret(workbook)?.Result : null;
    }

    /// <summary>The period a title names: 2025年前三季度, 2025年1-9月, 2025年上半年, 2025年 (全年); null for a single quarter (2025年四季度).</summary>
    public static Period? ParsePeriod(string text) => BulletinInterpreter.ParsePeriod(text);
}
