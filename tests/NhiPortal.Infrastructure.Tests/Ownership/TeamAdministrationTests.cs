using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Audit;

namespace NhiPortal.Infrastructure.Tests.Ownership;

/// <summary>Teams created, renamed, led, merged and dissolved by an operator; each change audited, nothing for a reviewer.</summary>
public sealed class TeamAdministrationTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestPortal _portal = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
        await _database.SeedDemoAsync();
        _portal = TestPortal.For(_database);
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _database.DisposeAsync();
    }

    private ITeamAdministration As(PortalRole role) => _portal.As<ITeamAdministration>(role == PortalRole.Reviewer ? "demo-reviewer" : "demo-operator", role);

    [Fact]
    public async Task CreateRenameAndLead_AreAudited_NamesAreUniqueWithoutCase_AndALeaverCannotLead()
    {
        var teams = As(PortalRole.SecurityOperator);
        Guid active, left;
        string existing;
        await using (var db = _database.CreateDbContext())
        {
            active = await db.StaffMembers.Where(s => s.IsActive).OrderBy(s => s.DisplayName).Select(s => s.Id).FirstAsync();
            left = (await db.StaffMembers.FirstAsync(s => s.Id != active)).Id;
            await db.StaffMembers.Where(s => s.Id == left).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false));
            existing = await db.Teams.Select(t => t.Name).FirstAsync();
        }

        var id = await teams.CreateAsync("  Platform Identity Guild  ", active);
        await Assert.ThrowsAsync<ValidationException>(() => teams.CreateAsync(existing.ToUpperInvariant(), null));
        await Assert.ThrowsAsync<ValidationException>(() => teams.CreateAsync(existing.ToLowerInvariant(), null));
        await Assert.ThrowsAsync<ValidationException>(() => teams.CreateAsync("=HYPERLINK(\"x\")", null));
        await teams.RenameAsync(id, "Workload Identity Guild");
        await Assert.ThrowsAsync<ValidationException>(() => teams.SetLeadAsync(id, left));
        await teams.SetLeadAsync(id, null);

        var row = (await teams.ListAsync()).Single(t => t.Id == id);
        Assert.Equal(("Workload Identity Guild", (Guid?)null, false), (row.Name, row.LeadId, row.IsDissolved));
        await using var check = _database.CreateDbContext();
        var events = await check.AuditEvents.Where(a => a.TargetType == "Team" && a.TargetId == AuditWriter.TargetKey(id)).OrderBy(a => a.Id).Select(a => a.Type).ToListAsync();
        Assert.Equal([AuditEventTypes.Identity.TeamCreated, AuditEventTypes.Identity.TeamRenamed, AuditEventTypes.Identity.TeamLeadChanged], events);
    }

    [Fact]
    public async Task Merge_MovesTheTeamsNhisAndStaff_WithAnEventPerNhi_ThenDissolvesIt_AndAReviewerCannot()
    {
        Guid source, target;
        int nhis, staff, targetStaff, rescores;
        await using (var db = _database.CreateDbContext())
        {
            var counts = await db.Identities.Where(i => i.TeamId != null && !i.Team!.IsDissolved).GroupBy(i => i.TeamId!.Value)
                .Select(g => new { g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).Take(2).ToListAsync();
            (source, target) = (counts[0].Key, counts[1].Key);
            nhis = counts[0].Count;
            staff = await db.StaffMembers.CountAsync(s => s.TeamId == source);
            targetStaff = await db.StaffMembers.CountAsync(s => s.TeamId == target);
            rescores = await db.Outbox.CountAsync(m => m.Type == Core.Outbox.FollowUpTypes.Rescore);
        }
        Assert.True(staff > 0, "the demo team to merge has staff");
        await Assert.ThrowsAsync<AccessDeniedException>(() => As(PortalRole.Reviewer).DissolveAsync(source, target, "reorganisation"));
        await Assert.ThrowsAsync<ValidationException>(() => As(PortalRole.SecurityOperator).DissolveAsync(source, source, "into itself"));

        var moved = await As(PortalRole.SecurityOperator).DissolveAsync(source, target, "Payments and Ledger merged (ORG-12)");

        Assert.Equal(nhis, moved);
        await using var check = _database.CreateDbContext();
        Assert.Equal(0, await check.Identities.CountAsync(i => i.TeamId == source));
        Assert.Equal(0, await check.StaffMembers.CountAsync(s => s.TeamId == source));
        Assert.Equal(targetStaff + staff, await check.StaffMembers.CountAsync(s => s.TeamId == target));
        Assert.True((await check.Teams.SingleAsync(t => t.Id == source)).IsDissolved);
        Assert.Equal(nhis, await check.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.TeamChanged && a.Summary!.Contains("(merged)")));
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.TeamDissolved && a.TargetId == AuditWriter.TargetKey(source)));
        Assert.Equal(rescores + 1, await check.Outbox.CountAsync(m => m.Type == Core.Outbox.FollowUpTypes.Rescore));
        await Assert.ThrowsAsync<ValidationException>(() => As(PortalRole.SecurityOperator).DissolveAsync(source, null, "again"));
        await Assert.ThrowsAsync<ValidationException>(() => As(PortalRole.SecurityOperator).DissolveAsync(target, source, "into a dissolved team"));
    }

    [Fact]
    public async Task DissolveWithoutMerge_LeavesItsNhisOnTheTeam_AsOrphans()
    {
        Guid team;
        await using (var db = _database.CreateDbContext())
        {
            team = await db.Identities.Where(i => i.TeamId != null && !i.Team!.IsDissolved && i.LifecycleState == Core.Inventory.IdentityLifecycleState.Active)
                .Select(i => i.TeamId!.Value).FirstAsync();
        }

        Assert.Equal(0, await As(PortalRole.SecurityOperator).DissolveAsync(team, null, "Team wound down (ORG-13)"));

        var orphans = await _portal.As<Core.Inventory.IInventoryQueries>("demo-operator", PortalRole.SecurityOperator)
            .QueryIdentitiesAsync(new Core.Inventory.IdentityFilter { TeamId = team, OrphansOnly = true }, new PageRequest(0, 50));
        await using var check = _database.CreateDbContext();
        Assert.Equal(await check.Identities.CountAsync(i => i.TeamId == team && i.LifecycleState != Core.Inventory.IdentityLifecycleState.Decommissioned), orphans.TotalCount);
        Assert.True(orphans.TotalCount > 0);
    }
}
