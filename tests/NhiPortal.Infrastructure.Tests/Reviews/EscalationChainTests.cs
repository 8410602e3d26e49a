using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Ownership;
using NhiPortal.Core.Reviews;

namespace NhiPortal.Infrastructure.Tests.Reviews;

/// <summary>Escalation reassigns along the chain on a fake clock: owner, team lead, the owner's manager, the fallback pool.</summary>
public class EscalationChainTests
{
    [Fact]
    public async Task AnUnansweredItem_MovesToTheLead_ThenTheManager_ThenThePool_EachMoveAuditedAndTold_AndAnyoneInThePoolDecides()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var (lead, manager) = (new StaffMember { Subject = "lee-lead", DisplayName = "Lee Lead", PortalRoles = "Reviewer" },
            new StaffMember { Subject = "mo-manager", DisplayName = "Mo Manager", PortalRoles = "Reviewer" });
        var operatorId = await h.StaffIdAsync("demo-operator");
        var campaignId = await h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(new CampaignDraft("Escalation chain", ReviewScope.AllIdentities, null,
            operatorId, UnansweredPolicy.FlagForFollowUp, WindowHours: 100, ReminderPercents: "50", EscalateAtPercent: 90)
        {
            MoreFallbackReviewers = [await h.StaffIdAsync("demo-admin")],
        });
        var riley = h.As("demo-reviewer", PortalRole.Reviewer);
        var item = (await riley.MyQueueAsync()).First(i => !i.HighRisk && i.ReviewerRule == "owner" && i.TeamName != null);
        // The chain is read when the item moves: the NHI's team lead and its owner's manager as they are then.
        await using (var db = h.Database.CreateDbContext())
        {
            db.StaffMembers.AddRange(lead, manager);
            await db.SaveChangesAsync();
            await db.StaffMembers.Where(s => s.Subject == "demo-reviewer").ExecuteUpdateAsync(s => s.SetProperty(m => m.ManagerId, manager.Id));
            var teamId = await db.Identities.Where(i => i.Id == item.IdentityId).Select(i => i.TeamId).SingleAsync();
            await db.Teams.Where(t => t.Id == teamId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LeadId, lead.Id));
        }

        h.Database.Clock.Advance(TimeSpan.FromHours(90));
        await h.Clock.TickAsync(default);
        var atLead = Assert.Single(await h.As("lee-lead", PortalRole.Reviewer).MyQueueAsync(), i => i.Id == item.Id);
        Assert.Equal(ReviewItemStatus.Escalated, atLead.Status);
        Assert.DoesNotContain(await riley.MyQueueAsync(), i => i.Id == item.Id);
        // Escalation reassigns: the owner may no longer decide it.
        await Assert.ThrowsAsync<AccessDeniedException>(() => riley.DecideAsync(new DecisionRequest(item.Id, atLead.Version, ReviewDecision.Keep, null)));

        h.Database.Clock.Advance(TimeSpan.FromHours(3.4));
        await h.Clock.TickAsync(default);
        Assert.Contains(await h.As("mo-manager", PortalRole.Reviewer).MyQueueAsync(), i => i.Id == item.Id);
        Assert.DoesNotContain(await h.As("lee-lead", PortalRole.Reviewer).MyQueueAsync(), i => i.Id == item.Id);

        h.Database.Clock.Advance(TimeSpan.FromHours(3.4));
        await h.Clock.TickAsync(default);
        var admin = h.As("demo-admin", PortalRole.Administrator);
        var inPool = Assert.Single(await admin.MyQueueAsync(), i => i.Id == item.Id);
        Assert.Contains(await h.As("demo-operator", PortalRole.SecurityOperator).MyQueueAsync(), i => i.Id == item.Id);
        await admin.DecideAsync(new DecisionRequest(item.Id, inPool.Version, ReviewDecision.Keep, null));

        await using var check = h.Database.CreateDbContext();
        var moves = await check.AuditEvents.Where(a => a.Type == AuditEventTypes.Review.ItemEscalated && a.TargetId == item.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(a => a.Id).Select(a => a.Summary).ToListAsync();
        Assert.Equal(3, moves.Count);
        Assert.EndsWith("moved from Riley Reviewer to Lee Lead (team lead)", moves[0], StringComparison.Ordinal);
        Assert.EndsWith("moved from Lee Lead to Mo Manager (owner's manager)", moves[1], StringComparison.Ordinal);
        Assert.EndsWith("moved from Mo Manager to Sam Operator (fallback pool)", moves[2], StringComparison.Ordinal);
        foreach (var person in new[] { lead.Id, manager.Id, operatorId, await h.StaffIdAsync("demo-admin") })
        {
            Assert.True(await check.Notifications.AnyAsync(n => n.RecipientId == person && n.Kind == NotificationKinds.ReviewEscalated), $"{person} was not told");
        }
        var decided = await check.ReviewItems.SingleAsync(i => i.Id == item.Id);
        Assert.Equal((ReviewItemStatus.Decided, "demo-admin", EscalationChain.Steps, true), (decided.Status, decided.DecidedBy, decided.EscalationStep, decided.WithFallbacks));
        Assert.Equal(campaignId, decided.CampaignId);
    }

    [Fact]
    public async Task AFallbackPoolMember_WhoCannotDecide_IsRefusedWhenTheCampaignIsCreated()
    {
        await using var h = await ReviewHarness.CreateAsync();
        var operatorId = await h.StaffIdAsync("demo-operator");
        var auditor = await h.StaffIdAsync("demo-auditor");
        await using (var db = h.Database.CreateDbContext())
        {
            await db.StaffMembers.Where(s => s.Id == auditor).ExecuteUpdateAsync(s => s.SetProperty(m => m.PortalRoles, "Auditor"));
        }

        var refused = await Assert.ThrowsAsync<ValidationException>(() => h.As("demo-operator", PortalRole.SecurityOperator).CreateAsync(
            new CampaignDraft("Pool", ReviewScope.AllIdentities, null, operatorId, UnansweredPolicy.FlagForFollowUp) { MoreFallbackReviewers = [auditor, Guid.NewGuid()] }));

        Assert.Contains("cannot decide review items; take them out of the fallback reviewers", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Every fallback reviewer must be an active staff member.", refused.Message, StringComparison.Ordinal);
    }
}
