namespace NhiPortal.Core.Reviews;

/// <summary>
/// The follow-up (<see cref="FollowUpType"/>) that freezes a Starting campaign's items in batches. Its identities are
/// the campaign's scope, or only those named (a departure review), or the unanswered items of the campaign it re-runs.
/// </summary>
public sealed record CampaignStartPayload(Guid CampaignId, IReadOnlyList<Guid>? OnlyIdentities, Guid? UnansweredOf, string RequestedBy, string RequestedByName)
{
    public const string FollowUpType = "reviews.start-campaign";
}
