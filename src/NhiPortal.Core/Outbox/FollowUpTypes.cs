namespace NhiPortal.Core.Outbox;

/// <summary>The follow-up kinds the dispatcher knows; each has exactly one handler.</summary>
public static class FollowUpTypes
{
    /// <summary>Scores of some identities (or all) are stale. Many rows coalesce into one targeted or full rescore.</summary>
    public const string Rescore = "hygiene.rescore";

    /// <summary>A review decision or an unanswered campaign's policy asks for a revocation run.</summary>
    public const string ReviewRemediation = "reviews.remediate";
    public const string ApprovedRevocation = "approvals.revoke";

    /// <summary>Someone left: a micro-review over the NHIs they owned.</summary>
    public const string DepartureReview = "reviews.open-departure";

    /// <summary>A leaked credential in an auto-revoke environment: a revocation run (id = row id) as <c>system:leaks</c>.</summary>
    public const string LeakRevoke = "leaks.revoke";

    /// <summary>A leak for people to act on: the owner and every operator are told, with a link to the one-click revoke.</summary>
    public const string LeakNotify = "leaks.notify";

    /// <summary>An NHI's planned end was reached: a decommission run (id = row id) as <c>system:end-dates</c>.</summary>
    public const string EndDateDecommission = "identities.end-date";
}
