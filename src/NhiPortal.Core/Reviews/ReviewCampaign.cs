namespace NhiPortal.Core.Reviews;

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

    /// <summary>When the start was asked for: NHIs created later are not frozen into the campaign.</summary>
    public DateTime? StartRequestedUtc { get; set; }

    /// <summary>Start progress: items frozen so far, of the NHIs in scope (counted by the background start before its first batch).</summary>
    public int ItemsBuilt { get; set; }

    public int ItemsExpected { get; set; }

    /// <summary>The last identity frozen (identities are frozen in id order): a retried start continues after it.</summary>
    public Guid? BuildCursor { get; set; }

    public List<ReviewItem> Items { get; set; } = [];

    /// <summary>Ties a campaign's audit events together.</summary>
    public static string CorrelationFor(Guid campaignId) => $"campaign-{campaignId:N}";

    // Draft → Starting → Active → Closed (DESIGN.md); items are frozen while Starting, in the background.

    /// <summary>The start is asked for: a follow-up freezes the items in batches, then <see cref="Start"/> opens the window.</summary>
    public void RequestStart(DateTime nowUtc)
    {
        if (Status != CampaignStatus.Draft)
        {
            throw new InvalidOperationException($"Campaign \"{Name}\" is {Status}; only a draft starts.");
        }
        Status = CampaignStatus.Starting;
        StartRequestedUtc = nowUtc;
        ItemsExpected = 0;
        ItemsBuilt = 0;
        BuildCursor = null;
    }

    /// <summary>Every item is frozen: the window opens now (reviewers are told at this moment, so their time starts here).</summary>
    public void Start(DateTime nowUtc)
    {
        if (Status != CampaignStatus.Starting)
        {
            throw new InvalidOperationException($"Campaign \"{Name}\" is {Status}; only a starting campaign opens.");
        }
        Status = CampaignStatus.Active;
        ItemsExpected = ItemsBuilt;
        StartedUtc = nowUtc;
        DeadlineUtc = ReviewRules.Deadline(nowUtc, WindowHours);
    }

    public void Close(DateTime nowUtc, string closedBy)
    {
        if (Status != CampaignStatus.Active)
        {
            throw new InvalidOperationException($"Campaign \"{Name}\" is {Status}; only an active campaign closes.");
        }
        Status = CampaignStatus.Closed;
        ClosedUtc = nowUtc;
        ClosedBy = closedBy;
    }
}
