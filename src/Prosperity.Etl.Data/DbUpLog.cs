using System.Globalization;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;

namespace Prosperity.Etl.Data;

/// <summary>Forwards DbUp's composite-format messages to an <see cref="ILogger"/>; DbUp's chatter goes to debug.</summary>
public sealed class DbUpLog(ILogger logger) : IUpgradeLog
{
    public void LogTrace(string format, params object[] args) => logger.LogTrace("{DbUp}", Format(format, args));

    public void LogDebug(string format, params object[] args) => logger.LogDebug("{DbUp}", Format(format, args));

    public void LogInformation(string format, params object[] args) => logger.LogDebug("{DbUp}", Format(format, args));

    public void LogWarning(string format, params object[] args) => logger.LogWarning("{DbUp}", Format(format, args));

    // A failed migration reaches the operator as one WarehouseException line from the migrator;
    // DbUp's own error report (with the stack trace) is detail for --verbose.
    public void LogError(string format, params object[] args) => logger.LogDebug("{DbUp}", Format(format, args));

    public void LogError(Exception ex, string format, params object[] args) => logger.LogDebug(ex, "{DbUp}", Format(format, args));

    private static string Format(string format, object[] args) =>
        args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
}
