namespace NhiPortal.Core.Reviews;

public sealed record ReviewItemView(
    long Id, Guid CampaignId, string CampaignName, Guid IdentityId, string IdentityName, string? OwnerName, string? TeamName,
    string ReviewerName, string ReviewerRule, ReviewItemStatus Status, ReviewDecision? Decision, string? Justification, string? DecidedBy,
    DateTime? DecidedUtc, int? EvidenceScore, DateTime? EvidenceLastUsedUtc, string Recommendation, bool HighRisk, DateTime DeadlineUtc,
    string? DelegatedFrom, int Version, string EvidenceJson, bool FollowUp, Guid? RemediationRunId);
