namespace NhiPortal.Core.Reviews;

/// <summary>Which NHIs a campaign covers; frozen into items when it starts.</summary>
public enum ReviewScope
{
    AllIdentities,
    Team,
    Environment,
    Grade,
    /// <summary>Shared, break-glass and vendor-managed accounts: shorter windows by default.</summary>
    HighRisk,
    /// <summary>The NHIs a leaver owned (opened automatically when someone is marked as left).</summary>
    OwnerDeparture,
}

public enum CampaignStatus
{
    Draft,
    Active,
    Closed,
}

/// <summary>What happens to an item nobody decided when the window closes.</summary>
public enum UnansweredPolicy
{
    RevokeCredentials,
    DisableIdentity,
    FlagForFollowUp,
}

public enum ReviewDecision
{
    Keep,
    RevokeCredentials,
    DisableIdentity,
    ReduceAccess,
    ReassignOwner,
}

/// <summary>Pending → Decided; Pending → Escalated → Decided; at close Pending/Escalated → NoResponse; revoke/disable → Remediated | RemediationFailed.</summary>
public enum ReviewItemStatus
{
    Pending,
    Escalated,
    Decided,
    NoResponse,
    Remediated,
    RemediationFailed,
}

/// <summary>An access review: scope, window, reviewer rule, reminders, escalation and the unanswered policy.</summary>
public sealed class ReviewCampaign
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public required ReviewScope Scope { get; set; }

    /// <summary>The team id, environment or grade the scope names (null for all / high-risk).</summary>
    public string? ScopeValue { get; set; }

    public required int WindowHours { get; set; }

    /// <summary>Reminders at these shares of the window, e.g. "50,75".</summary>
    public string ReminderPercents { get; set; } = "50";

    /// <summary>Unanswered items escalate at this share of the window.</summary>
    public int EscalateAtPercent { get; set; } = 90;

    /// <summary>Who receives escalations and reviews when neither the owner nor the team lead can.</summary>
    public required Guid FallbackReviewerId { get; set; }

    public required UnansweredPolicy Unanswered { get; set; }

    /// <summary>A recurring campaign starts a successor every N days.</summary>
    public int? RecurrenceDays { get; set; }

    public CampaignStatus Status { get; set; } = CampaignStatus.Draft;

    public required string CreatedBy { get; set; }

    public required DateTime CreatedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? DeadlineUtc { get; set; }

    public DateTime? ClosedUtc { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>The campaign this one re-runs (for its non-responders) or recurs from.</summary>
    public Guid? ParentCampaignId { get; set; }

    public bool SuccessorStarted { get; set; }

    public List<ReviewItem> Items { get; set; } = [];
}

/// <summary>
/// One NHI in a campaign, with the evidence the reviewer saw frozen when the campaign started (and again with the
/// decision), so a report shows what was known when it was decided.
/// </summary>
public sealed class ReviewItem
{
    public long Id { get; set; }

    public Guid CampaignId { get; set; }

    public required Guid IdentityId { get; set; }

    public required string IdentityName { get; set; }

    public Guid? OwnerId { get; set; }

    public string? OwnerName { get; set; }

    public string? TeamName { get; set; }

    public required Guid ReviewerId { get; set; }

    /// <summary>Why this reviewer: "owner", "team lead", "fallback".</summary>
    public required string ReviewerRule { get; set; }

    public Guid? DelegatedFromId { get; set; }

    public string? DelegationReason { get; set; }

    public ReviewItemStatus Status { get; set; } = ReviewItemStatus.Pending;

    public ReviewDecision? Decision { get; set; }

    public string? Justification { get; set; }

    public string? DecidedBy { get; set; }

    public DateTime? DecidedUtc { get; set; }

    public Guid? NewOwnerId { get; set; }

    /// <summary>Evidence: the identity's hygiene score, its credentials' last use, the recommendation, the previous decision.</summary>
    public int? EvidenceScore { get; set; }

    public DateTime? EvidenceLastUsedUtc { get; set; }

    public required string Recommendation { get; set; }

    public required bool HighRisk { get; set; }

    public required string EvidenceJson { get; set; }

    public int RemindersSent { get; set; }

    public DateTime? EscalatedUtc { get; set; }

    public Guid? RemediationRunId { get; set; }

    public bool FollowUp { get; set; }

    /// <summary>Optimistic concurrency: two reviewers deciding at once; the second is told, never overwrites.</summary>
    public int Version { get; set; }
}

public sealed record EvidenceCredential(string Name, string Kind, string? Grade, DateTime? LastUsedUtc);

/// <summary>
/// What a reviewer sees about an NHI, frozen when the campaign starts (<see cref="ReviewItem.EvidenceJson"/>); one
/// shape for the campaign that writes it and the screens and reports that read it.
/// </summary>
public sealed record ReviewEvidence(
    int? Score, string? Grade, DateTime? LastUsedUtc, DateTime? LastActivityUtc, DateTime? LastAttestedUtc, IReadOnlyList<string> Entitlements,
    string Privilege, bool IsShared, bool IsBreakGlass, bool IsVendorManaged, IReadOnlyList<EvidenceCredential> Credentials, string? PreviousDecision)
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new();

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this, Json);

    public static ReviewEvidence? FromJson(string json) => System.Text.Json.JsonSerializer.Deserialize<ReviewEvidence>(json, Json);
}

/// <summary>A closed campaign's immutable result (insert-only), for reports: who decided what, when, why.</summary>
public sealed class ReviewCampaignResult
{
    public Guid CampaignId { get; set; }

    public required DateTime ClosedUtc { get; set; }

    public required string ResultJson { get; set; }

    public required string Sha256 { get; set; }
}
