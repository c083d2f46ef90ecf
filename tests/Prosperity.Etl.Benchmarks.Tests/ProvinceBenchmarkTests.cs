using System.Text.Json;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Benchmarks.Tests;

/// <summary>A small-scale run of the province harness, so it cannot rot; no timing is asserted.</summary>
public class ProvinceBenchmarkTests
{
    private static readonly string[] Figures =
    [
        "parse_ratio_vs_sax", "product_cells_per_second", "sax_cells_per_second", "load_ratio_vs_raw_sqlite", "load_ratio_vs_raw_postgres",
        "province_quarter_seconds_sqlite", "province_quarter_seconds_postgres", "nightly_noop_seconds", "peak_memory_mb",
    ];

    [Fact]
    public async Task RunAsync_ShouldWriteEveryFigureToBenchResults_WhenRunAtATinyScale()
    {
        using var temp = new TempFolder();
        var json = temp.File("bench-results.json");
        var output = new StringWriter();

        var code = await new ProvinceBenchmark().RunAsync(
            ["--counties", "3", "--indicators", "24", "--repeat", "1", "--noop-files", "12", "--large-mb", "0.2", "--load-quarters", "1",
             "--skip-postgres", "--out", json, "--work", temp.File("work")],
            output);

        Assert.Equal(0, code);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        var nulls = root.GetProperty("null_reasons");
        foreach (var figure in Figures)
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

        Assert.Equal(JsonValueKind.Null, root.GetProperty("province_quarter_seconds_postgres").ValueKind);
        Assert.Equal(4, root.GetProperty("scale").GetProperty("workbooks").GetInt32());
        Assert.Equal(24, root.GetProperty("scale").GetProperty("indicators").GetInt32());
        Assert.Equal(12, root.GetProperty("nightly_noop").GetProperty("files").GetInt32());
        Assert.True(root.GetProperty("machine").GetProperty("nproc").GetInt32() > 0);
        Assert.Equal(0, root.GetProperty("peak_memory").GetProperty("exit_code").GetInt32());
        Assert.True(root.GetProperty("nightly_noop").GetProperty("cli_child_process_seconds").GetDouble() > 0);
        Assert.Equal(6, root.GetProperty("targets").GetArrayLength());
        Assert.Contains("parse_ratio_vs_sax", output.ToString(), StringComparison.Ordinal);
    }
}
