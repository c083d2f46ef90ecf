namespace Prosperity.Etl.Import.Completeness;

/// <summary>Names and marks of <see cref="CompletenessState"/>, shared by the command line and the web page.</summary>
public static class CompletenessMarks
{
    /// <summary>Added to a cell's mark when a revision waits for review behind the current version.</summary>
    public const string RevisionPending = "*";

    /// <summary>Added to a cell's mark when earlier versions were superseded by the current one.</summary>
    public const string Superseded = "↻";

    /// <summary>The storage and JSON name: accepted, accepted_with_warnings, pending, returned, rejected, missing, not_applicable.</summary>
    public static string Name(CompletenessState state) => state switch
    {
        CompletenessState.Accepted => "accepted",
        CompletenessState.AcceptedWithWarnings => "accepted_with_warnings",
        CompletenessState.Pending => "pending",
        CompletenessState.Returned => "returned",
        CompletenessState.Rejected => "rejected",
        CompletenessState.Missing => "missing",
        CompletenessState.NotApplicable => "not_applicable",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The one-character mark: ✓ accepted, ! with warnings, ? pending review, ↩ returned, ✗ rejected, · missing, – not applicable.</summary>
    public static string Mark(CompletenessState state) => state switch
    {
        CompletenessState.Accepted => "✓",
        CompletenessState.AcceptedWithWarnings => "!",
        CompletenessState.Pending => "?",
        CompletenessState.Returned => "↩",
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
        (Mark(CompletenessState.Pending), Name(CompletenessState.Pending), "待审核（尚未计入）", "waiting for review, not counted yet"),
        (Mark(CompletenessState.Returned), Name(CompletenessState.Returned), "审核退回", "returned by the reviewer"),
        (Mark(CompletenessState.Rejected), Name(CompletenessState.Rejected), "未通过校验，尚无有效报送", "rejected by validation, nothing accepted yet"),
        (Mark(CompletenessState.Missing), Name(CompletenessState.Missing), "未报送", "missing, no attempt"),
        (Mark(CompletenessState.NotApplicable), Name(CompletenessState.NotApplicable), "该季度不存在此地区", "region did not exist in the quarter"),
        (Superseded, "superseded", "已更正（旧版本被替换）", "resubmitted, earlier versions superseded"),
        (RevisionPending, "revision_pending", "有待审核的修订", "a newer return waits for review"),
    ];
}
