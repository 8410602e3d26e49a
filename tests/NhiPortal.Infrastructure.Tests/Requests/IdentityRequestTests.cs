using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Requests;

namespace NhiPortal.Infrastructure.Tests.Requests;

/// <summary>A new NHI asked for in the portal: its team's lead or an operator approves it, never the person who asked.</summary>
public class IdentityRequestTests
{
    private static readonly PortalUser Riley = new("demo-reviewer", "Riley Reviewer", null, new HashSet<PortalRole> { PortalRole.Reviewer });
    private static readonly PortalUser Sam = new("demo-operator", "Sam Operator", null, new HashSet<PortalRole> { PortalRole.SecurityOperator });
    private static readonly PortalUser Avery = new("demo-auditor", "Avery Auditor", null, new HashSet<PortalRole> { PortalRole.Auditor });

    private static DateOnly Today => DateOnly.FromDateTime(TestDatabase.Now.UtcDateTime);

    private sealed record Org(Guid RileyId, Guid TeamId, PortalUser Lead, Guid LeadId, PortalUser OtherLead, Guid OtherTeamId, Guid DissolvedTeamId, Guid LeftId);

    private static async Task<Org> OrgAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var riley = await db.StaffMembers.SingleAsync(s => s.Subject == Riley.Subject);
        // A team led by someone else than the requester (the lead deciding their own request would prove nothing).
        var team = await db.Teams.Where(t => !t.IsDissolved && t.LeadId != null && t.LeadId != riley.Id).OrderBy(t => t.Name).FirstAsync();
        var lead = await db.StaffMembers.SingleAsync(s => s.Id == team.LeadId);
        var other = await db.Teams.Where(t => t.Id != team.Id && !t.IsDissolved && t.LeadId != null && t.LeadId != riley.Id).OrderBy(t => t.Name).FirstAsync();
        var otherLead = await db.StaffMembers.SingleAsync(s => s.Id == other.LeadId);
        var dissolved = await db.Teams.Where(t => t.IsDissolved).Select(t => t.Id).FirstAsync();
        var left = await db.StaffMembers.Where(s => !s.IsActive).Select(s => s.Id).FirstAsync();
        return new(riley.Id, team.Id, Person(lead.Subject, lead.DisplayName), lead.Id, Person(otherLead.Subject, otherLead.DisplayName), other.Id, dissolved, left);
    }

    private static PortalUser Person(string subject, string name) => new(subject, name, null, new HashSet<PortalRole> { PortalRole.Reviewer });

    private static NewIdentity Asked(Org org, string name = "svc-invoice-export") =>
        new(name, IdentityKind.ServiceAccount, "Exports invoices to the ledger every night", DeploymentEnvironment.Production, PrivilegeLevel.Medium,
            org.RileyId, org.TeamId, Today.AddDays(90));

    [Fact]
    public async Task ARequest_WaitsForItsTeamsLead_WhoseApprovalCreatesTheIdentity_WhileTheRequesterAndOtherLeadsCannotDecideIt()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var org = await OrgAsync(database);

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.As<IIdentityRequestCommands>(Avery).RequestAsync(Asked(org)));
        var id = await portal.As<IIdentityRequestCommands>(Riley).RequestAsync(Asked(org));

        var mine = Assert.Single(await portal.As<IIdentityRequestQueries>(Riley).ListAsync());
        Assert.Equal((IdentityRequestState.Pending, false, Today.AddDays(90)), (mine.State, mine.MayDecide, mine.EndsOn));
        Assert.True(Assert.Single(await portal.As<IIdentityRequestQueries>(org.Lead).ListAsync()).MayDecide);
        Assert.Empty(await portal.As<IIdentityRequestQueries>(org.OtherLead).ListAsync());
        var own = await Assert.ThrowsAsync<ValidationException>(() => portal.As<IIdentityRequestCommands>(Riley).ApproveAsync(id, 0, "I need it, trust me"));
        Assert.Contains("You asked for this identity", own.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.As<IIdentityRequestCommands>(org.OtherLead).ApproveAsync(id, 0, "Not my team's"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.As<IIdentityRequestCommands>(Avery).ApproveAsync(id, 0, "Auditors only read"));
        await using (var before = database.CreateDbContext())
        {
            Assert.False(await before.Identities.AnyAsync(i => i.Name == "svc-invoice-export"));
            Assert.True(await before.Notifications.AnyAsync(n => n.RecipientId == org.LeadId && n.Kind == NotificationKinds.IdentityRequested));
        }

        var identityId = await portal.As<IIdentityRequestCommands>(org.Lead).ApproveAsync(id, 0, "Ledger export agreed in planning");
        await Assert.ThrowsAsync<EditConflictException>(() => portal.As<IIdentityRequestCommands>(Sam).RejectAsync(id, 0, "Too late for this"));

        await using var db = database.CreateDbContext();
        var identity = await db.Identities.SingleAsync(i => i.Id == identityId);
        Assert.Equal(("svc-invoice-export", org.RileyId, org.TeamId, RequestedIdentity.SourceSystem, IdentityLifecycleState.Active, PrivilegeLevel.Medium),
            (identity.Name, identity.OwnerId, identity.TeamId, identity.SourceSystem, identity.LifecycleState, identity.PrivilegeLevel));
        Assert.Equal(IdentityEndDate.EndOf(Today.AddDays(90)), identity.EndsUtc);
        var request = await db.IdentityRequests.SingleAsync();
        Assert.Equal((IdentityRequestState.Approved, org.Lead.Subject, identityId), (request.State, request.DecidedBy, request.IdentityId));
        var correlation = IdentityRequestCommands.Correlation(id);
        var events = await db.AuditEvents.Where(a => a.CorrelationId == correlation).Select(a => new { a.Type, a.TargetId }).ToListAsync();
        Assert.Equal(new[] { AuditEventTypes.Access.IdentityRequested, AuditEventTypes.Access.IdentityRequestApproved, AuditEventTypes.Identity.Created }.Order(),
            events.Select(e => e.Type).Order());
        Assert.Contains(events, e => e.Type == AuditEventTypes.Identity.Created && e.TargetId == Infrastructure.Audit.AuditWriter.TargetKey(identityId));
        Assert.True(await db.Notifications.AnyAsync(n => n.RecipientId == org.RileyId && n.Kind == NotificationKinds.IdentityRequestDecided));
    }

    [Fact]
    public async Task AnOperatorDecidesARequestWithoutATeam_AndARejectionCreatesNothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var org = await OrgAsync(database);
        var id = await portal.As<IIdentityRequestCommands>(Riley).RequestAsync(Asked(org) with { TeamId = null, Name = "bot-release-notes" });

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.As<IIdentityRequestCommands>(org.Lead).RejectAsync(id, 0, "No team, not mine"));
        await portal.As<IIdentityRequestCommands>(Sam).RejectAsync(id, 0, "Use the existing release bot instead");

        await using var db = database.CreateDbContext();
        Assert.False(await db.Identities.AnyAsync(i => i.Name == "bot-release-notes"));
        var request = await db.IdentityRequests.SingleAsync();
        Assert.Equal((IdentityRequestState.Rejected, "Use the existing release bot instead", (Guid?)null), (request.State, request.DecisionNote, request.IdentityId));
        Assert.Single(await db.AuditEvents.Where(a => a.Type == AuditEventTypes.Access.IdentityRequestRejected).ToListAsync());
    }

    [Fact]
    public async Task ARequestThatCannotBeKept_IsRefusedWithItsReason_AndWritesNothing()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var org = await OrgAsync(database);
        string existing;
        await using (var db = database.CreateDbContext())
        {
            existing = await db.Identities.OrderBy(i => i.Name).Select(i => i.Name).FirstAsync();
        }
        var commands = portal.As<IIdentityRequestCommands>(Riley);

        async Task<string> Refused(NewIdentity request) => (await Assert.ThrowsAsync<ValidationException>(() => commands.RequestAsync(request))).Message;

        Assert.Contains("has passed", await Refused(Asked(org) with { EndsOn = Today.AddDays(-1) }), StringComparison.Ordinal);
        Assert.Contains($"at most {IdentityEndDate.MaxAheadDays} days ahead", await Refused(Asked(org) with { EndsOn = Today.AddDays(IdentityEndDate.MaxAheadDays + 1) }), StringComparison.Ordinal);
        Assert.Contains("already exists", await Refused(Asked(org, existing)), StringComparison.Ordinal);
        Assert.Contains("dissolved", await Refused(Asked(org) with { TeamId = org.DissolvedTeamId }), StringComparison.Ordinal);
        Assert.Contains("active person", await Refused(Asked(org) with { OwnerId = org.LeftId }), StringComparison.Ordinal);
        Assert.Contains("Say what the identity is for", await Refused(Asked(org) with { Purpose = "" }), StringComparison.Ordinal);
        await commands.RequestAsync(Asked(org));
        Assert.Contains("already asked for", await Refused(Asked(org)), StringComparison.Ordinal);

        await using var check = database.CreateDbContext();
        Assert.Equal(1, await check.IdentityRequests.CountAsync());
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Access.IdentityRequested));
    }

    [Fact]
    public async Task AnApproval_RechecksTheRequest_SoAnOwnerWhoLeftMeanwhile_CreatesNothing_AndTheRequestStaysPending()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var org = await OrgAsync(database);
        var id = await portal.As<IIdentityRequestCommands>(Riley).RequestAsync(Asked(org));
        await using (var db = database.CreateDbContext())
        {
            await db.StaffMembers.Where(s => s.Id == org.RileyId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false));
        }

        var refused = await Assert.ThrowsAsync<ValidationException>(() => portal.As<IIdentityRequestCommands>(Sam).ApproveAsync(id, 0, "Looks fine"));

        Assert.Contains("active person", refused.Message, StringComparison.Ordinal);
        await using var check = database.CreateDbContext();
        Assert.Equal(IdentityRequestState.Pending, (await check.IdentityRequests.SingleAsync()).State);
        Assert.False(await check.Identities.AnyAsync(i => i.Name == "svc-invoice-export"));
        Assert.Equal(0, await check.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Access.IdentityRequestApproved));
    }
}
