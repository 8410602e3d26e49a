using NhiPortal.Core.Access;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>One person's view of the review use cases, so a test reads as that person acting.</summary>
internal sealed class ReviewActor(TestPortal portal, PortalUser user)
{
    public Task<Guid> CreateAsync(CampaignDraft draft, bool start = true) => portal.As<ICampaignCommands>(user).CreateAsync(draft, start);

    public Task CloseAsync(Guid campaignId) => portal.As<ICampaignCommands>(user).CloseAsync(campaignId);

    public Task<Guid> RerunNonRespondersAsync(Guid campaignId) => portal.As<ICampaignCommands>(user).RerunNonRespondersAsync(campaignId);

    public Task<IReadOnlyList<CampaignRow>> ListAsync() => portal.As<ICampaignQueries>(user).ListAsync();

    public Task<CampaignProgress> GetProgressAsync(Guid campaignId) => portal.As<ICampaignQueries>(user).GetProgressAsync(campaignId);

    public Task<IReadOnlyList<ReviewItemView>> MyQueueAsync(bool includeDecided = false) => portal.As<IReviewQueue>(user).MyQueueAsync(includeDecided);

    public Task DecideAsync(DecisionRequest request) => portal.As<IReviewDecisions>(user).DecideAsync(request);

    public Task<int> DecideManyAsync(IReadOnlyList<DecisionRequest> requests) => portal.As<IReviewDecisions>(user).DecideManyAsync(requests);

    public Task DelegateAsync(long itemId, int version, Guid toStaffId, string reason) =>
        portal.As<IReviewDecisions>(user).DelegateAsync(itemId, version, toStaffId, reason);
}
