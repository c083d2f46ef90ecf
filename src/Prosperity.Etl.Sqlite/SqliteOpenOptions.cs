namespace Prosperity.Etl.Sqlite;

/// <summary>How a SQLite warehouse file is opened.</summary>
/// <param name="ReadOnly">Read only: nothing is created, migrated or written (the verbs that only read).</param>
/// <param name="BusyTimeoutSeconds">How long a connection waits for another writer's lock before it gives up.</param>
public sealed record SqliteOpenOptions(bool ReadOnly = false, int BusyTimeoutSeconds = 60)
{
    /// <summary>Read and write, a minute's wait for a lock.</summary>
    public static SqliteOpenOptions Default { get; } = new();
}
