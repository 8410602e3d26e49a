using System.Text;
using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Reports;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>Review follow-ups: opened by a "reduce access" decision and by an unanswered close under "flag for follow-up", closed by their assignee.</summary>
public class WorkItemTests
{
    private static async Task<Guid> CampaignAsync(ReviewHarness h, UnansweredPolicy policy)
    {
        var operatorId = await h.StaffIdAsync("demo-operator");
        return await h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Quarterly", ReviewScope.AllIdentities, null, operatorId, policy, WindowHours: 100));
    }

    private static IWorkItemQueries Queries(ReviewHarness h, string subject, PortalRole role) => h.Portal.As<IWorkItemQueries>(FixedCurrentUser.Person(subject, role));

    private static IWorkItemCommands Commands(ReviewHarness h, string subject, PortalRole role) => h.Portal.As<IWorkItemCommands>(FixedCurrentUser.Person(subject, role));

    [Fact]
    public async Task AReduceAccessDecision_OpensOneFollowUpForTheOwner_DueInFourteenDays_WhichTheOwnerClosesOnce()
    {
        await using var h = await ReviewHarness.CreateAsync();
        await CampaignAsync(h, UnansweredPolicy.RevokeCredentials);
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var item = (await reviewer.MyQueueAsync()).First(i => i.OwnerName is not null && !i.HighRisk);

        await reviewer.DecideAsync(new DecisionRequest(item.Id, item.Version, ReviewDecision.ReduceAccess, "Drop deploy:admin, it only reads"));

        var mine = await Queries(h, "demo-reviewer", PortalRole.Reviewer).ListAsync(WorkItemState.Open, mineOnly: false, new PageRequest(0, 50));
        var work = Assert.Single(mine.Rows);
        Assert.Equal((WorkItemKind.ReduceAccess, "Drop deploy:admin, it only reads", TestDatabase.Now.UtcDateTime.AddDays(14), true),
            (work.Kind, work.Description, work.DueUtc, work.Mine));
        Assert.Empty((await Queries(h, "demo-operator", PortalRole.SecurityOperator).ListAsync(null, mineOnly: true, new PageRequest(0, 50))).Rows);
        Assert.Equal(1, (await Queries(h, "demo-auditor", PortalRole.Auditor).ListAsync(null, mineOnly: false, new PageRequest(0, 50))).TotalCount);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Commands(h, "demo-admin", PortalRole.Reviewer).CloseAsync(work.Id, work.Version, WorkItemState.Done, "not mine at all"));
        await Assert.ThrowsAsync<ValidationException>(() => Commands(h, "demo-reviewer", PortalRole.Reviewer).CloseAsync(work.Id, work.Version, WorkItemState.Done, ""));

        await Commands(h, "demo-reviewer", PortalRole.Reviewer).CloseAsync(work.Id, work.Version, WorkItemState.Done, "Role trimmed in IAM, CHG-991");

        await Assert.ThrowsAsync<ReviewConflictException>(() => Commands(h, "demo-operator", PortalRole.SecurityOperator)
            .CloseAsync(work.Id, work.Version, WorkItemState.Dismissed, "already handled elsewhere"));
        await using var db = h.Database.CreateDbContext();
        var stored = await db.WorkItems.SingleAsync();
        Assert.Equal((WorkItemState.Done, "demo-reviewer", "Role trimmed in IAM, CHG-991"), (stored.State, stored.ClosedBy, stored.Resolution));
        var key = item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Type == AuditEventTypes.Review.WorkItemOpened && a.TargetId == key));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Type == AuditEventTypes.Review.WorkItemClosed && a.TargetId == key && a.Actor == "demo-reviewer"));
    }

    [Fact]
    public async Task ClosingUnderFlagForFollowUp_OpensOneFollowUpPerUnansweredNhi_ForItsOwnerOrTheFallback_AndTheReportListsThem()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var id = await CampaignAsync(h, UnansweredPolicy.FlagForFollowUp);
        var reviewer = h.As("demo-reviewer", PortalRole.Reviewer);
        var answered = (await reviewer.MyQueueAsync()).First(i => !i.HighRisk);
        await reviewer.DecideAsync(new DecisionRequest(answered.Id, answered.Version, ReviewDecision.Keep, null));

        await h.As("demo-operator", PortalRole.SecurityOperator).CloseAsync(id);

        await using var db = h.Database.CreateDbContext();
        var unanswered = await db.ReviewItems.Where(i => i.CampaignId == id && i.Decision == null).ToListAsync();
        var work = await db.WorkItems.Where(w => w.CampaignId == id).ToListAsync();
        var active = await db.StaffMembers.Where(s => s.IsActive).Select(s => s.Id).ToListAsync();
        var fallback = await h.StaffIdAsync("demo-operator");
        Assert.Equal(unanswered.Select(i => i.Id).Order(), work.Select(w => w.ReviewItemId).Order());
        Assert.DoesNotContain(work, w => w.ReviewItemId == answered.Id);
        Assert.All(work, w =>
        {
            var item = unanswered.Single(i => i.Id == w.ReviewItemId);
            Assert.Equal(item.OwnerId is { } o && active.Contains(o) ? o : fallback, w.AssigneeId);
            Assert.Equal(WorkItemKind.Unanswered, w.Kind);
        });
        Assert.Equal(work.Count, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Review.WorkItemOpened));

        using var csv = new MemoryStream();
        await h.Portal.As<IReportService>(FixedCurrentUser.Person("demo-auditor", PortalRole.Auditor)).WriteAsync(
            new ReportRequest(ReportKind.ReviewFollowUps, ReportFormat.Csv, TestDatabase.Now.UtcDateTime.AddDays(-1), TestDatabase.Now.UtcDateTime.AddDays(1)), csv);
        var lines = Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(work.Count, lines.Count(l => l.Contains(",Unanswered,", StringComparison.Ordinal)));
    }
}
