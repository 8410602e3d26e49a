using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// The caller's review items: assigned to them, or escalated to them as a campaign's fallback; riskiest first. The
/// database filters, sorts, counts and pages (index on reviewer, status and score), so 10,000 items cost one page.
/// </summary>
public sealed class ReviewQueue(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser) : IReviewQueue
{
    public async Task<IReadOnlyList<ReviewItemView>> MyQueueAsync(bool includeDecided = false, CancellationToken ct = default) =>
        (await MyQueuePageAsync(new PageRequest(0, int.MaxValue), includeDecided, null, unbounded: true, ct)).Rows;

    public Task<Page<ReviewItemView>> MyQueuePageAsync(PageRequest page, bool includeDecided = false, string? search = null, CancellationToken ct = default) =>
        MyQueuePageAsync(page, includeDecided, search, unbounded: false, ct);

    public async Task<IReadOnlyList<ReviewItemView>> MyQueueAfterAsync(long? afterId, int take, bool includeDecided = false, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct);
        if (me is null)
        {
            return [];
        }
        var from = afterId ?? 0;
        var rows = await Mine(db, me.Value, includeDecided).Where(i => i.Id > from)
            .Join(db.ReviewCampaigns, i => i.CampaignId, c => c.Id, (i, c) => new { Item = i, c.Name, c.DeadlineUtc })
            .OrderBy(x => x.Item.Id).Take(Math.Clamp(take, 1, PageRequest.MaxTake)).AsNoTracking().ToListAsync(ct);
        return await ReviewItemViews.ToViewsAsync(db, rows.Select(r => new ReviewItemViews.Row(r.Item, r.Name, r.DeadlineUtc)).ToList(), ct);
    }

    public async Task<ReviewQueueSummary> MyQueueSummaryAsync(CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct);
        if (me is null)
        {
            return new ReviewQueueSummary(0, 0, null);
        }
        var mine = Mine(db, me.Value, includeDecided: false);
        var waiting = await mine.CountAsync(ct);
        var escalated = await mine.CountAsync(i => i.Status == ReviewItemStatus.Escalated, ct);
        var nearest = await mine.Join(db.ReviewCampaigns, i => i.CampaignId, c => c.Id, (i, c) => c.DeadlineUtc).MinAsync(ct);
        return new ReviewQueueSummary(waiting, escalated, nearest);
    }

    private async Task<Page<ReviewItemView>> MyQueuePageAsync(PageRequest page, bool includeDecided, string? search, bool unbounded, CancellationToken ct)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.DecideReviewItems);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct);
        if (me is null)
        {
            return new Page<ReviewItemView>([], 0);
        }
        var mine = Mine(db, me.Value, includeDecided);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            mine = mine.Where(i => i.IdentityName.Contains(term));
        }
        var total = await mine.CountAsync(ct);
        // Riskiest first: the lowest hygiene score (none counts as 101), then the nearest deadline; the id keeps pages stable.
        var ordered = mine.Join(db.ReviewCampaigns, i => i.CampaignId, c => c.Id, (i, c) => new { Item = i, c.Name, c.DeadlineUtc })
            .OrderBy(x => x.Item.Decision != null).ThenBy(x => x.Item.EvidenceScore ?? 101).ThenBy(x => x.DeadlineUtc).ThenBy(x => x.Item.Id);
        var rows = await (unbounded ? ordered : ordered.Skip(page.SafeSkip).Take(page.SafeTake)).AsNoTracking().ToListAsync(ct);
        return new Page<ReviewItemView>(await ReviewItemViews.ToViewsAsync(db, rows.Select(r => new ReviewItemViews.Row(r.Item, r.Name, r.DeadlineUtc)).ToList(), ct), total);
    }

    /// <summary>Two index ranges: the items assigned to me, and the items escalated to the fallback pool of active campaigns I am in.</summary>
    private static IQueryable<ReviewItem> Mine(NhiPortalDbContext db, Guid me, bool includeDecided)
    {
        var assigned = db.ReviewItems.Where(i => i.ReviewerId == me && db.ReviewCampaigns.Any(c => c.Id == i.CampaignId && c.Status == CampaignStatus.Active));
        if (!includeDecided)
        {
            assigned = assigned.Where(i => i.Status == ReviewItemStatus.Pending || i.Status == ReviewItemStatus.Escalated);
        }
        var pooled = me.ToString("D");
        var escalated = db.ReviewCampaigns
            .Where(c => c.Status == CampaignStatus.Active && (c.FallbackReviewerId == me || (c.MoreFallbackReviewers != null && c.MoreFallbackReviewers.Contains(pooled))))
            .Join(db.ReviewItems, c => c.Id, i => i.CampaignId, (c, i) => i)
            .Where(i => i.Status == ReviewItemStatus.Escalated && i.WithFallbacks && i.ReviewerId != me);
        return assigned.Concat(escalated);
    }
}
