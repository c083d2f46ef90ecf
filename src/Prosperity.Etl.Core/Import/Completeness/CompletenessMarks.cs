namespace Prosperity.Etl.Import.Completeness;

/// <summary>Names and marks of <see cref="CompletenessState"/>, shared by the command line and the web page.</summary>
public static class CompletenessMarks
{
    /// <summary>Added to a cell's mark when earlier versions were superseded by the current one.</summary>
    public const string Superseded = "↻";

    /// <summary>The storage and JSON name: accepted, accepted_with_warnings, rejected, missing, not_applicable.</summary>
    public static string Name(CompletenessState state) => state switch
    {
        CompletenessState.Accepted => "accepted",
        CompletenessState.AcceptedWithWarnings => "accepted_with_warnings",
        CompletenessState.Rejected => "rejected",
        CompletenessState.Missing => "missing",
        CompletenessState.NotApplicable => "not_applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The one-character mark: ✓ accepted, ! with warnings, ✗ rejected, · missing, – not applicable.</summary>
    public static string Mark(CompletenessState state) => state switch
    {
        CompletenessState.Accepted => "✓",
        CompletenessState.AcceptedWithWarnings => "!",
        CompletenessState.Rejected => "✗",
        CompletenessState.Missing => "·",
        CompletenessState.NotApplicable => "–",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>Every mark with its meaning in Chinese and English, in display order.</summary>
    public static IReadOnlyList<(string Mark, string Name, string MeaningZh, string MeaningEn)> Legend { get; } =
    [
        (Mark(CompletenessState.Accepted), Name(CompletenessState.Accepted), "已接收", "accepted"),
        (Mark(CompletenessState.AcceptedWithWarnings), Name(CompletenessState.AcceptedWithWarnings), "已接收（有警告）", "accepted with warnings"),
        (Mark(CompletenessState.Rejected), Name(CompletenessState.Rejected), "被退回，尚无有效报送", "rejected, nothing accepted yet"),
        (Mark(CompletenessState.Missing), Name(CompletenessState.Missing), "未报送", "missing, no attempt"),
        (Mark(CompletenessState.NotApplicable), Name(CompletenessState.NotApplicable), "该季度不存在此地区", "region did not exist in the quarter"),
        (Superseded, "superseded", "已更正（旧版本被替换）", "resubmitted, earlier versions superseded"),
    ];
}
