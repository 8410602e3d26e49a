namespace NhiPortal.Core.Reviews;

public enum CampaignStatus
{
    Draft,
    Active,
    Closed,
}
