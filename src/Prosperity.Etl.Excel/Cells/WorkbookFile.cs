namespace Prosperity.Etl.Excel.Cells;

/// <summary>
/// The one entry to reading a workbook's cells: the file is classified by its bytes, then an .xlsx
/// is streamed and an .xls read with its own reader into the same model, inside the package limits.
/// Encrypted files and OpenDocument spreadsheets are refused with what to do instead.
/// </summary>
public static class WorkbookFile
{
    /// <summary>Reads every cell of the file, or gives the one issue that refuses it; never throws for a bad file.</summary>
    public static WorkbookLoad Load(string path, ReaderLimits limits, CancellationToken cancellationToken = default) =>
        Load(path, limits, ReadScope.Everything, cancellationToken);

    /// <summary>Reads the file's cells within <paramref name="scope"/>, or gives the one issue that refuses it.</summary>
    public static WorkbookLoad Load(string path, ReaderLimits limits, ReadScope scope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(limits);
        SniffedFormat format;
        try
        {
            format = FileSniffer.Sniff(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new WorkbookLoad(null, Validation.Rules.NotAWorkbook.ForFile(path, $"无法读取文件：{ex.Message}", $"The file cannot be read: {ex.Message}"));
        }

        return format switch
        {
            SniffedFormat.NotAWorkbook => new WorkbookLoad(null, Validation.Rules.NotAWorkbook.ForFile(path,
                "文件不是Excel工作簿（.xlsx）。", "The file is not an Excel workbook (.xlsx).", expected: ".xlsx")),
            SniffedFormat.EncryptedOoxml => new WorkbookLoad(null, Validation.Rules.Encrypted.ForFile(path,
                "工作簿设置了打开密码，请取消密码后重新上报（文件→信息→保护工作簿→用密码进行加密，清空密码）。",
                "The workbook is password-protected; remove the password and send it again (File > Info > Protect Workbook > Encrypt with Password, clear it).")),
            SniffedFormat.Ods => new WorkbookLoad(null, Validation.Rules.LegacyFormat.At(path, null, ".ods", ".xlsx",
                "文件是OpenDocument（.ods）格式，请“另存为”Excel 2007-365（.xlsx）后重新上报。",
                "The file is an OpenDocument spreadsheet (.ods); use Save As > Excel 2007-365 (.xlsx) and send it again.")),
            SniffedFormat.LegacyBiff => new WorkbookLoad(null, Validation.Rules.LegacyFormat.At(path, null, "Excel 2.x-4.x", ".xlsx",
                "文件是Excel 2.x-4.x的旧格式工作表，请用Excel或WPS“另存为”Excel工作簿（*.xlsx）后重新上报。",
                "The file is an Excel 2.x-4.x worksheet, a format older than .xls; open it in Excel or WPS and use Save As > Excel Workbook (*.xlsx).")),
            SniffedFormat.LegacyXls => XlsCellReader.Load(path, limits, cancellationToken),
            _ => XlsxCellReader.Load(path, limits, scope, cancellationToken),
        };
    }
}
