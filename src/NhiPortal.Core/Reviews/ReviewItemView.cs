namespace NhiPortal.Core.Reviews;

public sealed record ReviewItemView(
    long Id, Guid CampaignId, string CampaignName, Guid IdentityId, string IdentityName, string? OwnerName, string? TeamName,
    string ReviewerName, string ReviewerRule, ReviewItemStatus Status, ReviewDecision? Decision, string? Justification, string? DecidedBy,
    DateTime? DecidedUtc, int? EvidenceScore, DateTime? EvidenceLastUsedUtc, string Recommendation, bool HighRisk, DateTime DeadlineUtc,
    string? DelegatedFrom, int Version, string EvidenceJson, bool FollowUp, Guid? RemediationRunId)
{
    public int Stage { get; init; } = 1;

    public bool FinalStage { get; init; } = true;

    /// <summary>What the earlier stages of this campaign decided for the identity, first stage first.</summary>
    public IReadOnlyList<StageDecision> EarlierStages { get; init; } = [];
}
