using System.Text.Json;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Benchmarks.Tests;

/// <summary>A tiny run of the end-to-end harness (fresh CLI processes, raw floor, pandas script), so it cannot rot; no timing is asserted.</summary>
public class EndToEndCliBenchmarkTests
{
    [Fact]
    public async Task RunAsync_ShouldMergeItsFiguresIntoBenchResults_WhenRunAtATinyScale()
    {
        using var temp = new TempFolder();
        var json = temp.File("bench-results.json");
        await File.WriteAllTextAsync(json, """{ "nightly_noop_seconds": 0.0003, "null_reasons": { "peak_memory_mb": "kept" } }""");
        var output = new StringWriter();

        var code = await new EndToEndCliBenchmark().RunAsync(
            ["--counties", "2", "--indicators", "20", "--history-years", "1", "--national-units", "93", "--out", json, "--work", temp.File("work")], output);

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        var nulls = root.GetProperty("null_reasons");
        Assert.Equal(0.0003, root.GetProperty("nightly_noop_seconds").GetDouble());
        Assert.Equal("kept", nulls.GetProperty("peak_memory_mb").GetString());
        foreach (var figure in new[] { "e2e_ratio_vs_raw", "history_import_ratio", "e2e_ratio_vs_pandas" })
        {
            var value = root.GetProperty(figure);
            if (value.ValueKind == JsonValueKind.Null)
            {
                Assert.False(string.IsNullOrWhiteSpace(nulls.GetProperty(figure).GetString()), figure);
            }
            else
            {
                Assert.True(value.GetDouble() > 0, figure);
            }
        }

        // The national size at a tiny scale: two synthetic units outside Zhejiang (Beijing's and Tianjin's) and their cities, imported and ranked.
        Assert.True(root.GetProperty("national_quarter_seconds_sqlite").GetDouble() > 0);
        Assert.True(root.GetProperty("national_peak_memory_mb").GetDouble() > 10);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("national_quarter_seconds_postgres").ValueKind);
        Assert.Contains("--postgres", nulls.GetProperty("national_quarter_seconds_postgres").GetString(), StringComparison.Ordinal);
        Assert.Equal(4, root.GetProperty("e2e").GetProperty("national").GetProperty("workbooks").GetInt32());

        var e2e = root.GetProperty("e2e");
        Assert.Equal(3, e2e.GetProperty("quarter").GetProperty("workbooks").GetInt32());
        Assert.Equal(12, e2e.GetProperty("history").GetProperty("returns_loaded_first").GetInt32());
        Assert.True(e2e.GetProperty("quarter").GetProperty("raw_floor_seconds").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(e2e.GetProperty("load_average_at_end").GetString()));
        Assert.Contains("history:", output.ToString(), StringComparison.Ordinal);
    }
}
