using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>Campaigns of several stages on a real database with a fake clock: who reviews each stage, what is carried out, and separation of duties.</summary>
public class MultiStageReviewTests
{
    [Fact]
    public async Task OwnerThenSecurity_TheSecondStageSeesTheFirst_OverturnsIt_AndOnlyTheLastStageIsCarriedOut()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var (operatorId, adminId) = (await h.StaffIdAsync("demo-operator"), await h.StaffIdAsync("demo-admin"));
        var operatorActor = h.As("demo-operator", PortalRole.SecurityOperator);
        var id = await operatorActor.CreateAsync(new CampaignDraft("Two-stage review", ReviewScope.AllIdentities, null, operatorId, UnansweredPolicy.FlagForFollowUp)
        {
            Stages = [new ReviewStage(ReviewStageKind.Owner, 100), new ReviewStage(ReviewStageKind.Named, 50, adminId)],
        });
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var mine = (await reviewer.MyQueueAsync()).Where(i => !i.HighRisk).Take(2).ToList();
        var (kept, revoked) = (mine[0], mine[1]);
        DateTime? attestedBefore;
        await using (var before = h.Database.CreateDbContext())
        {
            attestedBefore = (await before.Identities.SingleAsync(i => i.Id == kept.IdentityId)).LastAttestedUtc;
        }

        await reviewer.DecideAsync(new DecisionRequest(kept.Id, kept.Version, ReviewDecision.Keep, null));
        await reviewer.DecideAsync(new DecisionRequest(revoked.Id, revoked.Version, ReviewDecision.RevokeCredentials, "INC-12 not used since the move"));

        // Stage 1's answers are recorded but not carried out: no attestation, no revocation.
        await using (var db = h.Database.CreateDbContext())
        {
            Assert.Equal(attestedBefore, (await db.Identities.SingleAsync(i => i.Id == kept.IdentityId)).LastAttestedUtc);
            Assert.Null((await db.ReviewItems.SingleAsync(i => i.Id == revoked.Id)).RemediationRunId);
        }
        var stageOneItems = (await h.As("demo-auditor", PortalRole.Auditor).ItemsAsync(id)).Count;

        await operatorActor.CloseAsync(id);
        await h.Portal.DrainAsync();

        var progress = await h.As("demo-auditor", PortalRole.Auditor).GetProgressAsync(id);
        Assert.Equal((CampaignStatus.Active, 2), (progress.Campaign.Status, progress.Campaign.CurrentStage));
        var admin = h.As("demo-admin", PortalRole.Administrator);
        var second = await admin.MyQueueAsync();
        await using (var built = h.Database.CreateDbContext())
        {
            // Every identity is passed on; the ones the named reviewer reviewed in stage 1 go past them to the fallback.
            Assert.Equal(stageOneItems, await built.ReviewItems.CountAsync(i => i.CampaignId == id && i.Stage == 2));
            var adminsFirst = await built.ReviewItems.Where(i => i.CampaignId == id && i.Stage == 1 && i.ReviewerId == adminId).Select(i => i.IdentityId).ToListAsync();
            Assert.NotEmpty(adminsFirst);
            Assert.Equal(stageOneItems - adminsFirst.Count, second.Count(i => i.Stage == 2));
            Assert.All(await built.ReviewItems.Where(i => i.CampaignId == id && i.Stage == 2 && adminsFirst.Contains(i.IdentityId)).ToListAsync(),
                i => Assert.Equal(operatorId, i.ReviewerId));
        }
        var overturn = second.Single(i => i.IdentityId == kept.IdentityId);
        Assert.Equal((1, ReviewDecision.Keep), (Assert.Single(overturn.EarlierStages).Stage, overturn.EarlierStages[0].Decision));
        await Assert.ThrowsAsync<AccessDeniedException>(() => reviewer.DecideAsync(new DecisionRequest(overturn.Id, overturn.Version, ReviewDecision.Keep, null)));

        await admin.DecideAsync(new DecisionRequest(overturn.Id, overturn.Version, ReviewDecision.RevokeCredentials, "Security: a shared secret, rotate it away"));
        var confirm = second.Single(i => i.IdentityId == revoked.IdentityId);
        await admin.DecideAsync(new DecisionRequest(confirm.Id, confirm.Version, ReviewDecision.Keep, "Security: still needed by the batch job"));
        await operatorActor.CloseAsync(id);

        await using var check = h.Database.CreateDbContext();
        Assert.NotNull((await check.ReviewItems.SingleAsync(i => i.Id == overturn.Id)).RemediationRunId);
        Assert.Equal(TestDatabase.Now.UtcDateTime, (await check.Identities.SingleAsync(i => i.Id == revoked.IdentityId)).LastAttestedUtc);
        Assert.Equal(CampaignStatus.Closed, (await check.ReviewCampaigns.SingleAsync(c => c.Id == id)).Status);
        // The result holds every stage of an identity, the last one marked final.
        var result = await check.ReviewCampaignResults.SingleAsync(r => r.CampaignId == id);
        using var json = JsonDocument.Parse(result.ResultJson);
        var stagesOfKept = json.RootElement.GetProperty("Items").EnumerateArray().Where(i => i.GetProperty("IdentityId").GetGuid() == kept.IdentityId)
            .Select(i => (i.GetProperty("Stage").GetInt32(), i.GetProperty("Decision").GetString(), i.GetProperty("FinalStage").GetBoolean())).ToList();
        Assert.Equal([(1, "Keep", false), (2, "RevokeCredentials", true)], stagesOfKept);
        Assert.True(await check.AuditEvents.AnyAsync(a => a.Type == AuditEventTypes.Review.StageEnded && a.TargetId == id.ToString("D")));
        Assert.True(await check.AuditEvents.AnyAsync(a => a.Type == AuditEventTypes.Review.StageStarted && a.TargetId == id.ToString("D")));
        // Unanswered counts each identity once, by its last stage.
        var closed = await h.As("demo-auditor", PortalRole.Auditor).GetProgressAsync(id);
        Assert.Equal(stageOneItems - 2, closed.Campaign.NoResponse);
    }

    [Fact]
    public async Task SeparationOfDuties_ASingleStageCampaign_GivesCriticalNhisASecondReviewerWhoIsNeitherOwnerNorFirstReviewer()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database, configure: s => s.AddSingleton(new SeparationOfDutiesPolicy { Required = true }));
        var h = new ReviewHarness(database, portal);
        var operatorId = await h.StaffIdAsync("demo-operator");
        var id = await h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Quarterly", ReviewScope.AllIdentities, null, operatorId,
            UnansweredPolicy.RevokeCredentials, WindowHours: 100));
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var queue = await reviewer.MyQueueAsync();
        var plain = queue.First(i => i.FinalStage && !i.HighRisk);
        var critical = queue.First(i => !i.FinalStage && !i.HighRisk);

        await reviewer.DecideAsync(new DecisionRequest(plain.Id, plain.Version, ReviewDecision.Keep, null));
        await reviewer.DecideAsync(new DecisionRequest(critical.Id, critical.Version, ReviewDecision.Keep, null));
        h.Database.Clock.Advance(TimeSpan.FromHours(101));
        await h.Clock.TickAsync(default);
        await h.Portal.DrainAsync();

        await using var db = h.Database.CreateDbContext();
        var campaign = await db.ReviewCampaigns.SingleAsync(c => c.Id == id);
        Assert.Equal((2, CampaignStatus.Active, true), (campaign.Stages.Count, campaign.Status, campaign.Stages[1].CriticalOnly));
        var first = await db.ReviewItems.Where(i => i.CampaignId == id && i.Stage == 1).ToListAsync();
        var secondStage = await db.ReviewItems.Where(i => i.CampaignId == id && i.Stage == 2).ToListAsync();
        var criticalIds = await db.Identities.Where(i => i.PrivilegeLevel == PrivilegeLevel.Critical).Select(i => i.Id).ToListAsync();
        Assert.NotEmpty(secondStage);
        Assert.All(first, i => Assert.Equal(!criticalIds.Contains(i.IdentityId), i.FinalStage));
        Assert.Equal(first.Where(i => !i.FinalStage).Select(i => i.IdentityId).Order(), secondStage.Select(i => i.IdentityId).Order());
        foreach (var item in secondStage)
        {
            var earlier = first.Single(i => i.IdentityId == item.IdentityId);
            Assert.True(item.ReviewerId != earlier.ReviewerId || item.ReviewerRule.Contains("delegate it", StringComparison.Ordinal), item.ReviewerRule);
            Assert.True(item.ReviewerId != item.OwnerId || item.ReviewerRule.Contains("delegate it", StringComparison.Ordinal), item.ReviewerRule);
        }
        // The non-critical keep was carried out at once; the critical one waits for its second reviewer.
        Assert.Equal(TestDatabase.Now.UtcDateTime, (await db.Identities.SingleAsync(i => i.Id == plain.IdentityId)).LastAttestedUtc);
        Assert.NotEqual(TestDatabase.Now.UtcDateTime, (await db.Identities.SingleAsync(i => i.Id == critical.IdentityId)).LastAttestedUtc);
        // Stage 1's unanswered non-critical items got the policy; its unanswered critical ones were passed on, not revoked.
        Assert.All(first.Where(i => i.Decision == null && i.FinalStage), i => Assert.True(i.RemediationRunId is not null || i.Status == Core.Reviews.ReviewItemStatus.Remediated));
        Assert.All(first.Where(i => i.Decision == null && !i.FinalStage), i => Assert.Equal((Core.Reviews.ReviewItemStatus.NoResponse, (Guid?)null), (i.Status, i.RemediationRunId)));

        // The owner of a critical NHI can be neither its second reviewer by delegation nor decide it.
        var secondOfCritical = secondStage.Single(i => i.IdentityId == critical.IdentityId);
        var secondReviewer = await db.StaffMembers.Where(s => s.Id == secondOfCritical.ReviewerId).Select(s => s.Subject).SingleAsync();
        var toOwner = await Assert.ThrowsAsync<ValidationException>(() => h.As(secondReviewer, PortalRole.SecurityOperator)
            .DelegateAsync(secondOfCritical.Id, secondOfCritical.Version, secondOfCritical.OwnerId!.Value, "the owner knows it best"));
        Assert.Contains("separation of duties", toOwner.Message, StringComparison.Ordinal);
    }
}
