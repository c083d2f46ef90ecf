using Dapper;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Data.Tests;

/// <summary>History, as-of, effective-dated regions and load runs: the same contract on every dialect.</summary>
public abstract partial class WarehouseContractTests
{
    [SkippableFact]
    public async Task Import_ShouldRecordOneLoadRun_WhenASubmissionIsAccepted()
    {
        var importer = await ReadyImporterAsync();

        var outcome = await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("x.xlsx")));

        Assert.Equal(1, await CountAsync(Dialect.LoadRun,
            $"submission_id = {outcome.SubmissionId} AND fact_count = {Some.Catalog.Indicators.Count} AND engine = '{Dialect.Name}'"));
        Assert.Equal(0, await CountAsync(Dialect.StageFact));
    }

    [SkippableFact]
    public async Task LoadAccepted_ShouldStoreNothing_WhenAFactFailsPartWay()
    {
        var importer = await ReadyImporterAsync();
        await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("v1.xlsx")));
        var warehouse = CreateWarehouse();
        string[] tables = [.. StarTables, Dialect.Submission, Dialect.LoadRun, Dialect.StageFact];
        var before = await SnapshotAsync(tables);
        var facts = Some.Catalog.Indicators.Select(i => new FactValue(i, 1m, null, new CellRef("data", "C5"))).ToList();
        facts.Insert(facts.Count / 2, new FactValue(Some.UrbanIncome with { Code = "NOT_IN_THE_DIMENSION" }, 1m, null, new CellRef("data", "C9")));
        var file = new SourceFile("/in/v2.xlsx", "v2.xlsx", new string('a', 64), 1, Clock.Now);

        await Assert.ThrowsAnyAsync<Exception>(() => warehouse.LoadAcceptedAsync(file, new ValidatedSubmission(null, Some.Xinchang, Some.Period, facts, [])));

        Assert.Equal(before, await SnapshotAsync(tables));
    }

    [SkippableFact]
    public async Task History_ShouldAnswerAsOf_WhenASubmissionWasSupersededLater()
    {
        var importer = await ReadyImporterAsync();
        var t1 = Clock.Now;
        await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("v1.xlsx")));
        Clock.Now = t1.AddDays(10);
        await importer.ImportAsync(new WorkbookBuilder().WithValue("INC_URBAN_PC", 63_000m).Save(Temp.File("v2.xlsx")));

        var before = await UrbanIncomeAsOfAsync(t1.AddDays(-1));
        var between = await UrbanIncomeAsOfAsync(t1.AddDays(5));
        var after = await UrbanIncomeAsOfAsync(t1.AddDays(20));

        Assert.Empty(before);
        Assert.Equal(62_845m, Assert.Single(between));
        Assert.Equal(63_000m, Assert.Single(after));
        Assert.Equal(2, await CountAsync(Dialect.Table("bi", "indicator_value_history"), "indicator_code = 'INC_URBAN_PC'"));
    }

    [SkippableTheory]
    [InlineData("330621", "2012Q4", 1)]
    [InlineData("330621", "2013Q4", 1)]
    [InlineData("330621", "2014Q1", 0)]
    [InlineData("330603", "2013Q3", 0)]
    [InlineData("330603", "2013Q4", 1)]
    [InlineData("330603", "2025Q3", 1)]
    public async Task RegionInPeriod_ShouldResolveACode_OnlyForThePeriodsItWasValidIn(string code, string period, int expected)
    {
        await CreateWarehouse().EnsureReadyAsync(Some.Catalog);

        Assert.Equal(expected, await CountAsync(Dialect.Table("dw", "region_in_period"), $"region_code = '{code}' AND period_code = '{period}'"));
    }

    [SkippableFact]
    public async Task BiViews_ShouldShowReadableDimensions_WhenSeeded()
    {
        await CreateWarehouse().EnsureReadyAsync(Some.Catalog);
        await using var c = await Connections.OpenAsync();

        var keqiao = await c.QuerySingleAsync<(string Zh, string Parent)>(
            $"SELECT region_name_zh, parent_region_name_en FROM {Dialect.Table("bi", "region")} WHERE region_code = '330603'");
        var label = await c.ExecuteScalarAsync<string>($"SELECT period_label_zh FROM {Dialect.Table("bi", "period")} WHERE period_code = '2025Q3'");
        var direction = await c.ExecuteScalarAsync<string>($"SELECT direction FROM {Dialect.Table("bi", "indicator")} WHERE indicator_code = 'RATIO_URBAN_RURAL'");

        Assert.Equal(("柯桥区", "Shaoxing"), keqiao);
        Assert.Equal("2025年前三季度", label);
        Assert.Equal("lower", direction);
        var summable = (await c.QueryAsync<(string Code, bool Summable, string? AchievedBy)>(
            $"SELECT indicator_code, summable, achieved_by_code FROM {Dialect.Table("bi", "indicator")}")).ToDictionary(r => r.Code);
        Assert.False(summable["INC_ALL_PC"].Summable); // a city's per-capita income is not the sum of its districts'
        Assert.False(summable["RATIO_URBAN_RURAL"].Summable);
        Assert.True(summable["WORKSHOPS"].Summable);
        Assert.Equal("YOUTH_STATIONS_BUILT", summable["YOUTH_STATIONS_PLANNED"].AchievedBy);
    }

    /// <summary>The documented as-of query, on the history view every dialect has.</summary>
    private async Task<List<decimal>> UrbanIncomeAsOfAsync(DateTimeOffset asOf)
    {
        await using var c = await Connections.OpenAsync();
        var rows = await c.QueryAsync<decimal>($"""
            SELECT {Dialect.ReadNumeric("value")} FROM {Dialect.Table("bi", "indicator_value_history")}
            WHERE indicator_code = 'INC_URBAN_PC' AND loaded_at <= @AsOf AND (superseded_at IS NULL OR superseded_at > @AsOf)
            """, new { AsOf = asOf });
        return rows.ToList();
    }
}
