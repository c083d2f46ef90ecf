using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Data.Tests;

/// <summary>
/// What every warehouse dialect must do, run once per dialect by a subclass that supplies the
/// connection factory, dialect and migrator (as DbUp's DatabaseSupportTestsBase does).
/// </summary>
public abstract partial class WarehouseContractTests : IDisposable
{
    private readonly Lazy<(IConnectionFactory Connections, SqlDialect Dialect, ISchemaMigrator Migrator)> _target;

    protected WarehouseContractTests()
    {
        _target = new(CreateTarget);
    }

    protected TempFolder Temp { get; } = new();

    protected FixedTimeProvider Clock { get; } = Some.Clock;

    /// <summary>A fresh, empty warehouse of the dialect under test.</summary>
    protected abstract (IConnectionFactory Connections, SqlDialect Dialect, ISchemaMigrator Migrator) CreateTarget();

    protected IConnectionFactory Connections => _target.Value.Connections;

    protected SqlDialect Dialect => _target.Value.Dialect;

    protected virtual DapperWarehouse CreateWarehouse() =>
        new(Connections, Dialect, _target.Value.Migrator, Clock, NullLogger<DapperWarehouse>.Instance);

    protected async Task<SubmissionImporter> ReadyImporterAsync()
    {
        var warehouse = CreateWarehouse();
        await warehouse.EnsureReadyAsync(Some.Catalog);
        return new SubmissionImporter(new SubmissionWorkbookReader(), new SubmissionValidator(Some.Catalog, Clock), warehouse,
            new ImportOptions(), Clock, NullLogger<SubmissionImporter>.Instance);
    }

    protected async Task<long> CountAsync(string table, string where = "1 = 1")
    {
        await using var c = await Connections.OpenAsync();
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {where}");
    }

    /// <summary>Every row of the tables, as sorted text, to compare before and after.</summary>
    protected async Task<string> SnapshotAsync(params string[] tables)
    {
        await using var c = await Connections.OpenAsync();
        var lines = new List<string>();
        foreach (var table in tables)
        {
            var rows = await c.QueryAsync($"SELECT * FROM {table}");
            lines.AddRange(rows.Select(r => table + ": " + string.Join("|", ((IDictionary<string, object?>)r).Select(kv =>
                $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}"))).Order(StringComparer.Ordinal));
        }

        return string.Join("\n", lines);
    }

    private string[] StarTables => [Dialect.Region, Dialect.PeriodTable, Dialect.IndicatorTable, Dialect.Fact];

    [SkippableFact]
    public async Task EnsureReady_ShouldSeedTheDimensionsOnce_WhenRunTwice()
    {
        var warehouse = CreateWarehouse();
        await warehouse.EnsureReadyAsync(Some.Catalog);
        var first = await SnapshotAsync(StarTables);

        await warehouse.EnsureReadyAsync(Some.Catalog);

        Assert.Equal(first, await SnapshotAsync(StarTables));
        Assert.Equal(Some.Catalog.Regions.Count, await CountAsync(Dialect.Region));
        Assert.Equal(Some.Catalog.Indicators.Count, await CountAsync(Dialect.IndicatorTable));
        Assert.Equal(124, await CountAsync(Dialect.PeriodTable));
    }

    [SkippableFact]
    public async Task Import_ShouldLoadOnce_WhenTheSameFileIsImportedTwice()
    {
        var importer = await ReadyImporterAsync();
        var path = new WorkbookBuilder().Save(Temp.File("xinchang.xlsx"));

        var first = await importer.ImportAsync(path);
        var second = await importer.ImportAsync(path);

        Assert.Equal(ImportStatus.Accepted, first.Status);
        Assert.Equal(ImportStatus.AlreadyLoaded, second.Status);
        Assert.Equal(first.SubmissionId, second.SubmissionId);
        Assert.Equal(Some.Catalog.Indicators.Count, await CountAsync(Dialect.Fact));
        Assert.Equal(1, await CountAsync(Dialect.Submission));
    }

    [SkippableFact]
    public async Task Import_ShouldSupersedeAndKeepHistory_WhenANewFileArrivesForTheSameRegionAndPeriod()
    {
        var importer = await ReadyImporterAsync();
        var first = await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("v1.xlsx")));
        var second = await importer.ImportAsync(new WorkbookBuilder().WithValue("INC_URBAN_PC", 63_000m).Save(Temp.File("v2.xlsx")));

        Assert.Equal(first.SubmissionId, second.SupersededSubmissionId);
        Assert.Equal(1, await CountAsync(Dialect.Submission, $"status = 'superseded' AND superseded_by = {second.SubmissionId}"));
        Assert.Equal(1, await CountAsync(Dialect.Submission, "status = 'accepted'"));
        Assert.Equal(2 * Some.Catalog.Indicators.Count, await CountAsync(Dialect.Fact));

        var current = await CreateWarehouse().GetCurrentValuesAsync(Some.Period, "INC_URBAN_PC");
        Assert.Equal(63_000m, Assert.Single(current).Value);
    }

    [SkippableFact]
    public async Task Import_ShouldChangeNoDimensionOrFact_WhenTheFileIsRejected()
    {
        var importer = await ReadyImporterAsync();
        await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("good.xlsx")));
        var before = await SnapshotAsync(StarTables);
        var bad = Temp.File("bad.xlsx");
        await File.WriteAllTextAsync(bad, "this is not a workbook");

        var outcome = await importer.ImportAsync(bad);

        Assert.Equal(ImportStatus.Rejected, outcome.Status);
        Assert.Equal(before, await SnapshotAsync(StarTables));
        Assert.Equal(1, await CountAsync(Dialect.Submission, "status = 'rejected'"));
        Assert.Equal(1, await CountAsync(Dialect.Issue, $"submission_id = {outcome.SubmissionId} AND rule_code = 'STR001'"));
    }

    [SkippableFact]
    public async Task Import_ShouldStoreEveryIssueWithItsCell_WhenValuesAreWrong()
    {
        var importer = await ReadyImporterAsync();
        var before = await SnapshotAsync(StarTables);
        var path = new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "about 60k").WithValue("WORKSHOPS", -1m).Save(Temp.File("x.xlsx"));

        var outcome = await importer.ImportAsync(path);

        Assert.Equal(ImportStatus.Rejected, outcome.Status);
        Assert.Equal(before, await SnapshotAsync(StarTables));
        Assert.Equal(1, await CountAsync(Dialect.Issue, $"rule_code = 'VAL001' AND cell_ref = '{WorkbookBuilder.ValueAddress("INC_URBAN_PC")}' AND found_value = 'about 60k'"));
        Assert.Equal(1, await CountAsync(Dialect.Issue, $"rule_code = 'VAL002' AND cell_ref = '{WorkbookBuilder.ValueAddress("WORKSHOPS")}'"));
        Assert.Equal(1, await CountAsync(Dialect.Submission, "status = 'rejected' AND region_code = '330624' AND error_count = 2"));
    }

    [SkippableFact]
    public async Task Import_ShouldStoreWarningsWithTheAcceptedSubmission()
    {
        var importer = await ReadyImporterAsync();
        var path = new WorkbookBuilder().WithValue("RATIO_URBAN_RURAL", null).WithValue("INC_URBAN_PC", 250_000m).WithExplanation("INC_URBAN_PC", "Typo-free: a new area.").Save(Temp.File("x.xlsx"));

        var outcome = await importer.ImportAsync(path);

        Assert.Equal(ImportStatus.AcceptedWithWarnings, outcome.Status);
        Assert.Equal(1, await CountAsync(Dialect.Issue, $"submission_id = {outcome.SubmissionId} AND rule_code = 'VAL003' AND severity = 'warning'"));
        Assert.Equal(1, await CountAsync(Dialect.Fact, "explanation = 'Typo-free: a new area.'"));
    }

    [SkippableFact]
    public async Task GetCurrentValues_ShouldKeepNotAvailableAsNull()
    {
        var importer = await ReadyImporterAsync();
        await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("x.xlsx")));

        var current = await CreateWarehouse().GetCurrentValuesAsync(Some.Period, null);

        Assert.Null(current.Single(v => v.IndicatorCode == "CHAIN_JOBS").Value);
        Assert.Equal(1.58m, current.Single(v => v.IndicatorCode == "RATIO_URBAN_RURAL").Value);
        Assert.Equal(836.7m, current.Single(v => v.IndicatorCode == "FARMER_INCOME_RAISED").Value);
    }

    [SkippableFact]
    public async Task GetRegionHistory_ShouldGiveTheCurrentValuesOfTheRegionInTheRange()
    {
        var importer = await ReadyImporterAsync();
        var q2 = new Domain.Period(2025, 2);
        await importer.ImportAsync(new WorkbookBuilder().For(Some.Xinchang, q2).WithValue("WORKSHOPS", 100m).Save(Temp.File("q2a.xlsx")));
        await importer.ImportAsync(new WorkbookBuilder().For(Some.Xinchang, q2).WithValue("WORKSHOPS", 120m).Save(Temp.File("q2b.xlsx")));
        await importer.ImportAsync(new WorkbookBuilder().For(Some.Keqiao, q2).WithValue("WORKSHOPS", 999m).Save(Temp.File("kq.xlsx")));

        var history = await CreateWarehouse().GetRegionHistoryAsync("330624", new Domain.Period(2024, 1), q2);

        Assert.Equal(Some.Catalog.Indicators.Count, history.Count);
        Assert.All(history, h => Assert.Equal(q2, h.Period));
        Assert.Equal(120m, history.Single(h => h.IndicatorCode == "WORKSHOPS").Value);
        Assert.Null(history.Single(h => h.IndicatorCode == "CHAIN_JOBS").Value);
        Assert.Empty(await CreateWarehouse().GetRegionHistoryAsync("330624", new Domain.Period(2024, 1), new Domain.Period(2025, 1)));
    }

    [SkippableFact]
    public async Task GetIssueHistory_ShouldListEveryAttemptWithItsIssues_OldestFirst()
    {
        var importer = await ReadyImporterAsync();
        await importer.ImportAsync(new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "about 60k").WithValue("WORKSHOPS", -1m).Save(Temp.File("a1.xlsx")));
        await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("a2.xlsx")));

        var rows = await CreateWarehouse().GetIssueHistoryAsync("330624", Some.Period);

        Assert.Equal(["a1.xlsx", "a1.xlsx", "a2.xlsx"], rows.Select(r => r.FileName));
        Assert.Equal(["rejected", "rejected", "accepted"], rows.Select(r => r.Status));
        Assert.Equal(WorkbookBuilder.ValueAddress("INC_URBAN_PC"), rows[0].Issue!.Cell);
        Assert.Equal("VAL002", rows[1].Issue!.Code);
        Assert.Null(rows[2].Issue);
        Assert.Equal(3, (await CreateWarehouse().GetIssueHistoryAsync("330624", null)).Count);
        Assert.Empty(await CreateWarehouse().GetIssueHistoryAsync("330624", new Domain.Period(2025, 2)));
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Temp.Dispose();
        }
    }
}
