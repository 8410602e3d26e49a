using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>
/// Campaigns and their progress: for those who run campaigns and those who audit everything. A campaign's counts and
/// groups come from one aggregate and its items a page at a time, so a 100,000-item campaign is never read whole by its page.
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
        // The stage under way's items (a single-stage campaign's all), so a second stage never counts an NHI twice.
        c.Items.Count(i => i.Stage == c.CurrentStage), c.Items.Count(i => i.Stage == c.CurrentStage && i.Decision != null),
        c.Items.Count(i => i.Stage == c.CurrentStage && i.Status == ReviewItemStatus.Pending),
        c.Items.Count(i => i.Stage == c.CurrentStage && i.Status == ReviewItemStatus.Escalated),
        c.Items.AsQueryable().Count(ReviewItemOutcomes.Unanswered),
        c.Items.Count(i => i.Status == ReviewItemStatus.Remediated), c.ParentCampaignId, c.RecurrenceDays)
    {
        ItemsBuilt = c.ItemsBuilt, ItemsExpected = c.ItemsExpected, CreatedUtc = c.CreatedUtc, CurrentStage = c.CurrentStage, StagesJson = c.StagesJson,
        WindowHours = c.WindowHours,
    });

    public async Task<IReadOnlyList<CampaignRow>> ListPageAsync(CampaignCursor? after, int take, CancellationToken ct = default)
    {
        await DemandOversightAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaigns = db.ReviewCampaigns.AsQueryable();
        if (after is { } a)
        {
            campaigns = campaigns.Where(c => c.CreatedUtc < a.CreatedUtc || (c.CreatedUtc == a.CreatedUtc && c.Id.CompareTo(a.Id) > 0));
        }
        return await Rows(campaigns.OrderByDescending(c => c.CreatedUtc).ThenBy(c => c.Id).Take(Math.Clamp(take, 1, PageRequest.MaxTake))).ToListAsync(ct);
    }

    public async Task<CampaignProgress> GetProgressAsync(Guid campaignId, CancellationToken ct = default)
    {
        await DemandOversightAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.ReviewCampaigns.AsNoTracking().SingleOrDefaultAsync(x => x.Id == campaignId, ct) ?? throw new NotFoundException($"Campaign {campaignId}");
        var items = db.ReviewItems.AsNoTracking().Where(i => i.CampaignId == campaignId);
        // One pass over the items: every count, reviewer and team figure below is a sum over these groups.
        var all = await items.GroupBy(i => new { i.ReviewerId, i.ReviewerRule, i.TeamName, i.Status, Decided = i.Decision != null, i.FinalStage, i.Stage })
            .Select(g => new Counts(g.Key.ReviewerId, g.Key.ReviewerRule, g.Key.TeamName, g.Key.Status, g.Key.Decided, g.Key.FinalStage, g.Key.Stage, g.Count()))
            .ToListAsync(ct);
        // Counts and groups are the stage under way's; unanswered and remediated are the campaign's (every NHI's last stage).
        var groups = all.Where(g => g.Stage == c.CurrentStage).ToList();
        int Sum(Func<Counts, bool> which) => groups.Where(which).Sum(g => g.Items);
        int SumAll(Func<Counts, bool> which) => all.Where(which).Sum(g => g.Items);
        var row = new CampaignRow(c.Id, c.Name, c.Scope, c.ScopeValue, c.Status, c.StartedUtc, c.DeadlineUtc, c.Unanswered, Sum(_ => true), Sum(g => g.Decided),
            Sum(g => g.Status == ReviewItemStatus.Pending), Sum(g => g.Status == ReviewItemStatus.Escalated), SumAll(g => ReviewItemOutcomes.IsUnansweredGroup(g.Status, g.Decided, g.Final)),
            SumAll(g => g.Status == ReviewItemStatus.Remediated), c.ParentCampaignId, c.RecurrenceDays)
        {
            ItemsBuilt = c.ItemsBuilt, ItemsExpected = c.ItemsExpected, CreatedUtc = c.CreatedUtc, CurrentStage = c.CurrentStage, StagesJson = c.StagesJson,
            WindowHours = c.WindowHours,
        };
        var names = await db.StaffMembers.AsNoTracking().NamesOfAsync(groups.Select(g => g.Reviewer), ct);
        var decisions = await items.Where(i => i.Decision != null).Select(i => new { i.DecidedBy, i.DecidedUtc, i.Decision }).ToListAsync(ct);
        var signals = CampaignSignals.RubberStamp(row.StartedUtc, row.DeadlineUtc, decisions.Select(i => (i.DecidedBy, i.DecidedUtc, i.Decision)));
        static GroupProgress Group(string name, IEnumerable<Counts> counts) => new(name, counts.Sum(x => x.Items), counts.Where(x => x.Decided).Sum(x => x.Items),
            counts.Where(x => x.Status == ReviewItemStatus.Pending).Sum(x => x.Items), counts.Where(x => x.Status == ReviewItemStatus.Escalated).Sum(x => x.Items));
        // Per reviewer, the rule that placed their items, so an item sent past an owner who cannot decide is visible.
        var reviewers = groups.GroupBy(g => names.GetValueOrDefault(g.Reviewer) ?? "").Select(g => Group(g.Key, g) with
        {
            Placement = string.Join("; ", g.GroupBy(r => r.Rule).Select(r => (Rule: r.Key, Items: r.Sum(x => x.Items)))
                .OrderByDescending(r => r.Items).ThenBy(r => r.Rule, StringComparer.Ordinal).Select(r => $"{r.Rule}: {r.Items}")),
        }).OrderByDescending(g => g.Pending + g.Escalated).ToList();
        var teams = groups.GroupBy(t => t.Team ?? "(no team)").Select(g => Group(g.Key, g)).OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        var named = await db.StaffMembers.AsNoTracking().NamesOfAsync(row.Stages.Select(s => s.ReviewerId).OfType<Guid>(), ct);
        var pool = await db.StaffMembers.AsNoTracking().NamesOfAsync(c.FallbackPool, ct);
        return new CampaignProgress(row, reviewers, teams, signals)
        {
            StageReviewerNames = named, EscalateAtPercent = c.EscalateAtPercent, RiskBasedCadence = c.RiskBasedCadence,
            FallbackPool = [.. c.FallbackPool.Select(id => pool.GetValueOrDefault(id)).OfType<string>()],
        };
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

    /// <summary>How many of a campaign's items share a reviewer, the rule that placed them, a team, a status and whether they are decided.</summary>
    private sealed record Counts(Guid Reviewer, string Rule, string? Team, ReviewItemStatus Status, bool Decided, bool Final, int Stage, int Items);

    private async Task DemandOversightAsync()
    {
        (await currentUser.GetAsync()).Demand(Capability.OverseeOrganisation);
    }
}
