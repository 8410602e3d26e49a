namespace NhiPortal.Core.Reviews;

public sealed record CampaignDraft(
    string Name, ReviewScope Scope, string? ScopeValue, Guid FallbackReviewerId, UnansweredPolicy Unanswered,
    int? WindowHours = null, string? ReminderPercents = null, int? EscalateAtPercent = null, int? RecurrenceDays = null);
