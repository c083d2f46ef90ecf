using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Prosperity.Etl.Testing;

/// <summary>
/// Reads a written workbook's print set-up back with openpyxl (another program than the one that
/// wrote it), and prints it to PDF with LibreOffice to count the pages.
/// </summary>
public static partial class PrintCheck
{
    public const string Python = "/usr/bin/python3";

    public static string? Soffice { get; } = new[] { "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(File.Exists);

    public static bool HasOpenpyxl { get; } = File.Exists(Python) && Run(Python, ["-c", "import openpyxl"], TimeSpan.FromSeconds(30)).Exit == 0;

    /// <summary>Runs a Python script (openpyxl available) with arguments; its standard output, or an exception with its error output.</summary>
    public static string RunPython(string script, params string[] args)
    {
        var (exit, output, error) = Run(Python, ["-c", script, .. args], TimeSpan.FromSeconds(60));
        return exit == 0 ? output : throw new InvalidOperationException($"python3 exited {exit}: {error}");
    }

    /// <summary>Per sheet: paper, orientation, fit_width, fit_height, fit, title_rows (<c>3:4</c>), area (<c>A1:M19</c>), footer, the texts.</summary>
    public static JsonObject Read(string workbook)
    {
        const string script = """
            import json, sys, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {}
            for ws in wb.worksheets:
                ps = ws.page_setup
                area = ws.print_area
                if isinstance(area, (list, tuple)):
                    area = ",".join(area)
                area = (area or "").split("!")[-1].replace("$", "")
                # fitToWidth and fitToHeight default to 1 in the file format (ECMA-376 CT_PageSetup) when absent.
                out[ws.title] = {
                    "paper": ps.paperSize, "orientation": ps.orientation,
                    "fit": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
                    "fit_width": 1 if ps.fitToWidth is None else int(ps.fitToWidth), "fit_height": 1 if ps.fitToHeight is None else int(ps.fitToHeight),
                    "title_rows": (ws.print_title_rows or "").replace("$", ""), "area": area,
                    "footer": ws.oddFooter.center.text, "max_row": ws.max_row,
                    "texts": [str(c.value) for row in ws.iter_rows() for c in row if isinstance(c.value, str)],
                }
            print(json.dumps(out, ensure_ascii=False))
            """;
        var (exit, output, error) = Run(Python, ["-c", script, workbook], TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, error);
        return JsonNode.Parse(output)!.AsObject();
    }

    /// <summary>The pages of the workbook printed to PDF by LibreOffice (every sheet).</summary>
    public static int PdfPages(string workbook, string folder)
    {
        Directory.CreateDirectory(folder);
        var profile = "file://" + Path.Combine(folder, "lo-profile");
        var (exit, _, error) = Run(Soffice!, [$"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", folder, workbook], TimeSpan.FromSeconds(180));
        var pdf = Path.Combine(folder, Path.GetFileNameWithoutExtension(workbook) + ".pdf");
        Assert.True(exit == 0 && File.Exists(pdf), $"soffice failed: {error}");
        var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(pdf));
        return PageObject().Count(text);
    }

    private static (int Exit, string Out, string Err) Run(string file, IEnumerable<string> args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, string.Empty, $"{file} did not finish in {timeout}");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PageObject();
}
