using Prosperity.Etl.Import;

namespace Prosperity.Etl.Operations;

/// <summary>The recurring jobs' schedule and run settings (configuration section <c>Jobs</c>).</summary>
public sealed class JobOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Jobs";

    /// <summary>Cron expression of the nightly import (default 02:00).</summary>
    public string NightlyImportCron { get; set; } = "0 2 * * *";

    /// <summary>IANA or Windows time zone id the cron expression is read in.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>
    /// How long a nightly run's lock lasts without being renewed; a run renews it with every file.
    /// When a run's host dies and its chain of jobs does not resume, the next run (scheduled or
    /// triggered) takes the lock over after this long and the remaining files with it.
    /// </summary>
    public double RunLockMinutes { get; set; } = 10;

    /// <summary>How often a job is tried again after a transient fault (database unreachable) before it is given up.</summary>
    public int TransientRetryAttempts { get; set; } = 5;

    /// <summary>Workers of this server.</summary>
    public int WorkerCount { get; set; } = 2;

    /// <summary>How often the storage is polled for new jobs, in seconds (short on SQLite, which has no notification).</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>
    /// The longest one file's import may take, in seconds; an import that takes longer is stopped
    /// and counts as a failed attempt (kept below <see cref="InvisibilitySeconds"/>, so a slow file
    /// is stopped before the storage hands its job out again).
    /// </summary>
    public double FileTimeoutSeconds { get; set; } = 240;

    /// <summary>
    /// Failed attempts (an exception that is not a transient fault, a time-out, or a process that
    /// died during the import) after which a file is set aside in the rejected folder with a
    /// rejected attempt (rule STR020) instead of being imported again.
    /// </summary>
    public int PoisonAttempts { get; set; } = 2;

    /// <summary>After this many seconds a job fetched by a server that died is handed to another server.</summary>
    public double InvisibilitySeconds { get; set; } = 300;

    /// <summary>
    /// A Hangfire storage lock (taken for moments, around state changes) older than this many
    /// seconds was left by a server that died and is cleared (SQLite and PostgreSQL storages;
    /// SQL Server's locks end with their session).
    /// </summary>
    public double StaleLockSeconds { get; set; } = 60;
}
