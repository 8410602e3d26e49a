using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>
/// A campaign's start, queue and close in batches of 7, so the demo organisation crosses many batches: the start runs
/// in the background with progress and survives a failed batch, the queue pages in the database's order, and the
/// close handles every unanswered item set-based.
/// </summary>
public class CampaignsAtScaleTests
{
    private const int Batch = 7;

    private static async Task<ReviewHarness> HarnessAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        return new ReviewHarness(database, new TestPortal(database, configure: s => s.AddSingleton(new ReviewBatchOptions(Batch))));
    }

    private static CampaignDraft AllIdentities(Guid fallback, UnansweredPolicy policy = UnansweredPolicy.FlagForFollowUp) =>
        new("Quarterly NHI review", ReviewScope.AllIdentities, null, fallback, policy, WindowHours: 100);

    [Fact]
    public async Task Start_RunsInTheBackground_AndFreezesTheSameItemsAsTheSynchronousRules_WithEarlierDecisions()
    {
        await using var h = await HarnessAsync();
        var operatorId = await h.StaffIdAsync("demo-operator");
        var operatorActor = h.As("demo-operator", PortalRole.SecurityOperator);
        // An earlier campaign with decisions, so the evidence carries "the previous campaign's decision".
        var first = await operatorActor.CreateAsync(AllIdentities(operatorId));
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var decided = (await reviewer.MyQueueAsync()).Where(i => !i.HighRisk).Take(3).ToList();
        await reviewer.DecideManyAsync(decided.Select(i => new DecisionRequest(i.Id, i.Version, ReviewDecision.Keep, null)).ToList());
        await operatorActor.CloseAsync(first);
        await h.Portal.DrainAsync();

        var second = await h.Portal.As<ICampaignCommands>(FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator)).CreateAsync(AllIdentities(operatorId));

        List<ReviewItem> expected;
        await using (var db = h.Database.CreateDbContext())
        {
            var campaign = await db.ReviewCampaigns.SingleAsync(c => c.Id == second);
            // The request only asked: nothing is counted or frozen yet, nobody told, no start event.
            Assert.Equal((CampaignStatus.Starting, 0, 0), (campaign.Status, campaign.ItemsBuilt, campaign.ItemsExpected));
            Assert.Equal(0, await db.ReviewItems.CountAsync(i => i.CampaignId == second));
            Assert.Equal(1, await db.Outbox.CountAsync(m => m.Type == CampaignStartPayload.FollowUpType && m.SubjectId == second.ToString("D") && m.CompletedUtc == null));
            expected = await SynchronousStartReference.ItemsAsync(db, campaign, h.Database.Clock.GetUtcNow().UtcDateTime);
            Assert.True(expected.Count > 3 * Batch);
        }

        await h.Portal.DrainAsync();

        await using var check = h.Database.CreateDbContext();
        var started = await check.ReviewCampaigns.SingleAsync(c => c.Id == second);
        Assert.Equal((CampaignStatus.Active, expected.Count, expected.Count), (started.Status, started.ItemsBuilt, started.ItemsExpected));
        var items = await check.ReviewItems.Where(i => i.CampaignId == second).ToListAsync();
        static string Key(ReviewItem i) => string.Join("|", i.IdentityId, i.IdentityName, i.OwnerId, i.OwnerName, i.TeamName, i.ReviewerId, i.ReviewerRule,
            i.EvidenceScore, i.EvidenceLastUsedUtc?.ToString("O", CultureInfo.InvariantCulture), i.Recommendation, i.HighRisk, i.EvidenceJson, i.Status);
        Assert.Equal(expected.Select(Key).Order(StringComparer.Ordinal), items.Select(Key).Order(StringComparer.Ordinal));
        Assert.Equal(decided.Count, items.Count(i => i.EvidenceJson.Contains("Keep by demo-reviewer", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Start_ThatFailsMidway_ShowsItsProgress_AndARetryContinues_WithoutDuplicates_AndStartsOnce()
    {
        await using var h = await HarnessAsync();
        var operatorId = await h.StaffIdAsync("demo-operator");
        // The database refuses the fourth batch (a full disk): three batches commit, the fourth rolls back whole.
        var refusal = await InsertRefusal.CreateAsync(h.Database, "refuse_items", "ReviewItems", "disk I/O error", fromRows: 3 * Batch + 2);
        var id = await h.Portal.As<ICampaignCommands>(FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator)).CreateAsync(AllIdentities(operatorId));

        await h.Portal.DrainAsync();

        var progress = (await h.As("demo-auditor", PortalRole.Auditor).GetProgressAsync(id)).Campaign;
        Assert.Equal((CampaignStatus.Starting, 3 * Batch, 3 * Batch), (progress.Status, progress.ItemsBuilt, progress.Items));
        await using (var db = h.Database.CreateDbContext())
        {
            Assert.Equal(await db.Identities.CountAsync(i => i.LifecycleState == IdentityLifecycleState.Active), progress.ItemsExpected);
        }
        Assert.InRange(progress.StartPercent, 0.1, 99.9);
        await using (var db = h.Database.CreateDbContext())
        {
            var followUp = await db.Outbox.SingleAsync(m => m.Type == CampaignStartPayload.FollowUpType);
            Assert.Contains("disk I/O error", followUp.LastError, StringComparison.Ordinal);
            Assert.False(await db.AuditEvents.AnyAsync(a => a.Type == AuditEventTypes.Review.CampaignStarted));
            Assert.False(await db.Notifications.AnyAsync(n => n.Kind == "ReviewAssigned"));
        }
        await refusal.DropAsync();
        h.Database.Clock.Advance(RetrySchedule.After(1));

        await h.Portal.DrainAsync();
        // A second delivery of a finished start (a crash before "done" was written) changes nothing.
        await using (var db = h.Database.CreateDbContext())
        {
            await db.Outbox.ExecuteUpdateAsync(s => s.SetProperty(m => m.CompletedUtc, (DateTime?)null));
        }
        await h.Portal.DrainAsync();

        await using var check = h.Database.CreateDbContext();
        var campaign = await check.ReviewCampaigns.SingleAsync(c => c.Id == id);
        var items = await check.ReviewItems.Where(i => i.CampaignId == id).Select(i => new { i.IdentityId, i.ReviewerId }).ToListAsync();
        Assert.Equal(CampaignStatus.Active, campaign.Status);
        Assert.Equal(await check.Identities.CountAsync(i => i.LifecycleState == IdentityLifecycleState.Active), items.Count);
        Assert.Equal(items.Count, items.Select(i => i.IdentityId).Distinct().Count());
        Assert.Equal((items.Count, items.Count), (campaign.ItemsBuilt, campaign.ItemsExpected));
        Assert.Single(await check.AuditEvents.Where(a => a.Type == AuditEventTypes.Review.CampaignStarted && a.TargetId == id.ToString("D")).ToListAsync());
        var told = await check.Notifications.Where(n => n.Kind == "ReviewAssigned").Select(n => n.RecipientId).ToListAsync();
        Assert.Equal(items.Select(i => i.ReviewerId).Distinct().Order(), told.Order());
    }

    [Fact]
    public async Task TheQueue_PagedInTheDatabase_EqualsTheWholeSortedQueue_WithItsCount()
    {
        await using var h = await HarnessAsync();
        var operatorId = await h.StaffIdAsync("demo-operator");
        var operatorActor = h.As("demo-operator", PortalRole.SecurityOperator);
        // The administrator heads the fallback pool, the operator is in it: past the last escalation point the
        // unanswered items go to the administrator, and the operator's queue holds them too, beside the operator's own:
        // both parts of the queue are paged together.
        await operatorActor.CreateAsync(AllIdentities(await h.StaffIdAsync("demo-admin")) with { MoreFallbackReviewers = [operatorId] });
        h.Database.Clock.Advance(TimeSpan.FromHours(97));
        await h.Clock.TickAsync(default);

        var whole = await operatorActor.MyQueueAsync();
        var pages = new List<ReviewItemView>();
        var total = -1;
        for (var skip = 0; total < 0 || skip < total; skip += Batch)
        {
            var page = await operatorActor.MyQueuePageAsync(skip, Batch);
            total = page.TotalCount;
            Assert.True(page.Rows.Count <= Batch);
            pages.AddRange(page.Rows);
        }

        Assert.True(whole.Count > 3 * Batch);
        Assert.Contains(whole, i => i.ReviewerName != "Sam Operator" && i.Status == ReviewItemStatus.Escalated);
        Assert.Contains(whole, i => i.ReviewerName == "Sam Operator");
        Assert.Equal(whole.Count, total);
        Assert.Equal(whole.Select(i => i.Id), pages.Select(i => i.Id));
        // Riskiest first: the lowest score (none last), then the nearest deadline.
        Assert.Equal(whole.OrderBy(i => i.EvidenceScore ?? 101).ThenBy(i => i.DeadlineUtc).ThenBy(i => i.Id).Select(i => i.Id), whole.Select(i => i.Id));
        var summary = await h.Portal.As<IReviewQueue>(FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator)).MyQueueSummaryAsync();
        Assert.Equal((whole.Count, whole.Count(i => i.Status == ReviewItemStatus.Escalated)), (summary.Waiting, summary.Escalated));
    }

    [Fact]
    public async Task Close_InManyBatches_MarksEveryUnansweredItemWithItsEvent_AndOneRunRevokesTheirCredentials()
    {
        await using var h = await HarnessAsync();
        var operatorId = await h.StaffIdAsync("demo-operator");
        var operatorActor = h.As("demo-operator", PortalRole.SecurityOperator);
        var id = await operatorActor.CreateAsync(AllIdentities(operatorId, UnansweredPolicy.RevokeCredentials));
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var kept = (await reviewer.MyQueueAsync()).First(i => !i.HighRisk);
        await reviewer.DecideAsync(new DecisionRequest(kept.Id, kept.Version, ReviewDecision.Keep, null));

        await operatorActor.CloseAsync(id);

        await using (var db = h.Database.CreateDbContext())
        {
            var unanswered = await db.ReviewItems.Where(i => i.CampaignId == id && i.Decision == null).ToListAsync();
            Assert.True(unanswered.Count > 3 * Batch);
            var withCredentials = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null).Select(c => c.IdentityId!.Value).Distinct().ToListAsync();
            // Items with something to revoke wait for one run; the others are done at once.
            Assert.All(unanswered, i => Assert.Equal(withCredentials.Contains(i.IdentityId) ? ReviewItemStatus.NoResponse : ReviewItemStatus.Remediated, i.Status));
            Assert.Single(unanswered.Where(i => i.RemediationRunId != null).Select(i => i.RemediationRunId).Distinct());
            Assert.All(unanswered, i => Assert.Equal(withCredentials.Contains(i.IdentityId), i.RemediationRunId != null));
            var events = await db.AuditEvents.Where(a => a.Type == AuditEventTypes.Review.ItemNoResponse && a.CorrelationId == ReviewCampaign.CorrelationFor(id))
                .Select(a => a.TargetId).ToListAsync();
            Assert.Equal(unanswered.Select(i => i.Id.ToString(CultureInfo.InvariantCulture)).Order(), events.Order());
            Assert.Equal(CampaignStatus.Closed, (await db.ReviewCampaigns.SingleAsync(c => c.Id == id)).Status);
            Assert.Contains(kept.IdentityName, (await db.ReviewCampaignResults.SingleAsync(r => r.CampaignId == id)).ResultJson, StringComparison.Ordinal);
        }

        await h.Portal.DrainAsync();

        await using var check = h.Database.CreateDbContext();
        var runId = await check.ReviewItems.Where(i => i.CampaignId == id && i.RemediationRunId != null).Select(i => i.RemediationRunId!.Value).FirstAsync();
        var waiting = await check.ReviewItems.Where(i => i.RemediationRunId == runId).Select(i => i.IdentityId).ToListAsync();
        var steps = await check.RevocationSteps.Where(s => s.RunId == runId).Select(s => s.CredentialId).ToListAsync();
        var expectedCredentials = await check.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null && waiting.Contains(c.IdentityId.Value))
            .Select(c => c.Id).ToListAsync();
        Assert.Equal(expectedCredentials.Order(), steps.Order());
        Assert.Contains("no answer", (await check.RevocationRuns.SingleAsync(r => r.Id == runId)).Reason, StringComparison.Ordinal);
    }
}
