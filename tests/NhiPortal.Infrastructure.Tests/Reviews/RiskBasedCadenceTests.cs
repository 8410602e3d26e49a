using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>A risk-based recurring campaign on a fake clock: each recurrence freezes only the NHIs due, riskier ones more often.</summary>
public class RiskBasedCadenceTests
{
    private static readonly ReviewCadence Cadence = new();

    [Fact]
    public async Task TheRecurrence_ReviewsTheCriticalNhiAgainAfter30Days_ButNotTheLowOne_AndFreezesExactlyTheNhisTheRuleSaysAreDue()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var operatorActor = h.As("demo-operator", PortalRole.SecurityOperator);
        var firstId = await operatorActor.CreateAsync(new CampaignDraft("Risk-based review", ReviewScope.AllIdentities, null, await h.StaffIdAsync("demo-operator"),
            UnansweredPolicy.FlagForFollowUp, WindowHours: 100, RecurrenceDays: 200) { RiskBasedCadence = true });
        var riley = h.As("demo-reviewer", PortalRole.Reviewer);
        var queue = (await riley.MyQueueAsync()).Where(i => !i.HighRisk).ToList();
        await using (var db = h.Database.CreateDbContext())
        {
            var first = await db.ReviewCampaigns.SingleAsync(c => c.Id == firstId);
            // The form's 200 days give way to the shortest cadence.
            Assert.Equal((true, Cadence.RecurrenceDays), (first.RiskBasedCadence, first.RecurrenceDays));
            Assert.Equal(await db.Identities.CountAsync(i => i.LifecycleState == IdentityLifecycleState.Active), await db.ReviewItems.CountAsync(i => i.CampaignId == firstId));
        }
        var tiers = await TiersAsync(h, queue.Select(i => i.IdentityId).ToList());
        var critical = queue.First(i => tiers[i.IdentityId] == Cadence.CriticalDays);
        // Several low ones: the keep rescores them, and one may drop a grade (to D: the high tier) meanwhile.
        var decided = queue.Where(i => tiers[i.IdentityId] == Cadence.LowDays).Take(5).Append(critical).ToList();
        h.Database.Clock.Advance(TimeSpan.FromHours(90));
        foreach (var item in decided)
        {
            await riley.DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.Keep, null));
        }
        await operatorActor.CloseAsync(firstId);

        h.Database.Clock.Advance(TimeSpan.FromDays(Cadence.CriticalDays) - TimeSpan.FromHours(90));
        Assert.Equal(1, (await h.Clock.TickAsync(default)).Recurred);
        await h.Portal.DrainAsync();

        await using var check = h.Database.CreateDbContext();
        var next = await check.ReviewCampaigns.SingleAsync(c => c.ParentCampaignId == firstId);
        Assert.Equal((CampaignStatus.Active, true), (next.Status, next.RiskBasedCadence));
        var frozen = (await check.ReviewItems.Where(i => i.CampaignId == next.Id).Select(i => i.IdentityId).ToListAsync()).ToHashSet();
        Assert.Contains(critical.IdentityId, frozen);
        // Reviewed 30 days ago: due again only in the critical tier (the others' cadence has not come round).
        var now = await TiersAsync(h, decided.Select(i => i.IdentityId).ToList());
        Assert.All(decided, i => Assert.Equal(now[i.IdentityId] == Cadence.CriticalDays, frozen.Contains(i.IdentityId)));
        Assert.Contains(decided, i => !frozen.Contains(i.IdentityId));
        // The database's rule is ReviewCadence's: every active NHI is frozen exactly when the in-memory rule says it is due.
        var identities = await check.Identities.Where(i => i.LifecycleState == IdentityLifecycleState.Active)
            .Select(i => new { i.Id, i.PrivilegeLevel, i.HygieneScore }).ToListAsync();
        var lastReview = await check.ReviewItems.Where(i => i.FinalStage && i.DecidedUtc != null).GroupBy(i => i.IdentityId)
            .Select(g => new { g.Key, Last = g.Max(i => i.DecidedUtc) }).ToDictionaryAsync(x => x.Key, x => x.Last);
        var due = identities.Where(i => !lastReview.TryGetValue(i.Id, out var last)
            || last <= ReviewCadence.ReviewedSince(next.StartRequestedUtc!.Value, Cadence.DaysFor(i.PrivilegeLevel, i.HygieneScore),
                ReviewStagePlan.TotalHours(next.Stages))).Select(i => i.Id);
        Assert.Equal(due.Order(), frozen.Order());
        Assert.True(identities.Count - frozen.Count >= 1);
    }

    [Fact]
    public void ACadenceThatReviewsRiskierNhisLessOften_IsRefused()
    {
        Assert.Null(Cadence.Problem());
        Assert.NotNull((Cadence with { CriticalDays = 120 }).Problem());
        Assert.NotNull((Cadence with { LowDays = 0 }).Problem());
    }

    private static async Task<Dictionary<Guid, int>> TiersAsync(ReviewHarness h, List<Guid> ids)
    {
        await using var db = h.Database.CreateDbContext();
        return await db.Identities.Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => Cadence.DaysFor(i.PrivilegeLevel, i.HygieneScore));
    }
}
