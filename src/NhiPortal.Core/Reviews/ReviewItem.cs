namespace NhiPortal.Core.Reviews;

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

    /// <summary>The campaign stage this item belongs to (1-based): one item per identity and stage.</summary>
    public int Stage { get; set; } = 1;

    /// <summary>The identity's last stage: only this item's decision is carried out and goes into the result.</summary>
    public bool FinalStage { get; set; } = true;

    /// <summary>At or above the separation-of-duties privilege when frozen: its owner may not decide a later stage.</summary>
    public bool Critical { get; set; }

    /// <summary>Why this reviewer: "owner", "team lead", "fallback", "delegate", with whom the rule skipped because they cannot decide.</summary>
    public required string ReviewerRule { get; set; }

    public const int MaxReviewerRule = 200;

    public Guid? DelegatedFromId { get; set; }

    public string? DelegationReason { get; set; }

    public ReviewItemStatus Status { get; set; } = ReviewItemStatus.Pending;

    public ReviewDecision? Decision { get; set; }

    public string? Justification { get; set; }

    public string? DecidedBy { get; set; }

    /// <summary>The staff member whose authority decided (for an API client, its owner): who separation of duties keeps out of later stages.</summary>
    public Guid? DecidedById { get; set; }

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

    /// <summary>How far along its escalation chain the item has moved (<see cref="EscalationChain"/>): 0 not yet, 3 the fallback pool.</summary>
    public int EscalationStep { get; set; }

    /// <summary>Escalated to the campaign's fallback pool: any of its fallback reviewers may decide it.</summary>
    public bool WithFallbacks { get; set; }

    public Guid? RemediationRunId { get; set; }

    public bool FollowUp { get; set; }

    /// <summary>Optimistic concurrency: two reviewers deciding at once; the second is told, never overwrites.</summary>
    public int Version { get; set; }

    public bool IsOpen => Status is ReviewItemStatus.Pending or ReviewItemStatus.Escalated;

    // The item's state machine (DESIGN.md), in one place: Pending → Decided | (Delegated) | Escalated → Decided;
    // at close Pending/Escalated → NoResponse; Decided(revoke|disable) or NoResponse → Remediated | RemediationFailed.

    public void Decide(ReviewDecision decision, string? justification, string decidedBy, DateTime nowUtc, Guid? newOwnerId, Guid? decidedById = null)
    {
        DecidedById = decidedById;
        Require(IsOpen, "decided");
        Status = ReviewItemStatus.Decided;
        Decision = decision;
        Justification = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        DecidedBy = decidedBy;
        DecidedUtc = nowUtc;
        NewOwnerId = newOwnerId;
        // An earlier stage's answer is passed on, not carried out: only the last stage's asks for follow-up.
        FollowUp = FinalStage && decision == ReviewDecision.ReduceAccess;
        Version++;
    }

    public void DelegateTo(Guid delegateId, string reason)
    {
        Require(IsOpen, "delegated");
        DelegatedFromId = ReviewerId;
        ReviewerId = delegateId;
        ReviewerRule = "delegate";
        DelegationReason = reason.Trim();
        Version++;
    }

    /// <summary>Past an escalation point the item moves on along its chain (to <see cref="EscalationMove.To"/>, or stays where nobody else may take it).</summary>
    public void Escalate(EscalationMove move, DateTime nowUtc)
    {
        Require(IsOpen, "escalated");
        // A reviewer who keeps the item (already in the pool) keeps their open decision valid: only a real move bumps the version.
        var moves = move.To is { } to && to != ReviewerId;
        var changes = moves || Status != ReviewItemStatus.Escalated || (move.ToPool && !WithFallbacks);
        Status = ReviewItemStatus.Escalated;
        EscalatedUtc ??= nowUtc;
        EscalationStep = move.Step;
        WithFallbacks |= move.ToPool;
        if (moves)
        {
            ReviewerId = move.To!.Value;
            ReviewerRule = move.Rule.Length <= MaxReviewerRule ? move.Rule : move.Rule[..(MaxReviewerRule - 1)] + "…";
        }
        if (changes)
        {
            Version++;
        }
    }

    public void MarkNoResponse(UnansweredPolicy policy)
    {
        Require(IsOpen, "closed unanswered");
        Status = ReviewItemStatus.NoResponse;
        FollowUp = FlagsForFollowUp(policy);
        Version++;
    }

    /// <summary>Whether an item closed unanswered under this policy is flagged for a person's follow-up (also for the set-based close).</summary>
    public static bool FlagsForFollowUp(UnansweredPolicy policy) => policy == UnansweredPolicy.FlagForFollowUp;

    /// <summary>A revocation run will carry out this decision (or the unanswered policy): the run takes this id.</summary>
    public void AwaitRemediation(Guid runId)
    {
        Require(Status is ReviewItemStatus.Decided or ReviewItemStatus.NoResponse, "remediated");
        RemediationRunId = runId;
    }

    /// <summary>The remediation ended: done (or nothing was left to revoke), or it failed and needs a person.</summary>
    public void Remediate(bool succeeded)
    {
        Require(Status is ReviewItemStatus.Decided or ReviewItemStatus.NoResponse, "remediated");
        Status = succeeded ? ReviewItemStatus.Remediated : ReviewItemStatus.RemediationFailed;
        Version++;
    }

    private void Require(bool allowed, string what)
    {
        if (!allowed)
        {
            throw new InvalidOperationException($"Review item {Id} ({IdentityName}) is {Status} and cannot be {what}.");
        }
    }
}
