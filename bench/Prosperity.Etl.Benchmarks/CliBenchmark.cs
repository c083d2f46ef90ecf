using System.Globalization;
using Prosperity.Etl.Host.Cli;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// Runs the <c>prosperity</c> command line in this process and, at exit, prints the process's peak
/// resident memory (VmHWM) on standard error. The province harness starts it as a child process to
/// measure a CLI run from process start, and the peak memory of one import.
/// </summary>
public sealed class CliBenchmark : IBenchmark
{
    /// <summary>The line prefix the peak memory is printed with.</summary>
    public const string PeakPrefix = "peak_rss_kb=";

    public string Name => "cli";

    public string Description => "runs the prosperity CLI with the given arguments and prints the peak memory (used as a child process by 'province')";

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var code = await new ProsperityCli(output, Console.Error).RunAsync(args);
        await Console.Error.WriteLineAsync(PeakPrefix + (PeakKilobytes()?.ToString(CultureInfo.InvariantCulture) ?? "unknown"));
        return code;
    }

    /// <summary>VmHWM of this process in kB (Linux), or null.</summary>
    public static long? PeakKilobytes()
    {
        const string status = "/proc/self/status";
        if (!File.Exists(status))
        {
            return null;
        }

        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
