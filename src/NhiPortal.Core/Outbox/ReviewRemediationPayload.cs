namespace NhiPortal.Core.Outbox;

/// <summary>
/// <see cref="FollowUpTypes.ReviewRemediation"/>: the revocation run a decision (one item, its identity) or a closed
/// campaign's unanswered policy (many items, their active credentials) asks for. The run takes the follow-up's id,
/// so a second delivery finds it instead of starting another.
/// </summary>
public sealed record ReviewRemediationPayload(
    Guid CampaignId, string CampaignName, IReadOnlyList<long> ItemIds, Guid? IdentityId, bool DisableIdentity, string Reason, string DecidedBy);
