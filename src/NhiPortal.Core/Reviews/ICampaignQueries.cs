using NhiPortal.Core.Common;

namespace NhiPortal.Core.Reviews;

/// <summary>Campaigns and their progress, for the people who run and audit them.</summary>
public interface ICampaignQueries
{
    Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct = default);

    /// <summary>One page of campaigns, newest first (creation time, then id), after <paramref name="after"/>: the API's list.</summary>
    Task<IReadOnlyList<CampaignRow>> ListPageAsync(CampaignCursor? after, int take, CancellationToken ct = default);

    Task<CampaignProgress> GetProgressAsync(Guid campaignId, CancellationToken ct = default);

    /// <summary>One page of the campaign's items in item order, with the campaign's item count as the total.</summary>
    Task<Page<ReviewItemView>> GetItemsAsync(Guid campaignId, PageRequest page, CancellationToken ct = default);
}
