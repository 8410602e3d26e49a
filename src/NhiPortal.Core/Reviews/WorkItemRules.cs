namespace NhiPortal.Core.Reviews;

/// <summary>Who answers for a review's follow-up and by when: pure, so a test drives it with any clock.</summary>
public static class WorkItemRules
{
    public const int DueDays = 14;

    /// <summary>The NHI's owner while still with the organisation, else the campaign's fallback reviewer.</summary>
    public static Guid Assignee(Guid? ownerId, bool ownerActive, Guid fallbackReviewerId) => ownerId is { } owner && ownerActive ? owner : fallbackReviewerId;

    public static DateTime Due(DateTime createdUtc) => createdUtc.AddDays(DueDays);

    public static bool Overdue(WorkItemState state, DateTime dueUtc, DateTime nowUtc) => state == WorkItemState.Open && nowUtc > dueUtc;

    public static string DescribeUnanswered(string campaignName) => $"Nobody answered for this NHI in \"{campaignName}\": find out whether it is still needed, then keep, reduce or revoke it.";
}
