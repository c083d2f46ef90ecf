using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Prosperity.Etl.Benchmarks;

/// <summary>Starts this harness again as a child process running the <c>cli</c> benchmark.</summary>
internal static class ChildProcess
{
    internal sealed record Result(int ExitCode, double Seconds, double? PeakMegabytes, string Output, string Error);

    public static async Task<Result> RunCliAsync(IEnumerable<string> cliArgs, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        var host = Environment.ProcessPath!;
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.FileName = host;
            start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        }
        else
        {
            start.FileName = host;
        }

        start.ArgumentList.Add("cli");
        foreach (var a in cliArgs)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var error = await stderr;
        var peak = error.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(CliBenchmark.PeakPrefix, StringComparison.Ordinal));
        double? megabytes = peak is not null && long.TryParse(peak[CliBenchmark.PeakPrefix.Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb)
            ? kb / 1024.0
            : null;
        return new Result(process.ExitCode, seconds, megabytes, await stdout, error);
    }
}
