using System.Text.RegularExpressions;
using Dapper;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Data.Tests;

/// <summary>Every sample query of sql/queries runs on every dialect and finds rows.</summary>
public abstract partial class WarehouseContractTests
{
    public static TheoryData<string> SampleQueryNames =>
        [.. Directory.GetFiles(RepositoryFolder.Find("sql", "queries"), "*.sql").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)];

    [SkippableTheory]
    [MemberData(nameof(SampleQueryNames))]
    public async Task SampleQuery_ShouldReturnRows_WhenTheWarehouseHoldsAResubmission(string name)
    {
        var importer = await ReadyImporterAsync();
        await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("v1.xlsx")));
        Clock.Now = Clock.Now.AddHours(1);
        await importer.ImportAsync(new WorkbookBuilder().WithValue("INC_URBAN_PC", 63_000m).Save(Temp.File("v2.xlsx")));
        var sql = ForDialect(await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Find("sql", "queries"), name)));

        await using var c = await Connections.OpenAsync();
        var rows = (await c.QueryAsync(sql, new { PeriodCode = "2025Q3", IndicatorCode = "RATIO_URBAN_RURAL", AsOf = Clock.Now })).ToList();

        Assert.NotEmpty(rows);
    }

    /// <summary>The samples name schema objects as dw.x, etl.x, bi.x; the dialect says how it spells them.</summary>
    private string ForDialect(string sql) =>
        Regex.Replace(sql, @"\b(dw|etl|bi)\.([a-z_]+)\b", m => Dialect.Table(m.Groups[1].Value, m.Groups[2].Value));
}
