using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Reviews;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Revocation;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>Campaigns on a real database with a fake clock: the window's rules are driven by moving time, never by sleeping.</summary>
public class ReviewServiceTests
{
    private static Task<ReviewHarness> HarnessAsync() => ReviewHarness.CreateAsync();

    private static async Task<Guid> ReviewerCampaignAsync(ReviewHarness h, UnansweredPolicy policy, int windowHours = 100)
    {
        var operatorId = await h.StaffIdAsync("demo-operator");
        // The reviewer's own NHIs: a team scope would mix reviewers; the high-risk scope is small. Use all identities.
        return await h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Quarterly NHI review", ReviewScope.AllIdentities, null,
            operatorId, policy, WindowHours: windowHours, ReminderPercents: "50", EscalateAtPercent: 90));
    }

    [Fact]
    public async Task Starting_FreezesTheItems_WithReviewerAndEvidence_AndLaterNhisAreNotAdded()
    {
        await using var h = await HarnessAsync();
        var id = await ReviewerCampaignAsync(h, UnansweredPolicy.FlagForFollowUp);
        await using (var db = h.Database.CreateDbContext())
        {
            db.Identities.Add(new NonHumanIdentity { Name = "svc-new-after-start", Kind = IdentityKind.ServiceAccount, Purpose = "late", Environment = DeploymentEnvironment.Development, SourceSystem = "test" });
            await db.SaveChangesAsync();
        }

        var progress = await h.As("demo-auditor", PortalRole.Auditor).GetProgressAsync(id);
        var items = await h.As("demo-auditor", PortalRole.Auditor).ItemsAsync(id);

        await using var check = h.Database.CreateDbContext();
        Assert.Equal(await check.Identities.CountAsync(i => i.LifecycleState == IdentityLifecycleState.Active && i.Name != "svc-new-after-start"), progress.Campaign.Items);
        Assert.Equal(progress.Campaign.Items, items.Count);
        Assert.DoesNotContain(items, i => i.IdentityName == "svc-new-after-start");
        Assert.Contains(items, i => i.ReviewerRule == "owner");
        Assert.Contains(items, i => i.ReviewerRule is "team lead" or "fallback");
        Assert.All(items, i => Assert.False(string.IsNullOrEmpty(i.Recommendation)));
        Assert.Contains(items, i => i.EvidenceJson.Contains("\"Credentials\"", StringComparison.Ordinal));
        Assert.True(await check.Notifications.AnyAsync(n => n.Kind == "ReviewAssigned"));
        Assert.True(await check.AuditEvents.AnyAsync(a => a.Stream == AuditStream.Review && a.Type == AuditEventTypes.Review.CampaignStarted));
    }

    [Fact]
    public async Task AReviewer_DecidesOwnItems_ButNotOthers_AndAnAuditorCannotDecide()
    {
        await using var h = await HarnessAsync();
        await ReviewerCampaignAsync(h, UnansweredPolicy.FlagForFollowUp);
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var queue = await reviewer.MyQueueAsync();
        Assert.NotEmpty(queue);
        var keep = queue.First(i => !i.HighRisk);

        await reviewer.DecideAsync(new DecisionRequest(keep.Id, keep.Version, ReviewDecision.Keep, null));

        Assert.DoesNotContain(await reviewer.MyQueueAsync(), i => i.Id == keep.Id);
        var operatorQueue = await h.As("demo-operator", PortalRole.SecurityOperator).MyQueueAsync();
        var notMine = queue.Skip(1).First();
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.As("demo-admin", PortalRole.Administrator)
            .DecideAsync(new DecisionRequest(notMine.Id, notMine.Version, ReviewDecision.Keep, "not mine to decide")));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.As("demo-auditor", PortalRole.Auditor).MyQueueAsync());
        await using var db = h.Database.CreateDbContext();
        // Keeping is the owner's attestation.
        Assert.Equal(TestDatabase.Now.UtcDateTime, (await db.Identities.SingleAsync(i => i.Id == keep.IdentityId)).LastAttestedUtc);
        Assert.DoesNotContain(operatorQueue, i => i.Id == keep.Id);
    }

    [Fact]
    public async Task TwoDecisionsOnOneItem_TheSecondIsToldAndNothingIsOverwritten()
    {
        await using var h = await HarnessAsync();
        await ReviewerCampaignAsync(h, UnansweredPolicy.FlagForFollowUp);
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var item = (await reviewer.MyQueueAsync()).First(i => !i.HighRisk);

        // Two tabs (or two people) submit the same item at the same version at once.
        var results = await Task.WhenAll(
            Capture(() => reviewer.DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.Keep, null))),
            Capture(() => h.As("demo-reviewer", PortalRole.Reviewer).DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.RevokeCredentials, "INC-5 not needed"))));

        Assert.Single(results, r => r is null);
        var conflict = Assert.IsType<ReviewConflictException>(Assert.Single(results, r => r is not null));
        Assert.Contains(item.IdentityName, conflict.Message, StringComparison.Ordinal);
        await using var db = h.Database.CreateDbContext();
        Assert.Single(await db.AuditEvents.Where(a => a.Type == AuditEventTypes.Review.ItemDecided && a.TargetId == item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync());
    }

    private static async Task<Exception?> Capture(Func<Task> action)
    {
        try
        {
            await action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [Fact]
    public async Task TheWindow_RemindsThenEscalatesThenCloses_AndUnansweredItemsAreRevokedPerPolicy()
    {
        await using var h = await HarnessAsync();
        var id = await ReviewerCampaignAsync(h, UnansweredPolicy.RevokeCredentials);
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var mine = await reviewer.MyQueueAsync();
        var decided = mine.First(i => !i.HighRisk);
        await reviewer.DecideAsync(new DecisionRequest(decided.Id, decided.Version, ReviewDecision.Keep, null));

        h.Database.Clock.Advance(TimeSpan.FromHours(50));
        var first = await h.Clock.TickAsync(default);
        Assert.True(first.Reminded > 0);
        Assert.Equal(0, first.Escalated);
        Assert.Equal(0, (await h.Clock.TickAsync(default)).Reminded);

        h.Database.Clock.Advance(TimeSpan.FromHours(40));
        Assert.True((await h.Clock.TickAsync(default)).Escalated > 0);
        // Escalated items reach the fallback reviewer (the operator).
        Assert.Contains(await h.As("demo-operator", PortalRole.SecurityOperator).MyQueueAsync(), i => i.Status == ReviewItemStatus.Escalated);

        h.Database.Clock.Advance(TimeSpan.FromHours(10));
        Assert.Equal(1, (await h.Clock.TickAsync(default)).Closed);
        await h.Portal.DrainAsync();

        await using var db = h.Database.CreateDbContext();
        var campaign = await db.ReviewCampaigns.SingleAsync(c => c.Id == id);
        Assert.Equal(CampaignStatus.Closed, campaign.Status);
        var unanswered = await db.ReviewItems.Where(i => i.CampaignId == id && i.Decision == null).ToListAsync();
        Assert.All(unanswered, i => Assert.True(i.Status is ReviewItemStatus.NoResponse or ReviewItemStatus.Remediated));
        Assert.Contains(unanswered, i => i.RemediationRunId != null);
        var run = await db.RevocationRuns.FirstAsync(r => unanswered.Select(i => i.RemediationRunId).Contains(r.Id));
        Assert.Contains("no answer", run.Reason, StringComparison.Ordinal);
        Assert.Equal(ReviewItemStatus.Decided, (await db.ReviewItems.SingleAsync(i => i.Id == decided.Id)).Status);
        var result = await db.ReviewCampaignResults.SingleAsync(r => r.CampaignId == id);
        Assert.Contains(decided.IdentityName, result.ResultJson, StringComparison.Ordinal);
        Assert.Equal(64, result.Sha256.Length);
    }

    [Fact]
    public async Task ARevokeDecision_RunsThroughRevocation_AndTheItemFollowsTheRun()
    {
        await using var h = await HarnessAsync();
        await ReviewerCampaignAsync(h, UnansweredPolicy.FlagForFollowUp);
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var item = (await reviewer.MyQueueAsync()).First();

        await reviewer.DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.RevokeCredentials, "INC-6 unused for months"));
        await h.Portal.DrainAsync();

        await using var db = h.Database.CreateDbContext();
        var decided = await db.ReviewItems.SingleAsync(i => i.Id == item.Id);
        if (decided.RemediationRunId is { } runId)
        {
            var run = await db.RevocationRuns.SingleAsync(r => r.Id == runId);
            // The portal revokes under its own name, saying for whom: not as the reviewer, who may not revoke.
            Assert.Equal("system:reviews", run.RequestedBy);
            Assert.Contains("decided by demo-reviewer", run.RequestedByName, StringComparison.Ordinal);
            // No connector is configured in this test, so every step is recorded as a manual revocation.
            Assert.Equal(RevocationRunStatus.Completed, await h.Portal.Get<RevocationExecutor>().ExecuteAsync(runId));
            // The run's outcome events name the same actor, and whom it acted for, as the request did.
            await using (var events = h.Database.CreateDbContext())
            {
                var revoked = await events.AuditEvents.Where(e => e.CorrelationId == RevocationService.Correlation(runId) && e.Type == AuditEventTypes.Credential.Revoked).ToListAsync();
                Assert.NotEmpty(revoked);
                Assert.All(revoked, e => Assert.Equal(("system:reviews", "campaign \"Quarterly NHI review\", decided by demo-reviewer"), (e.Actor, e.OnBehalfOf)));
            }
            Assert.Equal(1, await h.Clock.SyncRemediationAsync(default));
            Assert.Equal(ReviewItemStatus.Remediated, (await h.Database.CreateDbContext().ReviewItems.SingleAsync(i => i.Id == item.Id)).Status);
        }
        else
        {
            Assert.Equal(ReviewItemStatus.Remediated, decided.Status);
        }
        var next = (await reviewer.MyQueueAsync()).First();
        await Assert.ThrowsAsync<ValidationException>(() => reviewer.DecideAsync(new DecisionRequest(next.Id, next.Version, ReviewDecision.RevokeCredentials, "")));
    }

    [Fact]
    public async Task Delegation_MovesTheItem_AndRecordsTheDelegate()
    {
        await using var h = await HarnessAsync();
        await ReviewerCampaignAsync(h, UnansweredPolicy.FlagForFollowUp);
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var item = (await reviewer.MyQueueAsync()).First();
        var admin = await h.StaffIdAsync("demo-admin");

        await reviewer.DelegateAsync(item.Id, item.Version, admin, "On leave this week");

        Assert.DoesNotContain(await reviewer.MyQueueAsync(), i => i.Id == item.Id);
        var moved = Assert.Single(await h.As("demo-admin", PortalRole.Administrator).MyQueueAsync(), i => i.Id == item.Id);
        Assert.Equal(("delegate", "Riley Reviewer"), (moved.ReviewerRule, moved.DelegatedFrom));
        // No longer theirs to decide.
        await Assert.ThrowsAsync<AccessDeniedException>(() => reviewer.DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.Keep, null)));
    }

    [Fact]
    public async Task MarkingSomeoneAsLeft_OpensASeventyTwoHourMicroReviewOfWhatTheyOwned()
    {
        await using var h = await HarnessAsync();
        Guid leaver;
        int owned;
        await using (var db = h.Database.CreateDbContext())
        {
            var pick = await db.StaffMembers.Where(s => s.IsActive && s.Subject != "demo-operator" && db.Identities.Count(i => i.OwnerId == s.Id && i.LifecycleState == IdentityLifecycleState.Active) > 3)
                .Select(s => new { s.Id, Owned = db.Identities.Count(i => i.OwnerId == s.Id && i.LifecycleState == IdentityLifecycleState.Active) }).FirstAsync();
            (leaver, owned) = (pick.Id, pick.Owned);
        }
        var ownership = h.Portal.As<Core.Ownership.IOwnershipService>("demo-operator", PortalRole.SecurityOperator);

        await ownership.MarkStaffLeftAsync(leaver, "Left the company on Friday");
        await h.Portal.DrainAsync();

        await using var check = h.Database.CreateDbContext();
        var campaign = await check.ReviewCampaigns.Include(c => c.Items).SingleAsync(c => c.Scope == ReviewScope.OwnerDeparture);
        Assert.Equal(72, campaign.WindowHours);
        Assert.Equal(owned, campaign.Items.Count);
        Assert.All(campaign.Items, i => Assert.NotEqual(leaver, i.ReviewerId));
    }

    [Fact]
    public async Task ClosedCampaign_CanBeReRunForItsNonRespondersOnly()
    {
        await using var h = await HarnessAsync();
        var id = await ReviewerCampaignAsync(h, UnansweredPolicy.FlagForFollowUp);
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var item = (await reviewer.MyQueueAsync()).First(i => !i.HighRisk);
        await reviewer.DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.Keep, null));
        var operatorService = h.As("demo-operator", PortalRole.SecurityOperator);
        await operatorService.CloseAsync(id);

        var rerun = await operatorService.RerunNonRespondersAsync(id);

        var original = await operatorService.GetProgressAsync(id);
        var progress = await operatorService.GetProgressAsync(rerun);
        Assert.Equal(original.Campaign.Items - 1, progress.Campaign.Items);
        Assert.DoesNotContain(await operatorService.ItemsAsync(rerun), i => i.IdentityId == item.IdentityId);
        Assert.All((await operatorService.ItemsAsync(id)).Where(i => i.Decision == null), i => Assert.True(i.FollowUp));
        await Assert.ThrowsAsync<AccessDeniedException>(() => h.As("demo-reviewer", PortalRole.Reviewer).CloseAsync(rerun));
    }
}

public class AccessReviewReportTests
{
    [Fact]
    public async Task TheReport_ListsEveryItemWithWhatTheReviewerSaw_AndASummary_AndReviewersGetOnlyTheirOwnCampaigns()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await using var _ = database;
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        ReviewActor As(string subject, PortalRole role) => new(portal, FixedCurrentUser.Person(subject, role));
        Guid operatorId;
        await using (var db = database.CreateDbContext())
        {
            operatorId = await db.StaffMembers.Where(s => s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
        }
        var campaign = await As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("High-risk review", ReviewScope.HighRisk, null, operatorId,
            UnansweredPolicy.FlagForFollowUp));
        var progress = await As("demo-operator", PortalRole.SecurityOperator).ItemsAsync(campaign);
        var mine = progress.First(i => i.ReviewerName == "Sam Operator" || i.ReviewerRule == "fallback");
        await As("demo-operator", PortalRole.SecurityOperator).DecideAsync(new DecisionRequest(mine.Id, mine.Version, ReviewDecision.Keep, "Still used by the nightly batch"));
        await As("demo-operator", PortalRole.SecurityOperator).CloseAsync(campaign);
        var reports = portal.As<Core.Reports.IReportService>("demo-auditor", PortalRole.Auditor);
        var stream = new MemoryStream();

        var result = await reports.WriteAsync(new Core.Reports.ReportRequest(Core.Reports.ReportKind.AccessReview, CampaignId: campaign), stream);

        stream.Position = 0;
        using var workbook = new ClosedXML.Excel.XLWorkbook(stream);
        Assert.Equal(["Cover", "Items", "Summary", "Frameworks"], workbook.Worksheets.Select(w => w.Name).ToArray());
        Assert.Equal(progress.Count, result.RowCounts["Items"]);
        var row = workbook.Worksheet("Items").RowsUsed().Single(r => r.Cell(1).GetString() == mine.IdentityName);
        Assert.Equal(("Keep", "Still used by the nightly batch"), (row.Cell(7).GetString(), row.Cell(8).GetString()));
        Assert.Equal(mine.Recommendation, row.Cell(14).GetString());
        Assert.Equal(1.0 / progress.Count, workbook.Worksheet("Summary").RowsUsed().Single(r => r.Cell(1).GetString() == "Completion rate").Cell(2).GetDouble(), 3);
        Assert.Contains(workbook.Worksheet("Cover").RowsUsed(), r => r.Cell(1).GetString() == "Frozen result SHA-256" && r.Cell(2).GetString().Length == 64);
        // A reviewer with no item in the campaign gets no report of it.
        var outsider = portal.As<Core.Reports.IReportService>("not-in-the-directory", PortalRole.Reviewer);
        await Assert.ThrowsAsync<AccessDeniedException>(() => outsider.WriteAsync(new Core.Reports.ReportRequest(Core.Reports.ReportKind.AccessReview, CampaignId: campaign), new MemoryStream()));
    }
}

public class CampaignListTests
{
    [Fact]
    public async Task TheList_ShowsEachCampaignWithItsCounts_NewestFirst()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await using var _ = database;
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var service = new ReviewActor(portal, FixedCurrentUser.Person("demo-operator", PortalRole.SecurityOperator));
        Guid operatorId;
        await using (var db = database.CreateDbContext())
        {
            operatorId = await db.StaffMembers.Where(s => s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
        }
        await service.CreateAsync(new CampaignDraft("First", ReviewScope.HighRisk, null, operatorId, UnansweredPolicy.FlagForFollowUp));
        database.Clock.Advance(TimeSpan.FromMinutes(1));
        await service.CreateAsync(new CampaignDraft("Second", ReviewScope.Environment, "Production", operatorId, UnansweredPolicy.FlagForFollowUp), start: false);

        var rows = await service.ListAsync();

        Assert.Equal(["Second", "First"], rows.Select(r => r.Name).ToArray());
        Assert.Equal((CampaignStatus.Draft, 0), (rows[0].Status, rows[0].Items));
        Assert.True(rows[1].Items > 0);
        Assert.Equal(rows[1].Items, rows[1].Pending);
        await Assert.ThrowsAsync<ValidationException>(() => service.CreateAsync(new CampaignDraft("x", ReviewScope.Team, "not-a-team", operatorId, UnansweredPolicy.FlagForFollowUp)));
    }
}
