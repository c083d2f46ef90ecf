using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Prosperity.Etl.Benchmarks;

/// <summary>What the figures were measured on, and how busy the machine was.</summary>
internal static class MachineInfo
{
    public static Dictionary<string, object?> Describe() => new()
    {
        ["nproc"] = Environment.ProcessorCount,
        ["cpu_model"] = CpuModel(),
        ["dotnet_version"] = DotnetVersion(),
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["os"] = RuntimeInformation.OSDescription,
        ["load_average_at_start"] = LoadAverage(),
    };

    /// <summary>The 1, 5 and 15 minute load averages (Linux), showing other work on a shared machine.</summary>
    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;

    private static string? CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;

    private static string? DotnetVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            var version = process!.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
