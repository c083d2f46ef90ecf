namespace Prosperity.Etl.Data.Tests;

/// <summary>Indicator keys resolved once for a load, on every engine.</summary>
public abstract partial class WarehouseContractTests
{
    [SkippableFact]
    public async Task IndicatorKeys_ShouldNameEveryUnknownCode_WhenALoadHasSeveral()
    {
        await CreateWarehouse().EnsureReadyAsync(Testing.Some.Catalog);
        await using var connection = await Connections.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<WarehouseException>(() =>
            new IndicatorKeys(Dialect).ResolveAsync(connection, tx, ["INC_URBAN_PC", "NO_SUCH_A", "NO_SUCH_B", "NO_SUCH_A"], 7, CancellationToken.None));

        Assert.Contains("NO_SUCH_A", error.Message, StringComparison.Ordinal);
        Assert.Contains("NO_SUCH_B", error.Message, StringComparison.Ordinal);
        Assert.Contains("Submission 7", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task IndicatorKeys_ShouldFail_WhenAKnownCodeComesBeforeAnUnknownOne()
    {
        await CreateWarehouse().EnsureReadyAsync(Testing.Some.Catalog);
        await using var connection = await Connections.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var keys = new IndicatorKeys(Dialect);

        // The first code is known once the dimension is read; the second never is.
        await Assert.ThrowsAsync<WarehouseException>(() => keys.ResolveAsync(connection, tx, ["INC_URBAN_PC", "NO_SUCH_C"], 8, CancellationToken.None));
        var known = await keys.ResolveAsync(connection, tx, ["INC_URBAN_PC", "INC_RURAL_PC"], 9, CancellationToken.None);
        Assert.True(known.ContainsKey("INC_RURAL_PC"));
    }
}
