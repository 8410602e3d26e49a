using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>Campaigns and their progress: for those who run campaigns and those who audit everything.</summary>
public sealed class CampaignQueries(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser) : ICampaignQueries
{
    public async Task<IReadOnlyList<CampaignRow>> ListAsync(CancellationToken ct = default)
    {
        await DemandOversightAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db.ReviewCampaigns.OrderByDescending(c => c.CreatedUtc)).ToListAsync(ct);
    }

    internal static IQueryable<CampaignRow> Rows(IQueryable<ReviewCampaign> campaigns) => campaigns.AsNoTracking().Select(c => new CampaignRow(
        c.Id, c.Name, c.Scope, c.ScopeValue, c.Status, c.StartedUtc, c.DeadlineUtc, c.Unanswered,
        c.Items.Count, c.Items.Count(i => i.Decision != null), c.Items.Count(i => i.Status == ReviewItemStatus.Pending),
        c.Items.Count(i => i.Status == ReviewItemStatus.Escalated),
        c.Items.AsQueryable().Count(ReviewItemOutcomes.Unanswered),
        c.Items.Count(i => i.Status == ReviewItemStatus.Remediated), c.ParentCampaignId, c.RecurrenceDays));

    public async Task<CampaignProgress> GetProgressAsync(Guid campaignId, CancellationToken ct = default)
    {
        await DemandOversightAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await Rows(db.ReviewCampaigns.Where(c => c.Id == campaignId)).SingleOrDefaultAsync(ct) ?? throw new NotFoundException($"Campaign {campaignId}");
        var items = await ReviewItemViews.LoadAsync(db, db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaignId), ct);
        GroupProgress Group(IGrouping<string, ReviewItemView> g) => new(g.Key, g.Count(), g.Count(i => i.Decision != null),
            g.Count(i => i.Status == ReviewItemStatus.Pending), g.Count(i => i.Status == ReviewItemStatus.Escalated));
        var signals = CampaignSignals.RubberStamp(row.StartedUtc, row.DeadlineUtc, items.Select(i => (i.DecidedBy, i.DecidedUtc, i.Decision)));
        // Per reviewer, the rule that placed their items, so an item sent past an owner who cannot decide is visible.
        GroupProgress ByReviewer(IGrouping<string, ReviewItemView> g) => Group(g) with
        {
            Placement = string.Join("; ", g.GroupBy(i => i.ReviewerRule).OrderByDescending(r => r.Count()).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => $"{r.Key}: {r.Count()}")),
        };
        return new CampaignProgress(row, items.GroupBy(i => i.ReviewerName).Select(ByReviewer).OrderByDescending(g => g.Pending + g.Escalated).ToList(),
            items.GroupBy(i => i.TeamName ?? "(no team)").Select(Group).OrderBy(g => g.Name, StringComparer.Ordinal).ToList(), signals, items);
    }

    private async Task DemandOversightAsync()
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
    }
}
