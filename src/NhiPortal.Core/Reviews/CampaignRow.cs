namespace NhiPortal.Core.Reviews;

public sealed record CampaignRow(
    Guid Id, string Name, ReviewScope Scope, string? ScopeValue, CampaignStatus Status, DateTime? StartedUtc, DateTime? DeadlineUtc,
    UnansweredPolicy Unanswered, int Items, int Decided, int Pending, int Escalated, int NoResponse, int Remediated, Guid? ParentCampaignId, int? RecurrenceDays)
{
    /// <summary>While Starting: items frozen so far and how many the scope held when the start was asked for.</summary>
    public int ItemsBuilt { get; init; }

    public int ItemsExpected { get; init; }

    public DateTime CreatedUtc { get; init; }

    public int CurrentStage { get; init; } = 1;

    /// <summary>The stages as stored (<see cref="ReviewStagePlan.Parse"/>), for the page's stage line.</summary>
    public string? StagesJson { get; init; }

    public int WindowHours { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<ReviewStage> Stages => ReviewStagePlan.Parse(StagesJson, WindowHours);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool InLastStage => CurrentStage >= Stages.Count;

    /// <summary>How many stages (the API's view of <see cref="Stages"/>).</summary>
    public int StageCount => Stages.Count;

    /// <summary>Percent of the start done, for the campaign page's progress bar.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double StartPercent => ItemsExpected == 0 ? 0 : Math.Min(100, 100.0 * ItemsBuilt / ItemsExpected);
}
