using Npgsql;

namespace Prosperity.Etl.PostgreSql.Tests;

/// <summary>
/// The PostgreSQL server named by PROSPERITY_TEST_POSTGRES (an Npgsql connection string whose login
/// may create databases). Each test gets a database of its own, dropped when it ends.
/// </summary>
internal sealed class TestPostgres : IDisposable
{
    public const string Variable = "PROSPERITY_TEST_POSTGRES";

    private readonly string _admin;

    private TestPostgres(string admin, string database)
    {
        _admin = admin;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = false }.ConnectionString;
    }

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static string SkipReason => $"{Variable} is not set: no PostgreSQL server to test against (.ci/run starts one).";

    public string Database { get; }

    public string ConnectionString { get; }

    /// <summary>Creates an empty database; skips the calling test when no server is configured.</summary>
    public static TestPostgres CreateDatabase()
    {
        Skip.If(Server is null, SkipReason);
        var database = "prosperity_t_" + Guid.NewGuid().ToString("N")[..12];
        using var c = new NpgsqlConnection(Server);
        c.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {database}", c);
        cmd.ExecuteNonQuery();
        return new TestPostgres(Server!, database);
    }

    public void Dispose()
    {
        using var c = new NpgsqlConnection(_admin);
        c.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", c);
        cmd.ExecuteNonQuery();
    }
}
