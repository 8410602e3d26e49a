namespace NhiPortal.Core.Reviews;

/// <summary>Campaigns and their progress, for the people who run and audit them.</summary>
public interface ICampaignQueries
{
    Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct = default);

    Task<CampaignProgress> GetProgressAsync(Guid campaignId, CancellationToken ct = default);
}
