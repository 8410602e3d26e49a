using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>What the second review found: a privilege changed between stages, a stage ended twice at once, and re-runs under separation of duties.</summary>
public class ReviewStageEdgeTests
{
    private static async Task<(ReviewHarness Harness, Guid Campaign)> SeparatedAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var h = new ReviewHarness(database, new TestPortal(database, configure: s => s.AddSingleton(new SeparationOfDutiesPolicy { Required = true })));
        var operatorId = await h.StaffIdAsync("demo-operator");
        var id = await h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Quarterly", ReviewScope.AllIdentities, null, operatorId,
            UnansweredPolicy.FlagForFollowUp, WindowHours: 100));
        return (h, id);
    }

    [Fact]
    public async Task ACriticalNhiWhosePrivilegeDropsBeforeStageTwo_IsStillFinalInStageTwo_AndItsDecisionIsCarriedOut()
    {
        var (h, id) = await SeparatedAsync();
        await using var _ = h;
        Guid identity;
        await using (var db = h.Database.CreateDbContext())
        {
            identity = await db.ReviewItems.Where(i => i.CampaignId == id && !i.FinalStage).Select(i => i.IdentityId).FirstAsync();
            await db.Identities.Where(i => i.Id == identity).ExecuteUpdateAsync(s => s.SetProperty(i => i.PrivilegeLevel, PrivilegeLevel.Low));
        }

        await h.As("demo-operator", PortalRole.SecurityOperator).CloseAsync(id);
        await h.Portal.DrainAsync();

        await using var check = h.Database.CreateDbContext();
        var second = await check.ReviewItems.SingleAsync(i => i.CampaignId == id && i.Stage == 2 && i.IdentityId == identity);
        Assert.Equal((true, true), (second.FinalStage, second.Critical));
    }

    [Fact]
    public async Task EndingTheSameStageTwice_TheSecondIsToldAndNothingIsFrozenTwice()
    {
        var (h, id) = await SeparatedAsync();
        await using var _ = h;
        var closer = h.Portal.Get<CampaignCloser>();
        var job = PortalUser.System("reviews");
        await using var first = h.Database.CreateDbContext();
        await using var second = h.Database.CreateDbContext();
        var a = await first.ReviewCampaigns.SingleAsync(c => c.Id == id);
        var b = await second.ReviewCampaigns.SingleAsync(c => c.Id == id);

        await closer.EndStageAsync(first, a, job, default);
        await Assert.ThrowsAsync<ReviewConflictException>(() => closer.EndStageAsync(second, b, job, default));
        await h.Portal.DrainAsync();

        await using var check = h.Database.CreateDbContext();
        var passedOn = await check.ReviewItems.CountAsync(i => i.CampaignId == id && i.Stage == 1 && !i.FinalStage);
        Assert.Equal(passedOn, await check.ReviewItems.CountAsync(i => i.CampaignId == id && i.Stage == 2));
        Assert.Equal((2, CampaignStatus.Active), await check.ReviewCampaigns.Where(c => c.Id == id).Select(c => new ValueTuple<int, CampaignStatus>(c.CurrentStage, c.Status)).SingleAsync());
    }

    [Fact]
    public async Task ALaterStageWithNothingLeftToReview_ClosesTheCampaignAtTheNextTick_InsteadOfSittingOutItsWindow()
    {
        var (h, id) = await SeparatedAsync();
        await using var _ = h;
        await using (var db = h.Database.CreateDbContext())
        {
            // Every NHI the first stage passes on is disabled meanwhile: the second stage finds none of them active.
            var passedOn = await db.ReviewItems.Where(i => i.CampaignId == id && !i.FinalStage).Select(i => i.IdentityId).ToListAsync();
            Assert.NotEmpty(passedOn);
            await db.Identities.Where(i => passedOn.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.LifecycleState, IdentityLifecycleState.Disabled));
        }
        await h.As("demo-operator", PortalRole.SecurityOperator).CloseAsync(id);
        await h.Portal.DrainAsync();
        await using (var db = h.Database.CreateDbContext())
        {
            Assert.Equal((2, CampaignStatus.Active), await db.ReviewCampaigns.Where(c => c.Id == id).Select(c => new ValueTuple<int, CampaignStatus>(c.CurrentStage, c.Status)).SingleAsync());
            Assert.Equal(0, await db.ReviewItems.CountAsync(i => i.CampaignId == id && i.Stage == 2));
        }

        await h.Portal.Get<ReviewClock>().TickAsync(default);

        await using var check = h.Database.CreateDbContext();
        Assert.Equal(CampaignStatus.Closed, await check.ReviewCampaigns.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
        Assert.True(await check.ReviewCampaignResults.AnyAsync(r => r.CampaignId == id));
    }

    [Fact]
    public async Task AReRunOfACampaignMadeBeforeSeparationOfDutiesWasRequired_GetsTheSecondStage()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var operatorId = await h.StaffIdAsync("demo-operator");
        var id = await h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Quarterly", ReviewScope.AllIdentities, null, operatorId,
            UnansweredPolicy.FlagForFollowUp, WindowHours: 100));
        await h.As("demo-operator", PortalRole.SecurityOperator).CloseAsync(id);
        await using var required = new TestPortal(h.Database, configure: s => s.AddSingleton(new SeparationOfDutiesPolicy { Required = true }));

        var rerun = await new ReviewActor(required, FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator)).RerunNonRespondersAsync(id);

        await using var db = h.Database.CreateDbContext();
        var campaign = await db.ReviewCampaigns.SingleAsync(c => c.Id == rerun);
        Assert.True(campaign.SeparationOfDuties);
        Assert.Equal([false, true], campaign.Stages.Select(s => s.CriticalOnly));
        Assert.Contains(await db.ReviewItems.Where(i => i.CampaignId == rerun).ToListAsync(), i => !i.FinalStage);
        await Assert.ThrowsAsync<ValidationException>(() => h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Daily", ReviewScope.AllIdentities, null,
            operatorId, UnansweredPolicy.FlagForFollowUp, RecurrenceDays: 1) { Stages = [new ReviewStage(ReviewStageKind.Owner, 24), new ReviewStage(ReviewStageKind.TeamLead, 24)] }));
    }
}
