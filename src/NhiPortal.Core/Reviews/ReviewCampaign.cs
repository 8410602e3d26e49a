namespace NhiPortal.Core.Reviews;

/// <summary>An access review: scope, window, reviewer rule, reminders, escalation and the unanswered policy.</summary>
public sealed class ReviewCampaign
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public required string Name { get; set; }

    public required ReviewScope Scope { get; set; }

    /// <summary>The team id, environment or grade the scope names (null for all / high-risk).</summary>
    public string? ScopeValue { get; set; }

    /// <summary>The first stage's window (and a single-stage campaign's).</summary>
    public required int WindowHours { get; set; }

    /// <summary>The stages as JSON (<see cref="ReviewStagePlan"/>); null is the single owner stage.</summary>
    public string? StagesJson { get; set; }

    /// <summary>Whether this campaign gives critical NHIs a second reviewer (<see cref="SeparationOfDutiesPolicy"/>), as decided at its creation.</summary>
    public bool SeparationOfDuties { get; set; }

    /// <summary>The stage under way (1-based); its window runs from <see cref="StageStartedUtc"/> to <see cref="DeadlineUtc"/>.</summary>
    public int CurrentStage { get; set; } = 1;

    public DateTime? StageStartedUtc { get; set; }

    /// <summary>Reminders at these shares of the window, e.g. "50,75".</summary>
    public string ReminderPercents { get; set; } = "50";

    /// <summary>Unanswered items escalate at this share of the window.</summary>
    public int EscalateAtPercent { get; set; } = 90;

    /// <summary>Who receives escalations and reviews when neither the owner nor the team lead can.</summary>
    public required Guid FallbackReviewerId { get; set; }

    /// <summary>More fallback reviewers (comma-separated staff ids): an item escalated to the pool may be decided by any of them.</summary>
    public string? MoreFallbackReviewers { get; set; }

    public const int MaxMoreFallbackReviewers = 5;

    /// <summary>The fallback reviewer first, then the others.</summary>
    public IReadOnlyList<Guid> FallbackPool => [FallbackReviewerId, .. ParseIds(MoreFallbackReviewers).Where(id => id != FallbackReviewerId)];

    public static string? StoreIds(IEnumerable<Guid> ids) => ids.Distinct().ToList() is { Count: > 0 } list ? string.Join(',', list.Select(i => i.ToString("D"))) : null;

    private static IEnumerable<Guid> ParseIds(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(t => Guid.TryParse(t, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty);

    public required UnansweredPolicy Unanswered { get; set; }

    /// <summary>A recurring campaign starts a successor every N days.</summary>
    public int? RecurrenceDays { get; set; }

    /// <summary>Recurs at the shortest <see cref="ReviewCadence"/> and freezes only the NHIs due under it (riskier ones more often).</summary>
    public bool RiskBasedCadence { get; set; }

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

    public IReadOnlyList<ReviewStage> Stages => ReviewStagePlan.Parse(StagesJson, WindowHours);

    public bool InLastStage => CurrentStage >= Stages.Count;

    /// <summary>
    /// A campaign made from this one (its recurrence, a re-run of its non-responders): the same scope, window, reminders,
    /// escalation, fallback pool and unanswered policy, its stages planned again (<see cref="PlanStagesLike"/>). It does
    /// not recur unless the caller says so.
    /// </summary>
    public ReviewCampaign Successor(string name, string createdBy, DateTime nowUtc, bool separationRequired)
    {
        var next = new ReviewCampaign
        {
            Name = name, Scope = Scope, ScopeValue = ScopeValue, WindowHours = WindowHours, ReminderPercents = ReminderPercents,
            EscalateAtPercent = EscalateAtPercent, FallbackReviewerId = FallbackReviewerId, MoreFallbackReviewers = MoreFallbackReviewers,
            Unanswered = Unanswered, CreatedBy = createdBy, CreatedUtc = nowUtc, ParentCampaignId = Id,
        };
        next.PlanStagesLike(this, separationRequired);
        return next;
    }

    /// <summary>A re-run or recurrence takes the stages the earlier campaign's creator chose, planned again: an organisation that now requires separation of duties gets it.</summary>
    public void PlanStagesLike(ReviewCampaign previous, bool separationRequired)
    {
        SeparationOfDuties = separationRequired || previous.SeparationOfDuties;
        StagesJson = ReviewStagePlan.Serialize(ReviewStagePlan.Plan(ReviewStagePlan.Chosen(previous.Stages), SeparationOfDuties, previous.FallbackReviewerId));
    }

    /// <summary>Ties a campaign's audit events together.</summary>
    public static string CorrelationFor(Guid campaignId) => $"campaign-{campaignId:N}";

    // Draft → Starting → Active → Closed (DESIGN.md); items are frozen while Starting, in the background. A stage that
    // ends with another to follow goes Active → Starting again: the next stage's items are frozen, then its window opens.

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

    /// <summary>Every item of the stage is frozen: its window opens now (reviewers are told at this moment, so their time starts here).</summary>
    public void Start(DateTime nowUtc)
    {
        if (Status != CampaignStatus.Starting)
        {
            throw new InvalidOperationException($"Campaign \"{Name}\" is {Status}; only a starting campaign opens.");
        }
        Status = CampaignStatus.Active;
        ItemsExpected = ItemsBuilt;
        StartedUtc ??= nowUtc;
        StageStartedUtc = nowUtc;
        DeadlineUtc = ReviewRules.Deadline(nowUtc, Stages[CurrentStage - 1].WindowHours);
    }

    /// <summary>The stage ended with another to follow: that stage's items are frozen next (in the background), then it opens.</summary>
    public void AdvanceStage()
    {
        if (Status != CampaignStatus.Active || InLastStage)
        {
            throw new InvalidOperationException($"Campaign \"{Name}\" is {Status} in stage {CurrentStage} of {Stages.Count}; only an active campaign with a stage left advances.");
        }
        Status = CampaignStatus.Starting;
        CurrentStage++;
        ItemsExpected = 0;
        ItemsBuilt = 0;
        BuildCursor = null;
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
