using System.Globalization;
using System.Text.Json;

namespace Prosperity.Etl.Benchmarks;

/// <summary>The figures of one run, in the order measured, written as bench-results.json; a null figure carries its reason.</summary>
internal sealed class BenchResults
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _nulls = new(StringComparer.Ordinal);

    /// <summary>The targets on a 2-core machine: key, comparison, bound.</summary>
    internal static readonly (string Key, string Op, double Bound)[] Targets =
    [
        ("parse_ratio_vs_sax", ">=", 0.5),
        ("load_ratio_vs_raw_sqlite", ">=", 0.7),
        ("load_ratio_vs_raw_postgres", ">=", 0.7),
        ("province_quarter_seconds_sqlite", "<", 60),
        ("nightly_noop_seconds", "<", 1),
        ("peak_memory_mb", "<", 400),
    ];

    public Dictionary<string, object?> Machine => (Dictionary<string, object?>)_values["machine"]!;

    public void Set(string key, object? value) => _values[key] = value;

    public void SetOrNull(string key, object? value, string reason)
    {
        _values[key] = value;
        if (value is null)
        {
            _nulls[key] = reason;
        }
    }

    public void AddTargets() => _values["targets"] = Targets.Select(t => new Dictionary<string, object?>
    {
        ["figure"] = t.Key,
        ["target"] = $"{t.Op} {t.Bound.ToString(CultureInfo.InvariantCulture)}",
        ["value"] = Value(t.Key),
        ["met"] = Value(t.Key) is { } v ? (t.Op == ">=" ? v >= t.Bound : v < t.Bound) : null,
    }).ToList();

    public async Task WriteTargetsAsync(TextWriter output)
    {
        await output.WriteLineAsync($"{"figure",-34} {"target",-8} {"value",10}  verdict");
        foreach (var (key, op, bound) in Targets)
        {
            var value = Value(key);
            var verdict = value is not { } v ? "n/a: " + _nulls.GetValueOrDefault(key, "not measured")
                : (op == ">=" ? v >= bound : v < bound) ? "met" : $"missed by {Math.Abs(v - bound).ToString("0.###", CultureInfo.InvariantCulture)}";
            await output.WriteLineAsync($"{key,-34} {op + " " + bound.ToString(CultureInfo.InvariantCulture),-8} {value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "null",10}  {verdict}");
        }
    }

    public async Task WriteAsync(string path)
    {
        _values["null_reasons"] = _nulls;
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, _values, Indented);
    }

    private double? Value(string key) => _values.GetValueOrDefault(key) switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => null,
    };
}
