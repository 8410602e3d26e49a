namespace NhiPortal.Core.Reviews;

public sealed record CampaignRow(
    Guid Id, string Name, ReviewScope Scope, string? ScopeValue, CampaignStatus Status, DateTime? StartedUtc, DateTime? DeadlineUtc,
    UnansweredPolicy Unanswered, int Items, int Decided, int Pending, int Escalated, int NoResponse, int Remediated, Guid? ParentCampaignId, int? RecurrenceDays);
