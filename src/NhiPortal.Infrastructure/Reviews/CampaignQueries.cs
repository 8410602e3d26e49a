using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Campaigns and their progress: for those who run campaigns and those who audit everything. Counts and groups come
/// from aggregates and items a page at a time, so a 100,000-item campaign is never read whole by its page.
/// </summary>
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
        c.Items.Count(i => i.Status == ReviewItemStatus.Remediated), c.ParentCampaignId, c.RecurrenceDays)
    {
        ItemsBuilt = c.ItemsBuilt, ItemsExpected = c.ItemsExpected,
    });

    public async Task<CampaignProgress> GetProgressAsync(Guid campaignId, CancellationToken ct = default)
    {
        await DemandOversightAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await Rows(db.ReviewCampaigns.Where(c => c.Id == campaignId)).SingleOrDefaultAsync(ct) ?? throw new NotFoundException($"Campaign {campaignId}");
        var items = db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaignId);
        var byRule = await items.GroupBy(i => new { i.ReviewerId, i.ReviewerRule })
            .Select(g => new Counts(g.Key.ReviewerId, g.Key.ReviewerRule, null, g.Count(), g.Count(i => i.Decision != null),
                g.Count(i => i.Status == ReviewItemStatus.Pending), g.Count(i => i.Status == ReviewItemStatus.Escalated)))
            .ToListAsync(ct);
        var names = await db.StaffMembers.AsNoTracking().NamesOfAsync(byRule.Select(r => r.Reviewer), ct);
        var byTeam = await items.GroupBy(i => i.TeamName)
            .Select(g => new Counts(Guid.Empty, "", g.Key, g.Count(), g.Count(i => i.Decision != null),
                g.Count(i => i.Status == ReviewItemStatus.Pending), g.Count(i => i.Status == ReviewItemStatus.Escalated)))
            .ToListAsync(ct);
        var decisions = await items.Where(i => i.Decision != null).Select(i => new { i.DecidedBy, i.DecidedUtc, i.Decision }).ToListAsync(ct);
        var signals = CampaignSignals.RubberStamp(row.StartedUtc, row.DeadlineUtc, decisions.Select(i => (i.DecidedBy, i.DecidedUtc, i.Decision)));
        static GroupProgress Group(string name, IEnumerable<Counts> counts) =>
            new(name, counts.Sum(x => x.Items), counts.Sum(x => x.Decided), counts.Sum(x => x.Pending), counts.Sum(x => x.Escalated));
        // Per reviewer, the rule that placed their items, so an item sent past an owner who cannot decide is visible.
        var reviewers = byRule.GroupBy(r => names.GetValueOrDefault(r.Reviewer) ?? "").Select(g => Group(g.Key, g) with
        {
            Placement = string.Join("; ", g.GroupBy(r => r.Rule).Select(r => (Rule: r.Key, Items: r.Sum(x => x.Items)))
                .OrderByDescending(r => r.Items).ThenBy(r => r.Rule, StringComparer.Ordinal).Select(r => $"{r.Rule}: {r.Items}")),
        }).OrderByDescending(g => g.Pending + g.Escalated).ToList();
        var teams = byTeam.GroupBy(t => t.Team ?? "(no team)").Select(g => Group(g.Key, g)).OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        return new CampaignProgress(row, reviewers, teams, signals);
    }

    public async Task<Page<ReviewItemView>> GetItemsAsync(Guid campaignId, PageRequest page, CancellationToken ct = default)
    {
        await DemandOversightAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.ReviewCampaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => new { c.Name, c.DeadlineUtc }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Campaign {campaignId}");
        var items = db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaignId);
        var total = await items.CountAsync(ct);
        var rows = await items.OrderBy(i => i.Id).Skip(page.SafeSkip).Take(page.SafeTake).ToListAsync(ct);
        return new Page<ReviewItemView>(await ReviewItemViews.ToViewsAsync(db, rows.Select(i => new ReviewItemViews.Row(i, campaign.Name, campaign.DeadlineUtc)).ToList(), ct), total);
    }

    /// <summary>Item counts of one group: a reviewer and the rule that placed their items, or a team.</summary>
    private sealed record Counts(Guid Reviewer, string Rule, string? Team, int Items, int Decided, int Pending, int Escalated);

    private async Task DemandOversightAsync()
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
    }
}
