using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Prosperity.Etl.Host.Cli;

/// <summary>What every verb gets: configuration, logging, the consoles, and the services built on demand.</summary>
public sealed class VerbContext(IConfiguration configuration, ILoggerFactory loggerFactory, IAnsiConsole console, TextWriter output, TextWriter error, string? db)
    : IAsyncDisposable
{
    private ServiceProvider? _services;

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

    /// <summary>The warehouse the verb works on (<c>--db</c>, else configuration), checked but not opened.</summary>
    public WarehouseTarget Target => WarehouseTarget.From(Configuration, db);

    /// <summary>The container; built on first use, so a verb that needs no warehouse never names one.</summary>
    public IServiceProvider Services => _services ??= Build();

    /// <summary>A service of the container.</summary>
    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>
    /// Set by the verbs that only read (status, validate, issues, report, rank without --refresh)
    /// before they use <see cref="Services"/>: a SQLite warehouse is then opened read-only.
    /// </summary>
    public bool ReadOnly { get; set; }

    /// <summary>The warehouse as the user knows it, for messages; null when the target itself is invalid.</summary>
    public WarehouseTarget? TargetOrNull
    {
        get
        {
            try
            {
                return Target;
            }
            catch (UsageException)
            {
                return null;
            }
        }
    }

    /// <summary>True when standard output is a terminal that can show a live progress bar.</summary>
    public bool IsInteractive => Console.Profile.Capabilities.Interactive && !System.Console.IsOutputRedirected;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton(LoggerFactory);
        services.AddLogging();
        services.AddProsperity(Configuration, db, readOnly: () => ReadOnly);
        return services.BuildServiceProvider();
    }
}
