namespace Prosperity.Etl.Data.Tests;

public class SqlDialectTests
{
    private sealed class SchemaDialect : SqlDialect
    {
        public override string Name => "test";
    }

    private sealed class PrefixDialect : SqlDialect
    {
        public override string Name => "prefix";

        public override string Table(string schema, string name) => $"{schema}_{name}";
    }

    private static IEnumerable<string> Statements(SqlDialect d) =>
    [
        d.UpsertRegion, d.UpsertIndicator, d.UpsertPeriod, d.SelectLoadedByHash, d.SelectRegionKey, d.SelectCurrentSubmission,
        d.MarkSuperseded, d.SetSupersededBy, d.InsertSubmission, d.InsertFact, d.InsertIssue, d.SelectCurrentValues,
        d.SelectReferenceVersion, d.InsertReferenceVersion, d.MergeStagedFacts, d.ClearStagedFacts, d.InsertLoadRun,
    ];

    [Fact]
    public void Statements_ShouldNameTablesThroughTheDialect()
    {
        Assert.All(Statements(new PrefixDialect()), sql =>
        {
            Assert.DoesNotContain("dw.", sql, StringComparison.Ordinal);
            Assert.DoesNotContain("etl.", sql, StringComparison.Ordinal);
        });
        Assert.Contains("etl.submission", new SchemaDialect().InsertSubmission, StringComparison.Ordinal);
        Assert.Contains("etl_submission", new PrefixDialect().InsertSubmission, StringComparison.Ordinal);
    }

    [Fact]
    public void InsertSubmission_ShouldReturnTheNewId()
    {
        Assert.EndsWith("RETURNING submission_id", new SchemaDialect().InsertSubmission, StringComparison.Ordinal);
    }
}
