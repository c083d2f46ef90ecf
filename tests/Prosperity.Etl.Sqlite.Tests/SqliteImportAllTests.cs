using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Sqlite.Tests;

/// <summary>
/// Importing a batch with files read ahead in parallel gives the warehouse a serial import gives:
/// the history rules of a quarter see the quarter before it loaded from the same batch, a
/// resubmission supersedes in file order, and a copy of a loaded file is skipped.
/// </summary>
public sealed class SqliteImportAllTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task ImportAll_ShouldLeaveTheWarehouseASerialImportLeaves_WhenFilesAreReadAhead()
    {
        var files = Batch();

        var (serial, serialRows) = await ImportAsync("serial.db", async importer =>
        {
            var outcomes = new List<ImportOutcome>();
            foreach (var file in files)
            {
                outcomes.Add(await importer.ImportAsync(file));
            }

            return outcomes;
        });
        var (parallel, parallelRows) = await ImportAsync("parallel.db", importer => importer.ImportAllAsync(files, readAhead: 4));

        Assert.Equal(serial.Select(Describe), parallel.Select(Describe));
        Assert.Equal(serialRows, parallelRows);
        // What makes the order matter: Q2's year-to-date income is below Q1's, which is loaded from the
        // same batch; the resubmitted Q1 supersedes the first; the copy is skipped.
        Assert.Equal([ImportStatus.Accepted, ImportStatus.Rejected, ImportStatus.Accepted, ImportStatus.AlreadyLoaded, ImportStatus.Accepted],
            parallel.Select(o => o.Status is ImportStatus.AcceptedWithWarnings ? ImportStatus.Accepted : o.Status));
        Assert.Contains(parallel[1].Issues, i => (i.Expected ?? string.Empty).Contains("2025Q1 in the warehouse", StringComparison.Ordinal));
        Assert.Equal(parallel[0].SubmissionId, parallel[2].SupersededSubmissionId);
    }

    public void Dispose() => _temp.Dispose();

    private List<string> Batch()
    {
        var xinchang = Some.Xinchang;
        var q1 = new Period(2025, 1);
        var q2 = new Period(2025, 2);
        var first = new WorkbookBuilder().For(xinchang, q1).WithValue("INC_URBAN_PC", 30_000m).Save(_temp.File("a-q1.xlsx"));
        var below = new WorkbookBuilder().For(xinchang, q2).WithValue("INC_URBAN_PC", 20_000m).Save(_temp.File("b-q2-below.xlsx"));
        var resubmitted = new WorkbookBuilder().For(xinchang, q1).WithValue("INC_URBAN_PC", 15_000m).Save(_temp.File("c-q1-again.xlsx"));
        var copy = _temp.File("d-copy.xlsx");
        File.Copy(first, copy);
        var q2Again = new WorkbookBuilder().For(xinchang, q2).WithValue("INC_URBAN_PC", 20_500m).Save(_temp.File("e-q2.xlsx"));
        return [first, below, resubmitted, copy, q2Again];
    }

    private async Task<(IReadOnlyList<ImportOutcome> Outcomes, string Rows)> ImportAsync(string name, Func<SubmissionImporter, Task<IReadOnlyList<ImportOutcome>>> import)
    {
        var connections = new SqliteConnectionFactory(_temp.File(name));
        var dialect = new SqliteDialect();
        var warehouse = new SqlitePreparedWarehouse(connections, dialect, new SqliteMigrator(connections, NullLogger<SqliteMigrator>.Instance), Some.Clock,
            NullLogger<DapperWarehouse>.Instance);
        await warehouse.EnsureReadyAsync(Some.Catalog);
        var importer = new SubmissionImporter(new SubmissionWorkbookReader(), new SubmissionValidator(Some.Catalog, Some.Clock), warehouse,
            new ImportOptions { WriteFeedback = false }, Some.Clock, NullLogger<SubmissionImporter>.Instance);
        var outcomes = await import(importer);
        await using var c = await connections.OpenAsync();
        var rows = await c.QueryAsync("""
            SELECT s.submission_id, s.file_name, s.status, s.superseded_by, s.error_count, s.warning_count, f.indicator_key, CAST(f.value AS TEXT) AS value
            FROM etl_submission s LEFT JOIN dw_fact_indicator_value f ON f.submission_id = s.submission_id
            ORDER BY s.submission_id, f.indicator_key
            """);
        var issues = await c.QueryAsync("SELECT submission_id, rule_code, cell_ref FROM etl_validation_issue ORDER BY issue_id");
        return (outcomes, string.Join("\n", rows.Concat(issues).Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values
            .Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))));
    }

    private static string Describe(ImportOutcome o) =>
        $"{Path.GetFileName(o.Path)} {o.Status} #{o.SubmissionId} superseded {o.SupersededSubmissionId} {string.Join(",", o.Issues.Select(i => i.Code))}";
}
