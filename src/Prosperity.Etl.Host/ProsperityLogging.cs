using Serilog;
using Serilog.Events;

namespace Prosperity.Etl.Host;

/// <summary>The Serilog set-up the verbs and the server share: level, overrides, context, and the console line.</summary>
public static class ProsperityLogging
{
    /// <summary>The console line: time, level, message, then the structured properties (file, submission, region, period).</summary>
    public const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {Properties:j}{NewLine}{Exception}";

    /// <summary>A logger configuration at <paramref name="level"/> for <paramref name="verb"/>, without sinks.</summary>
    public static LoggerConfiguration Configure(LogEventLevel level, string verb) => new LoggerConfiguration()
        .MinimumLevel.Is(level)
        .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
        .Enrich.FromLogContext()
        .Enrich.WithProperty("Verb", verb);

    /// <summary>The level named by <paramref name="text"/> (a configuration value), else <paramref name="fallback"/>.</summary>
    public static LogEventLevel Level(string? text, LogEventLevel fallback) =>
        Enum.TryParse<LogEventLevel>(text, true, out var level) ? level : fallback;
}
