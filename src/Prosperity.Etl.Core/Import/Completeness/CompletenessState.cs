namespace Prosperity.Etl.Import.Completeness;

/// <summary>The state of one region in one quarter on the completeness matrix.</summary>
public enum CompletenessState
{
    /// <summary>A current accepted return without warnings.</summary>
    Accepted,

    /// <summary>A current accepted return with warnings.</summary>
    AcceptedWithWarnings,

    /// <summary>A return passed validation and waits for review (审核): not counted yet.</summary>
    Pending,

    /// <summary>The reviewer returned the return to the district (退回); nothing else valid since.</summary>
    Returned,

    /// <summary>Attempts, all rejected: nothing accepted yet.</summary>
    Rejected,

    /// <summary>No attempt at all.</summary>
    Missing,

    /// <summary>The region did not exist in the quarter (an old code after its end date, a new one before its start) and nothing was sent.</summary>
    NotApplicable,
}
