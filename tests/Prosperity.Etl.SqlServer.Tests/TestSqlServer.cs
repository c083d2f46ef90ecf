using Microsoft.Data.SqlClient;

namespace Prosperity.Etl.SqlServer.Tests;

/// <summary>
/// The SQL Server named by PROSPERITY_TEST_SQLSERVER (a SqlClient connection string whose login may
/// create databases). Each test gets a database of its own, dropped when it ends.
/// </summary>
internal sealed class TestSqlServer : IDisposable
{
    public const string Variable = "PROSPERITY_TEST_SQLSERVER";

    private readonly string _admin;

    private TestSqlServer(string admin, string database)
    {
        _admin = admin;
        Database = database;
        ConnectionString = new SqlConnectionStringBuilder(admin) { InitialCatalog = database }.ConnectionString;
    }

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static string SkipReason =>
        $"{Variable} is not set: no SQL Server runs on this machine; the T-SQL is checked by the ScriptDom and DacFx tests instead.";

    public string Database { get; }

    public string ConnectionString { get; }

    /// <summary>Creates an empty database; skips the calling test when no server is configured.</summary>
    public static TestSqlServer CreateDatabase()
    {
        Skip.If(Server is null, SkipReason);
        var database = "prosperity_t_" + Guid.NewGuid().ToString("N")[..12];
        using var c = new SqlConnection(new SqlConnectionStringBuilder(Server) { InitialCatalog = "master" }.ConnectionString);
        c.Open();
        using var cmd = new SqlCommand($"CREATE DATABASE [{database}]", c);
        cmd.ExecuteNonQuery();
        return new TestSqlServer(Server!, database);
    }

    public void Dispose()
    {
        SqlConnection.ClearAllPools();
        using var c = new SqlConnection(new SqlConnectionStringBuilder(_admin) { InitialCatalog = "master" }.ConnectionString);
        c.Open();
        using var cmd = new SqlCommand($"ALTER DATABASE [{Database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{Database}];", c);
        cmd.ExecuteNonQuery();
    }
}
