using Npgsql;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// The PostgreSQL server named by PROSPERITY_TEST_POSTGRES (an Npgsql connection string whose login
/// may create databases), for tests that give each run a database of its own.
/// </summary>
internal static class TestPostgresServer
{
    public const string Variable = "PROSPERITY_TEST_POSTGRES";

    /// <summary>The server's connection string, or null when none is configured.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } s ? s : null;

    public static string SkipReason => $"{Variable} is not set: no PostgreSQL server to test against (.ci/run starts one).";

    /// <summary>Skips the calling test when no server is configured; returns the server's connection string.</summary>
    public static string Require()
    {
        Skip.If(ConnectionString is null, SkipReason);
        return ConnectionString!;
    }

    /// <summary>A new database name with a recognisable prefix (created by the product's migrator or by <see cref="Create"/>).</summary>
    public static string NewName(string prefix) => $"{prefix}_{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>The connection string to <paramref name="database"/> on the server.</summary>
    public static string To(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(Require()) { Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>Creates an empty database.</summary>
    public static void Create(string database) => Execute($"CREATE DATABASE {database}");

    /// <summary>Drops the databases (closing their connections first); a database that was never created is fine.</summary>
    public static void Drop(params IEnumerable<string?> databases)
    {
        if (ConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        foreach (var database in databases.OfType<string>())
        {
            Execute($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>Runs one statement on the server's own database.</summary>
    public static void Execute(string sql)
    {
        using var c = new NpgsqlConnection(Require());
        c.Open();
        using var command = new NpgsqlCommand(sql, c);
        command.ExecuteNonQuery();
    }
}
