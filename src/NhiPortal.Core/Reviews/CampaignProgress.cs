namespace NhiPortal.Core.Reviews;

/// <summary>
/// A campaign's counts, groups and signals from aggregates; its items are read a page at a time
/// (<see cref="ICampaignQueries.GetItemsAsync"/>), never all at once.
/// </summary>
public sealed record CampaignProgress(
    CampaignRow Campaign, IReadOnlyList<GroupProgress> ByReviewer, IReadOnlyList<GroupProgress> ByTeam, RubberStampSignals Signals)
{
    /// <summary>The names of the stages' named reviewers, for the stage line.</summary>
    public IReadOnlyDictionary<Guid, string> StageReviewerNames { get; init; } = new Dictionary<Guid, string>();

    /// <summary>The fallback pool's names, the fallback reviewer first: who may decide an item escalated to the pool.</summary>
    public IReadOnlyList<string> FallbackPool { get; init; } = [];

    public int EscalateAtPercent { get; init; }

    /// <summary>Recurs under the organisation's review cadence, each time with only the NHIs due.</summary>
    public bool RiskBasedCadence { get; init; }
}
