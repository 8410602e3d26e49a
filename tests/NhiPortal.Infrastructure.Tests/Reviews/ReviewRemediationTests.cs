using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Reviews;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>A revoke decision commits with its follow-up, and the follow-up ends in a run, whatever fails on the way.</summary>
public class ReviewRemediationTests
{
    private static async Task<(TestDatabase Database, TestPortal Portal, ReviewItemView Item)> DecidableAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var portal = new TestPortal(database);
        Guid operatorId;
        await using (var db = database.CreateDbContext())
        {
            operatorId = await db.StaffMembers.Where(s => s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
        }
        await portal.As<ICampaignCommands>("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Quarterly", ReviewScope.AllIdentities, null,
            operatorId, UnansweredPolicy.FlagForFollowUp));
        await portal.DrainAsync();
        var queue = await portal.As<IReviewQueue>("demo-reviewer", PortalRole.Reviewer).MyQueueAsync();
        await using (var db = database.CreateDbContext())
        {
            var withCredentials = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null).Select(c => c.IdentityId!.Value).Distinct().ToListAsync();
            return (database, portal, queue.First(i => !i.HighRisk && withCredentials.Contains(i.IdentityId)));
        }
    }

    [Fact]
    public async Task ARevokeDecision_AlwaysEndsInARevocationRun_EvenWhenTheFirstStartFails()
    {
        var (database, portal, item) = await DecidableAsync();
        await using var _ = database;
        await using var __ = portal;
        // The database refuses the run the first time (a full disk, a lock timeout).
        var refusal = await InsertRefusal.CreateAsync(database, "refuse_runs", "RevocationRuns", "disk I/O error");

        await portal.As<IReviewDecisions>("demo-reviewer", PortalRole.Reviewer)
            .DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.RevokeCredentials, "INC-88 unused since the migration"));
        Assert.Equal(0, await portal.DrainAsync());

        Guid planned;
        await using (var db = database.CreateDbContext())
        {
            var decided = await db.ReviewItems.SingleAsync(i => i.Id == item.Id);
            planned = decided.RemediationRunId!.Value;
            var followUp = await db.Outbox.SingleAsync(m => m.Id == planned);
            Assert.Equal((ReviewItemStatus.Decided, 1, OutboxState.Pending), (decided.Status, followUp.Attempts, followUp.State));
            Assert.Contains("disk I/O error", followUp.LastError, StringComparison.Ordinal);
        }
        await refusal.DropAsync();
        database.Clock.Advance(RetrySchedule.After(1));
        Assert.Equal(1, await portal.DrainAsync());

        await using var check = database.CreateDbContext();
        var run = await check.RevocationRuns.Include(r => r.Steps).SingleAsync(r => r.Id == planned);
        Assert.Equal(await check.Credentials.CountAsync(c => c.IdentityId == item.IdentityId && c.State == CredentialState.Active), run.Steps.Count);
        Assert.Equal(("system:reviews", item.IdentityId), (run.RequestedBy, run.IdentityId));
        Assert.Contains("campaign \"Quarterly\", decided by demo-reviewer", run.RequestedByName, StringComparison.Ordinal);
        var requested = await check.AuditEvents.Where(a => a.Type == AuditEventTypes.Credential.RevokeRequested && a.CorrelationId == RevocationService.Correlation(planned)).ToListAsync();
        Assert.Equal(run.Steps.Count, requested.Count);
        Assert.All(requested, e => Assert.Equal(run.RequestedByName["NhiPortal on behalf of ".Length..], e.OnBehalfOf));
    }

    [Fact]
    public async Task ALongJustification_StillGivesAValidRunReason_KeptWholeInTheDecisionAndAsAFieldOfEachEvent()
    {
        var (database, portal, item) = await DecidableAsync();
        await using var _ = database;
        await using var __ = portal;
        var justification = "INC-99 " + string.Concat(Enumerable.Repeat("the account was used by the old batch system only. ", 40))[..1990];

        await portal.As<IReviewDecisions>("demo-reviewer", PortalRole.Reviewer)
            .DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.RevokeCredentials, justification));
        await portal.DrainAsync();

        await using var db = database.CreateDbContext();
        var decided = await db.ReviewItems.SingleAsync(i => i.Id == item.Id);
        Assert.Equal(justification.Trim(), decided.Justification);
        var run = await db.RevocationRuns.SingleAsync(r => r.Id == decided.RemediationRunId);
        Assert.InRange(run.Reason.Length, Core.Common.Reasons.Minimum, Core.Common.Reasons.Maximum);
        Assert.StartsWith("Access review \"Quarterly\": RevokeCredentials by demo-reviewer. INC-99", run.Reason, StringComparison.Ordinal);
        var requested = await db.AuditEvents.FirstAsync(a => a.Type == AuditEventTypes.Credential.RevokeRequested && a.CorrelationId == RevocationService.Correlation(run.Id));
        Assert.True(requested.Summary!.Length <= Infrastructure.Audit.AuditWriter.SummaryMaximum);
        Assert.Contains(System.Text.Json.JsonSerializer.Serialize(run.Reason), requested.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASystemActor_MayOnlyDoWhatItWasGranted()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        Guid identity;
        await using (var db = database.CreateDbContext())
        {
            identity = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null).Select(c => c.IdentityId!.Value).FirstAsync();
        }
        var request = new RevocationRequest([], "INC-5 system actor test", identity, IncludeManual: true);

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Get<RevocationRunStarter>().StartAsync(request, PortalUser.System("reviews")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Get<RevocationRunStarter>().StartAsync(request,
            PortalUser.System("reviews", "campaign \"X\"", Capability.ManageCampaigns)));
        var runId = await portal.Get<RevocationRunStarter>().StartAsync(request, PortalUser.System("reviews", "campaign \"X\", decided by Y", Capability.Revoke));
        Assert.NotEqual(Guid.Empty, runId);
    }
}

/// <summary>Places that select the same thing select it the same way.</summary>
public class ReviewScopeAgreementTests
{
    [Theory]
    [InlineData(Core.Hygiene.HygieneGrade.A)]
    [InlineData(Core.Hygiene.HygieneGrade.B)]
    public async Task AGradeCampaign_ReviewsExactlyTheActiveIdentitiesTheGradeFilterLists(Core.Hygiene.HygieneGrade grade)
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        await portal.Get<Infrastructure.Hygiene.HygieneRescorer>().RescoreAllAsync();
        Guid operatorId;
        await using (var db = database.CreateDbContext())
        {
            operatorId = await db.StaffMembers.Where(s => s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
            // A score exactly on the cut-off belongs to the upper grade only.
            var onCutoff = await db.Identities.Where(i => i.LifecycleState == Core.Inventory.IdentityLifecycleState.Active).Select(i => i.Id).FirstAsync();
            await db.Identities.Where(i => i.Id == onCutoff).ExecuteUpdateAsync(s => s.SetProperty(i => i.HygieneScore, Core.Hygiene.HygieneGrades.Range(Core.Hygiene.HygieneGrade.A).From));
        }
        var listed = await portal.As<Core.Inventory.IInventoryQueries>("demo-operator", PortalRole.SecurityOperator).QueryIdentitiesAsync(
            new Core.Inventory.IdentityFilter { Grade = grade, State = Core.Inventory.IdentityLifecycleState.Active }, new Core.Common.PageRequest(0, 500));

        var operatorActor = new ReviewActor(portal, FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator));
        var campaign = await operatorActor.CreateAsync(new CampaignDraft($"Grade {grade}", ReviewScope.Grade, grade.ToString(), operatorId, UnansweredPolicy.FlagForFollowUp));

        var reviewed = (await operatorActor.ItemsAsync(campaign)).Select(i => i.IdentityId).Order();
        Assert.True(listed.TotalCount > 0);
        Assert.Equal(listed.Rows.Select(r => r.Id).Order(), reviewed);
    }
}
