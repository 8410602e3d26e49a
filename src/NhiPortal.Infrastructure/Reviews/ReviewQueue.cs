using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>The caller's review items: assigned to them, or escalated to them as a campaign's fallback; riskiest first.</summary>
public sealed class ReviewQueue(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser) : IReviewQueue
{
    public async Task<IReadOnlyList<ReviewItemView>> MyQueueAsync(bool includeDecided = false, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.StaffMembers.IdOfAsync(user.Subject, activeOnly: true, ct);
        if (me is null)
        {
            return [];
        }
        var query = db.ReviewItems.AsNoTracking().Where(i => db.ReviewCampaigns.Any(c => c.Id == i.CampaignId && c.Status == CampaignStatus.Active)
            && (i.ReviewerId == me || (i.Status == ReviewItemStatus.Escalated && db.ReviewCampaigns.Any(c => c.Id == i.CampaignId && c.FallbackReviewerId == me))));
        if (!includeDecided)
        {
            query = query.Where(i => i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated);
        }
        // Riskiest first: the lowest hygiene score, then the nearest deadline.
        return (await ReviewItemViews.LoadAsync(db, query, ct)).OrderBy(i => i.Decision != null).ThenBy(i => i.EvidenceScore ?? 101).ThenBy(i => i.DeadlineUtc).ToList();
    }
}
