namespace Prosperity.Etl.Benchmarks;

/// <summary>A measurement harness: runs its cases side by side and prints figures and ratios.</summary>
public interface IBenchmark
{
    /// <summary>The name given on the command line.</summary>
    string Name { get; }

    /// <summary>One line saying what it measures.</summary>
    string Description { get; }

    /// <summary>Runs with the remaining arguments; returns the exit code.</summary>
    Task<int> RunAsync(string[] args, TextWriter output);
}
