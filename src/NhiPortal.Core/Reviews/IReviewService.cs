namespace NhiPortal.Core.Reviews;

public sealed record CampaignDraft(
    string Name, ReviewScope Scope, string? ScopeValue, Guid FallbackReviewerId, UnansweredPolicy Unanswered,
    int? WindowHours = null, string? ReminderPercents = null, int? EscalateAtPercent = null, int? RecurrenceDays = null);

public sealed record CampaignRow(
    Guid Id, string Name, ReviewScope Scope, string? ScopeValue, CampaignStatus Status, DateTime? StartedUtc, DateTime? DeadlineUtc,
    UnansweredPolicy Unanswered, int Items, int Decided, int Pending, int Escalated, int NoResponse, int Remediated, Guid? ParentCampaignId, int? RecurrenceDays);

public sealed record ReviewItemView(
    long Id, Guid CampaignId, string CampaignName, Guid IdentityId, string IdentityName, string? OwnerName, string? TeamName,
    string ReviewerName, string ReviewerRule, ReviewItemStatus Status, ReviewDecision? Decision, string? Justification, string? DecidedBy,
    DateTime? DecidedUtc, int? EvidenceScore, DateTime? EvidenceLastUsedUtc, string Recommendation, bool HighRisk, DateTime DeadlineUtc,
    string? DelegatedFrom, int Version, string EvidenceJson, bool FollowUp, Guid? RemediationRunId);

public sealed record GroupProgress(string Name, int Items, int Decided, int Pending, int Escalated);

public sealed record CampaignProgress(
    CampaignRow Campaign, IReadOnlyList<GroupProgress> ByReviewer, IReadOnlyList<GroupProgress> ByTeam, RubberStampSignals Signals,
    IReadOnlyList<ReviewItemView> Items);

public sealed record DecisionRequest(long ItemId, int Version, ReviewDecision Decision, string? Justification, Guid? NewOwnerId = null);

/// <summary>Campaigns (SecurityOperators, Administrators) and decisions (whoever an item is assigned or escalated to).</summary>
public interface IReviewService
{
    /// <summary>Creates a campaign and, unless <paramref name="start"/> is false, starts it (its item list is frozen then).</summary>
    Task<Guid> CreateAsync(CampaignDraft draft, bool start = true, CancellationToken ct = default);

    Task StartAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>Closes now: unanswered items get the campaign's policy; the result is frozen.</summary>
    Task CloseAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>A new campaign over a closed one's unanswered items only.</summary>
    Task<Guid> RerunNonRespondersAsync(Guid campaignId, CancellationToken ct = default);

    Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct = default);

    Task<CampaignProgress> GetProgressAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>The caller's queue: items assigned to them, and escalated items they are the fallback for, riskiest first.</summary>
    Task<IReadOnlyList<ReviewItemView>> MyQueueAsync(bool includeDecided = false, CancellationToken ct = default);

    /// <summary>Decides one item; a stale <see cref="DecisionRequest.Version"/> (someone decided first) raises <see cref="ReviewConflictException"/>.</summary>
    Task DecideAsync(DecisionRequest request, CancellationToken ct = default);

    /// <summary>Decides a selection in one transaction: all or none.</summary>
    Task<int> DecideManyAsync(IReadOnlyList<DecisionRequest> requests, CancellationToken ct = default);

    Task DelegateAsync(long itemId, int version, Guid toStaffId, string reason, CancellationToken ct = default);
}

public sealed class ReviewConflictException(string message) : Exception(message);
