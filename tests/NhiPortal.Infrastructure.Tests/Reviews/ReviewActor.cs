using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>One person's view of the review use cases, so a test reads as that person acting.</summary>
internal sealed class ReviewActor(TestPortal portal, PortalUser user)
{
    /// <summary>Creates (and starts) a campaign, then lets the background start finish, as the dispatcher would.</summary>
    public async Task<Guid> CreateAsync(CampaignDraft draft, bool start = true)
    {
        var id = await portal.As<ICampaignCommands>(user).CreateAsync(draft, start);
        await portal.DrainAsync();
        return id;
    }

    public Task CloseAsync(Guid campaignId) => portal.As<ICampaignCommands>(user).CloseAsync(campaignId);

    public async Task<Guid> RerunNonRespondersAsync(Guid campaignId)
    {
        var id = await portal.As<ICampaignCommands>(user).RerunNonRespondersAsync(campaignId);
        await portal.DrainAsync();
        return id;
    }

    /// <summary>Every item of a campaign, read page by page as the campaign page reads them.</summary>
    public async Task<IReadOnlyList<ReviewItemView>> ItemsAsync(Guid campaignId, int pageSize = 50)
    {
        var all = new List<ReviewItemView>();
        var queries = portal.As<ICampaignQueries>(user);
        while (true)
        {
            var page = await queries.GetItemsAsync(campaignId, new PageRequest(all.Count, pageSize));
            all.AddRange(page.Rows);
            if (page.Rows.Count == 0 || all.Count >= page.TotalCount)
            {
                return all;
            }
        }
    }

    public Task<Page<ReviewItemView>> MyQueuePageAsync(int skip, int take) => portal.As<IReviewQueue>(user).MyQueuePageAsync(new PageRequest(skip, take));

    public Task<IReadOnlyList<CampaignRow>> ListAsync() => portal.As<ICampaignQueries>(user).ListAsync();

    public Task<CampaignProgress> GetProgressAsync(Guid campaignId) => portal.As<ICampaignQueries>(user).GetProgressAsync(campaignId);

    public Task<IReadOnlyList<ReviewItemView>> MyQueueAsync(bool includeDecided = false) => portal.As<IReviewQueue>(user).MyQueueAsync(includeDecided);

    public Task DecideAsync(DecisionRequest request) => portal.As<IReviewDecisions>(user).DecideAsync(request);

    public Task<int> DecideManyAsync(IReadOnlyList<DecisionRequest> requests) => portal.As<IReviewDecisions>(user).DecideManyAsync(requests);

    public Task DelegateAsync(long itemId, int version, Guid toStaffId, string reason) =>
        portal.As<IReviewDecisions>(user).DelegateAsync(itemId, version, toStaffId, reason);
}
