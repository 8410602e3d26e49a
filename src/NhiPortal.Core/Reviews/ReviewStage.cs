namespace NhiPortal.Core.Reviews;

/// <summary>
/// One stage of a campaign: who reviews, for how long, and whether it reviews only critical NHIs (the stage that
/// separation of duties adds, so the owner is never a critical NHI's only reviewer).
/// </summary>
public sealed record ReviewStage(ReviewStageKind Kind, int WindowHours, Guid? ReviewerId = null, bool CriticalOnly = false)
{
    public bool AppliesTo(bool critical) => !CriticalOnly || critical;

    public string Describe(string? reviewerName) => (Kind switch
    {
        ReviewStageKind.Owner => "owner",
        ReviewStageKind.TeamLead => "team lead",
        ReviewStageKind.Named => reviewerName ?? "named reviewer",
    }) + (CriticalOnly ? " (critical NHIs: a second reviewer)" : "");
}
