using System.CommandLine;
using Microsoft.Extensions.Configuration;
using System.Data.Common;
using Prosperity.Etl.Data;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Spectre.Console;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// The <c>prosperity</c> command line: template, import, rank, demo, migrate, samples. Every verb
/// takes <c>--db</c> and <c>--verbose</c>; usage and configuration mistakes exit 2 with one line.
/// </summary>
public sealed class ProsperityCli
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly IAnsiConsole _console;

    /// <summary>Creates the CLI on the given streams (the process's console by default).</summary>
    public ProsperityCli(TextWriter? output = null, TextWriter? error = null, TextReader? input = null)
    {
        Input = input ?? System.Console.In;
        _output = output ?? System.Console.Out;
        _error = error ?? System.Console.Error;
        _console = output is null
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(_output),
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
            });
    }

    /// <summary>Settings applied over appsettings.json and the environment (an embedding host's, or a test's).</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>Standard input, for verbs that read a secret (<c>password-hash</c>).</summary>
    internal TextReader Input { get; }

    internal static Option<string?> DbOption { get; } = new("--db")
    {
        Description = "Warehouse: sqlite:PATH (default data/warehouse.db), postgres:CONNECTION or sqlserver:CONNECTION",
        Recursive = true,
    };

    internal static Option<bool> VerboseOption { get; } = new("--verbose", "-v")
    {
        Description = "Log debug detail to standard error",
        Recursive = true,
    };

    /// <summary>Parses and runs a command line; returns the exit code.</summary>
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Prosperity.Etl: quarterly shared-prosperity returns from district workbooks into a star-schema warehouse, with province-comparison rankings.");
        root.Options.Add(DbOption);
        root.Options.Add(VerboseOption);
        root.Subcommands.Add(Verbs.Template(this));
        root.Subcommands.Add(Verbs.Import(this));
        root.Subcommands.Add(Verbs.Rank(this));
        root.Subcommands.Add(Verbs.Demo(this));
        root.Subcommands.Add(Verbs.Migrate(this));
        root.Subcommands.Add(Verbs.Samples(this));
        root.Subcommands.Add(ValidateVerb.Create(this));
        root.Subcommands.Add(IssuesVerb.Create(this));
        root.Subcommands.Add(ReportVerb.Create(this));
        root.Subcommands.Add(ExportVerb.Create(this));
        root.Subcommands.Add(ImportHistoryVerb.Create(this));
        root.Subcommands.Add(Web.ServeVerb.Create(this));
        root.Subcommands.Add(Web.ServeVerb.PasswordHash(this));
        root.Subcommands.Add(StatusVerb.Create(this));
        root.Subcommands.Add(InspectVerb.Create(this));
        foreach (var verb in ReviewVerbs.Create(this))
        {
            root.Subcommands.Add(verb);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await _error.WriteLineAsync($"prosperity: {error.Message}");
            }

            await _error.WriteLineAsync("Run 'prosperity --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = _output, Error = _error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    /// <summary>The one line printed when Ctrl+C or SIGTERM stops a verb.</summary>
    public static string StoppedMessage(string signal) =>
        $"prosperity: stopped by {signal}; every file reported above is done, the one in progress was not loaded.";

    /// <summary>Runs one verb with configuration, logging and the error policy every verb shares.</summary>
    internal async Task<int> RunVerbAsync(ParseResult parse, Func<VerbContext, CancellationToken, Task<int>> verb, CancellationToken cancellationToken)
    {
        var verbose = parse.GetValue(VerboseOption);
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("PROSPERITY_")
            .AddInMemoryCollection(Settings ?? new Dictionary<string, string?>())
            .Build();

        var level = verbose ? LogEventLevel.Debug : ProsperityLogging.Level(configuration["Logging:MinimumLevel"], LogEventLevel.Warning);
        var logger = ProsperityLogging.Configure(level, parse.CommandResult.Command.Name)
            .WriteTo.Console(
                outputTemplate: ProsperityLogging.ConsoleTemplate,
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        using var loggerFactory = new SerilogLoggerFactory(logger, dispose: true);

        await using var context = new VerbContext(configuration, loggerFactory, _console, _output, _error, parse.GetValue(DbOption));
        try
        {
            return await verb(context, cancellationToken);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is OperationCanceledException or DbException or WarehouseException)
        {
            // Stopped (Ctrl+C, SIGTERM): the database call that was cut short says so in its own way.
            logger.Debug(ex, "{Verb} stopped", parse.CommandResult.Command.Name);
            await _error.WriteLineAsync(StoppedMessage("a stop request (Ctrl+C or SIGTERM)"));
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (ex is not OperationCanceledException && EnvironmentFault.Describe(ex, context.TargetOrNull, context.ReadOnly) is { } fault)
        {
            // A fault of the environment (read-only, full, missing, damaged or locked warehouse): one line, what to do.
            logger.Debug(ex, "{Verb} stopped by a fault of the environment", parse.CommandResult.Command.Name);
            await _error.WriteLineAsync($"prosperity: {fault}");
            return ExitCodes.Usage;
        }
        catch (UsageException ex)
        {
            await _error.WriteLineAsync($"prosperity: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Review.ReviewException ex)
        {
            // A review action that cannot be taken (not waiting, a revision without its note): nothing was written.
            await _error.WriteLineAsync($"prosperity: {Display.SafeText.ForTerminal(ex.Message)}");
            return ExitCodes.Usage;
        }
        catch (WarehouseException ex)
        {
            await _error.WriteLineAsync($"prosperity: {ex.Message}");
            return ExitCodes.Usage;
        }

#pragma warning disable CA1031 // The last line of defence: one line for the operator, the detail in the log.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.Error(ex, "Unexpected failure in {Verb}", parse.CommandResult.Command.Name);
            await _error.WriteLineAsync($"prosperity: internal error: {ex.GetType().Name}: {ex.Message} (run with --verbose for details)");
            return ExitCodes.Internal;
        }
    }
}
