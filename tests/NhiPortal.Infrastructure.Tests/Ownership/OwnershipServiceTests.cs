using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Ownership;

namespace NhiPortal.Infrastructure.Tests.Ownership;

public class OwnershipServiceTests
{
    private static IOwnershipService Service(TestDatabase db, string subject, params PortalRole[] roles) =>
        TestPortal.For(db).As<IOwnershipService>(subject, roles);

    private static async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        return database;
    }

    [Fact]
    public async Task ChangeOwner_BulkAssignToOrphans_WritesOneIdentityEventEach_AndTheyStopBeingOrphans()
    {
        await using var database = await SeededAsync();
        Guid[] orphans;
        Guid owner;
        await using (var db = database.CreateDbContext())
        {
            orphans = await db.Identities.Where(i => i.OwnerId == null).Select(i => i.Id).Take(5).ToArrayAsync();
            owner = await db.StaffMembers.Where(s => s.IsActive && s.Subject == "demo-operator").Select(s => s.Id).SingleAsync();
        }

        var result = await Service(database, "demo-operator", PortalRole.SecurityOperator)
            .ChangeOwnerAsync(new OwnerChange(orphans, owner, "Adopted after the quarterly review"));

        Assert.Equal(5, result.Changed);
        await using var check = database.CreateDbContext();
        Assert.Equal(5, await check.Identities.CountAsync(i => orphans.Contains(i.Id) && i.OwnerId == owner));
        var events = await check.AuditEvents.Where(a => a.CorrelationId == result.CorrelationId).ToListAsync();
        Assert.Equal(5, events.Count);
        Assert.All(events, e => Assert.Equal((AuditStream.Identity, AuditEventTypes.Identity.OwnerChanged), (e.Stream, e.Type)));
        Assert.All(events, e => Assert.Contains("Adopted after the quarterly review", e.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangeOwner_InvalidInput_IsRefusedAndNothingIsWritten()
    {
        await using var database = await SeededAsync();
        Guid identity, leaver;
        await using (var db = database.CreateDbContext())
        {
            identity = await db.Identities.Select(i => i.Id).FirstAsync();
            leaver = await db.StaffMembers.Where(s => !s.IsActive).Select(s => s.Id).FirstAsync();
        }
        var service = Service(database, "demo-admin", PortalRole.Administrator);
        var eventsBefore = await CountEventsAsync(database);

        await Assert.ThrowsAsync<ValidationException>(() => service.ChangeOwnerAsync(new OwnerChange([identity], leaver, "Because reasons")));
        await Assert.ThrowsAsync<ValidationException>(() => service.ChangeOwnerAsync(new OwnerChange([identity], null, "no")));
        await Assert.ThrowsAsync<NotFoundException>(() => service.ChangeOwnerAsync(new OwnerChange([identity, Guid.NewGuid()], null, "Cleanup of old owners")));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Service(database, "demo-reviewer", PortalRole.Reviewer).ChangeOwnerAsync(new OwnerChange([identity], null, "Cleanup of old owners")));

        Assert.Equal(eventsBefore, await CountEventsAsync(database));
    }

    [Fact]
    public async Task ChangeOwner_OfADecommissionedIdentity_IsRefused_ItsOwnershipIsClosed()
    {
        await using var database = await SeededAsync();
        Guid closed, open, owner;
        await using (var db = database.CreateDbContext())
        {
            var two = await db.Identities.Where(i => i.LifecycleState == Core.Inventory.IdentityLifecycleState.Active).OrderBy(i => i.Name).Select(i => i.Id).Take(2).ToListAsync();
            (closed, open) = (two[0], two[1]);
            owner = await db.StaffMembers.Where(s => s.IsActive).Select(s => s.Id).FirstAsync();
            await db.Identities.Where(i => i.Id == closed).ExecuteUpdateAsync(s => s.SetProperty(i => i.LifecycleState, Core.Inventory.IdentityLifecycleState.Decommissioned));
        }
        var eventsBefore = await CountEventsAsync(database);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Service(database, "demo-admin", PortalRole.Administrator)
            .ChangeOwnerAsync(new OwnerChange([open, closed], owner, "Tidy up after the reorganisation")));

        Assert.Contains("decommissioned, so its ownership is closed", refused.Message, StringComparison.Ordinal);
        Assert.Equal(eventsBefore, await CountEventsAsync(database));
    }

    [Fact]
    public async Task Attest_OnlyTheOwnerMay_AndTheTimeIsRecorded()
    {
        await using var database = await SeededAsync();
        Guid owned;
        await using (var db = database.CreateDbContext())
        {
            owned = await db.Identities.Where(i => i.Owner!.Subject == "demo-reviewer").Select(i => i.Id).FirstAsync();
        }

        var at = await Service(database, "demo-reviewer", PortalRole.Reviewer).AttestAsync(owned);
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service(database, "demo-admin", PortalRole.Administrator).AttestAsync(owned));

        await using var check = database.CreateDbContext();
        Assert.Equal(TestDatabase.Now.UtcDateTime, at);
        Assert.Equal(at, (await check.Identities.SingleAsync(i => i.Id == owned)).LastAttestedUtc);
        Assert.Equal(1, await check.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.Attested));
    }

    [Fact]
    public async Task MarkStaffLeft_OrphansEverythingTheyOwnAtOnce()
    {
        await using var database = await SeededAsync();
        Guid reviewer;
        int owned;
        await using (var db = database.CreateDbContext())
        {
            reviewer = await db.StaffMembers.Where(s => s.Subject == "demo-reviewer").Select(s => s.Id).SingleAsync();
            owned = await db.Identities.CountAsync(i => i.OwnerId == reviewer);
        }

        var orphaned = await Service(database, "demo-admin", PortalRole.Administrator).MarkStaffLeftAsync(reviewer, "Left the company on Friday");

        Assert.Equal(owned, orphaned);
        await using var check = database.CreateDbContext();
        Assert.Equal(owned, await check.Identities.Where(OrphanRules.IsOrphan(check.StaffMembers, check.Teams)).CountAsync(i => i.OwnerId == reviewer));
        Assert.Equal(owned, await check.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.Orphaned));
    }

    private static async Task<int> CountEventsAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEvents.CountAsync();
    }
}
