namespace NhiPortal.Core.Reviews;

/// <summary>Draft → Starting (items being frozen in the background) → Active → Closed.</summary>
public enum CampaignStatus
{
    Draft,
    Starting,
    Active,
    Closed,
}
