using Prosperity.Etl.Excel.Reading;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Excel;

/// <summary>
/// Reads a submission workbook as a district return only (no bulletin recognition): the
/// <see cref="WorkbookReader"/> without a catalogue. Sheets and headers are found by their labels;
/// formula cells give their cached value, nothing is recalculated; a file that is not a readable
/// workbook gives a classified issue, never an exception.
/// </summary>
public sealed class SubmissionWorkbookReader : ISubmissionReader
{
    private readonly WorkbookReader _reader;

    /// <summary>A reader with the default limits.</summary>
    public SubmissionWorkbookReader()
        : this(new ReaderLimits())
    {
    }

    /// <summary>A reader with the given limits against hostile packages.</summary>
    public SubmissionWorkbookReader(ReaderLimits limits) => _reader = new WorkbookReader(limits ?? throw new ArgumentNullException(nameof(limits)));

    /// <inheritdoc />
    public ReadResult Read(string path) => _reader.Read(path);

    /// <inheritdoc />
    public ReadResult Read(string path, CancellationToken cancellationToken) => _reader.Read(path, cancellationToken);
}
