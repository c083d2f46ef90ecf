using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Prosperity.Etl.Host.Cli;

/// <summary>What every verb gets: configuration, logging, the consoles, and the services built on demand.</summary>
public sealed class VerbContext(IConfiguration configuration, ILoggerFactory loggerFactory, IAnsiConsole console, TextWriter output, TextWriter error, string? db)
{
    private AppServices? _services;

    public IConfiguration Configuration { get; } = configuration;

    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    /// <summary>Rich output (tables, progress) on standard output.</summary>
    public IAnsiConsole Console { get; } = console;

    /// <summary>Plain standard output (CSV, JSON, one-line results).</summary>
    public TextWriter Output { get; } = output;

    /// <summary>Standard error, for problems.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>The <c>--db</c> option as given (null: from configuration).</summary>
    public string? Db => db;

    /// <summary>
    /// Set by the verbs that only read (status, validate, issues, report, rank without --refresh)
    /// before they use <see cref="Services"/>: a SQLite warehouse is then opened read-only.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>The services; the warehouse target is resolved on first use.</summary>
    public AppServices Services => _services ??= AppServices.Create(Configuration, LoggerFactory, db, readOnly: ReadOnly);

    /// <summary>The warehouse as the user knows it (a SQLite file by its full path), for messages; null when the target itself is invalid.</summary>
    public WarehouseTarget? Target
    {
        get
        {
            try
            {
                return _services?.Target ?? (db is not null
                    ? WarehouseTarget.Parse(db)
                    : WarehouseTarget.Create(Configuration["Warehouse:Provider"] ?? "sqlite", Configuration.GetConnectionString("Warehouse") ?? "data/warehouse.db"));
            }
            catch (UsageException)
            {
                return null;
            }
        }
    }

    /// <summary>True when standard output is a terminal that can show a live progress bar.</summary>
    public bool IsInteractive => Console.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected;
}
