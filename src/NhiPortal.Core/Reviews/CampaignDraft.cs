namespace NhiPortal.Core.Reviews;

public sealed record CampaignDraft(
    string Name, ReviewScope Scope, string? ScopeValue, Guid FallbackReviewerId, UnansweredPolicy Unanswered,
    int? WindowHours = null, string? ReminderPercents = null, int? EscalateAtPercent = null, int? RecurrenceDays = null)
{
    /// <summary>The stages, owner first; null is the single owner stage with <see cref="WindowHours"/>.</summary>
    public IReadOnlyList<ReviewStage>? Stages { get; init; }

    /// <summary>Give critical NHIs a second reviewer even where the organisation does not require it.</summary>
    public bool SecondReviewerForCritical { get; init; }

    /// <summary>More people in the fallback pool: an item escalated to the pool may be decided by any of them.</summary>
    public IReadOnlyList<Guid> MoreFallbackReviewers { get; init; } = [];

    /// <summary>Recur under the organisation's <see cref="ReviewCadence"/>: every recurrence reviews the NHIs due, riskier ones more often.</summary>
    public bool RiskBasedCadence { get; init; }
}
