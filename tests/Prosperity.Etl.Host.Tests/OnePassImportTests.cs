using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Excel.Reading;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Host.Tests;

/// <summary>A file is read once, inside the time limit, whether it is a return or a bulletin table.</summary>
public sealed class OnePassImportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The bulletin importer's own reader: a second parse of the file would come through here.</summary>
    private sealed class SecondParse : IBulletinReader
    {
        public int Calls { get; private set; }

        public BulletinReadResult? TryRead(string path)
        {
            Calls++;
            throw new InvalidOperationException("the file was parsed a second time");
        }
    }

    private sealed class CountingReader(ISubmissionReader inner) : ISubmissionReader
    {
        public int Calls { get; private set; }

        public ReadResult Read(string path) => Read(path, CancellationToken.None);

        public ReadResult Read(string path, CancellationToken cancellationToken)
        {
            Calls++;
            return inner.Read(path, cancellationToken);
        }
    }

    [Fact]
    public async Task Import_ShouldReadABulletinOnceInsideTheTimeLimit_WhenTheFileTurnsOutToBeOne()
    {
        var db = _temp.File("w.db");
        var warehouse = SqliteWarehouse.Create(db, Some.Clock, NullLoggerFactory.Instance);
        await warehouse.EnsureReadyAsync(Some.Catalog);
        var second = new SecondParse();
        var reader = new CountingReader(new WorkbookReader(new ReaderLimits(), Some.Catalog));
        var importer = new SubmissionImporter(reader, new SubmissionValidator(Some.Catalog, Some.Clock), warehouse, new ImportOptions(), Some.Clock,
            NullLogger<SubmissionImporter>.Instance, new ValidationOptions(), new FeedbackWorkbookWriter())
        {
            Bulletins = new BulletinImporter(second, SqliteWarehouse.CreateBulletinStore(db, Some.Clock), warehouse, NullLogger<BulletinImporter>.Instance),
        };

        var outcome = await importer.ImportAsync(Fixtures.CopyTo(_temp, Fixtures.Sample("bulletins/330000_CityIncomes_2025Q3_bulletin.xlsx")));

        Assert.Equal(ImportStatus.Accepted, outcome.Status);
        Assert.Equal(48, outcome.FactCount);
        Assert.Equal(1, reader.Calls);
        Assert.Equal(0, second.Calls);
    }

    [Fact]
    public async Task Validate_ShouldSayTheDistrictGetsARebuiltCopy_WhenTheReturnIsAnXls()
    {
        var outDir = _temp.File("feedback");

        var ours = new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "about 60k").Save(_temp.File("ours.xlsx"));

        var (exit, output, _) = await CliRunner.RunAsync("validate", "--db", "sqlite:" + _temp.File("none.db"), "--annotate", outDir,
            Fixtures.Return("libreoffice-return.xls"), Fixtures.Return("openpyxl-error-cell.xlsx"), ours);

        Assert.Equal(1, exit);
        Assert.Contains("libreoffice-return.xls: would be accepted (0 error(s), 0 warning(s)); rebuilt copy with the flagged cells marked", output, StringComparison.Ordinal);
        Assert.Contains("openpyxl-error-cell.xlsx: would be rejected (1 error(s), 0 warning(s)); rebuilt copy with the flagged cells marked", output, StringComparison.Ordinal);
        Assert.Contains("ours.xlsx: would be rejected (1 error(s), 0 warning(s)); annotated copy " + Path.Combine(outDir, "ours.feedback.xlsx"), output, StringComparison.Ordinal);
        using var rebuilt = new ClosedXML.Excel.XLWorkbook(Path.Combine(outDir, "libreoffice-return.feedback.xlsx"));
        Assert.Equal(["问题清单 Issues", "封面", "指标", "代码表"], rebuilt.Worksheets.Select(w => w.Name));
        Assert.Equal(62_845, rebuilt.Worksheet("指标").Cell("E4").GetDouble());
        Assert.Equal(ClosedXML.Excel.XLWorksheetVisibility.Hidden, rebuilt.Worksheet("代码表").Visibility);
    }
}
