using System.Linq.Expressions;

namespace NhiPortal.Core.Reviews;

/// <summary>What became of a review item, defined once for the campaign page, the close and the review report.</summary>
public static class ReviewItemOutcomes
{
    /// <summary>
    /// Nobody answered by the identity's last stage's deadline (an earlier stage's silence passes the item on). Counted by the missing decision, not the current status: an unanswered item
    /// stays unanswered after the close remediates it (with or without credentials to revoke).
    /// </summary>
    public static readonly Expression<Func<ReviewItem, bool>> Unanswered = i => i.Decision == null && i.FinalStage
        && (i.Status == ReviewItemStatus.NoResponse || i.Status == ReviewItemStatus.Remediated || i.Status == ReviewItemStatus.RemediationFailed);

    /// <summary><see cref="Unanswered"/> for a group of items that share a status and whether they carry a decision (the campaign page's one aggregate).</summary>
    public static bool IsUnansweredGroup(ReviewItemStatus status, bool decided, bool final) =>
        !decided && final && status is ReviewItemStatus.NoResponse or ReviewItemStatus.Remediated or ReviewItemStatus.RemediationFailed;

    /// <summary><see cref="Unanswered"/> for items already in memory.</summary>
    public static readonly Func<ReviewItem, bool> IsUnanswered = Unanswered.Compile();
}
