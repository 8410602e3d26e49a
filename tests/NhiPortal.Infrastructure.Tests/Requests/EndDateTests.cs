using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Connectors;
using NhiPortal.Infrastructure.Requests;
using NhiPortal.Infrastructure.Tests.Leaks;

namespace NhiPortal.Infrastructure.Tests.Requests;

/// <summary>An NHI's planned end: reminders before it, moved by its owner, and decommissioning when it is reached.</summary>
public class EndDateTests
{
    private static readonly PortalUser Sam = new("demo-operator", "Sam Operator", null, new HashSet<PortalRole> { PortalRole.SecurityOperator });

    private static DateOnly Today(TestDatabase database) => DateOnly.FromDateTime(database.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Two identities with active credentials: one whose stores all have a connector, one with a credential where none reaches.</summary>
    private static async Task<(Guid Served, Guid Unserved, string[] Stores)> IdentitiesAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        var active = await db.Credentials.Where(c => c.State == CredentialState.Active && c.IdentityId != null
                && c.Identity!.LifecycleState == IdentityLifecycleState.Active && c.Identity.Owner != null && c.Identity.Owner.IsActive)
            .Select(c => new { Identity = c.IdentityId!.Value, c.Store }).ToListAsync();
        var byIdentity = active.GroupBy(c => c.Identity).OrderBy(g => g.Key).ToList();
        var served = byIdentity.First(g => g.Count() >= 2);
        var stores = served.Select(c => c.Store).Distinct().ToArray();
        var unserved = byIdentity.First(g => g.Key != served.Key && g.Any(c => !stores.Contains(c.Store)));
        return (served.Key, unserved.Key, stores);
    }

    [Fact]
    public async Task TheOwnerIsRemindedBeforeThePlannedEnd_OncePerStage_AndAMovedEndIsRemindedAfresh()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var (identity, _, _) = await IdentitiesAsync(database);
        await portal.As<IIdentityEndDateChanger>(Sam).ChangeAsync(identity, Today(database).AddDays(20), "Migration ends this quarter");
        var reminders = portal.Get<EndDateReminderRun>();

        Assert.Equal(1, await reminders.CreateDueAsync());
        Assert.Equal(0, await reminders.CreateDueAsync());
        database.Clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal(1, await reminders.CreateDueAsync());
        await portal.As<IIdentityEndDateChanger>(Sam).ChangeAsync(identity, Today(database).AddDays(3), "Cut-over moved forward");
        Assert.Equal(1, await reminders.CreateDueAsync());

        await using var db = database.CreateDbContext();
        var notes = await db.Notifications.Where(n => n.Kind == NotificationKinds.IdentityEnding).Select(n => n.DedupKey).ToListAsync();
        Assert.Equal(3, notes.Count);
        Assert.Equal(3, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.EndDateReminderSent && a.TargetId == Infrastructure.Audit.AuditWriter.TargetKey(identity)));
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.EndDateChanged && a.TargetId == Infrastructure.Audit.AuditWriter.TargetKey(identity)));
    }

    [Fact]
    public async Task AnOwnerMovesTheirOwnNhisEnd_ButNobodyElses_AndNeverPastTheLimitOrOnADecommissionedOne()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await using var portal = new TestPortal(database);
        var (identity, other, _) = await IdentitiesAsync(database);
        string owner, otherOwner;
        await using (var db = database.CreateDbContext())
        {
            owner = await db.Identities.Where(i => i.Id == identity).Select(i => i.Owner!.Subject).SingleAsync();
            otherOwner = await db.Identities.Where(i => i.Id == other).Select(i => i.Owner!.Subject).SingleAsync();
        }
        var asOwner = portal.As<IIdentityEndDateChanger>(new PortalUser(owner, "The owner", null, new HashSet<PortalRole> { PortalRole.Reviewer }));
        var today = Today(database);

        await asOwner.ChangeAsync(identity, today.AddDays(60), "Still serves the reporting job");
        if (otherOwner != owner)
        {
            await Assert.ThrowsAsync<NotFoundException>(() => asOwner.ChangeAsync(other, today.AddDays(60), "Not mine to move"));
        }
        await Assert.ThrowsAsync<ValidationException>(() => asOwner.ChangeAsync(identity, today.AddDays(IdentityEndDate.MaxAheadDays + 1), "Forever, please"));
        await Assert.ThrowsAsync<ValidationException>(() => asOwner.ChangeAsync(identity, today.AddDays(30), ""));
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(IdentityEndDate.EndOf(today.AddDays(60)), (await db.Identities.SingleAsync(i => i.Id == identity)).EndsUtc);
            await db.Identities.Where(i => i.Id == identity).ExecuteUpdateAsync(s => s.SetProperty(i => i.LifecycleState, IdentityLifecycleState.Decommissioned));
        }
        var closed = await Assert.ThrowsAsync<ValidationException>(() => portal.As<IIdentityEndDateChanger>(Sam).ChangeAsync(identity, today.AddDays(10), "Reopen it"));
        Assert.Contains("decommissioned", closed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AtThePlannedEnd_TheIdentityIsDecommissionedThroughItsConnectors_Once_ButOneWithACredentialNoConnectorReaches_StaysOpenAndItsOwnerIsTold()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var (served, unserved, stores) = await IdentitiesAsync(database);
        var connectors = stores.Select(s => new InstantConnector(s)).ToList();
        await using var portal = new TestPortal(database, new ConnectorRegistry([.. connectors]));
        var today = Today(database);
        await portal.As<IIdentityEndDateChanger>(Sam).ChangeAsync(served, today, "Workload retired today");
        await portal.As<IIdentityEndDateChanger>(Sam).ChangeAsync(unserved, today, "Workload retired today");
        var run = portal.Get<EndDateRun>();
        int activeBefore;
        await using (var before = database.CreateDbContext())
        {
            activeBefore = await before.Credentials.CountAsync(c => c.IdentityId == served && c.State == CredentialState.Active);
        }

        Assert.Equal(0, await run.MarkReachedAsync());
        database.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(2, await run.MarkReachedAsync());
        Assert.Equal(0, await run.MarkReachedAsync());
        await portal.DrainAsync();

        await using var db = database.CreateDbContext();
        var closed = await db.Identities.SingleAsync(i => i.Id == served);
        Assert.Equal(IdentityLifecycleState.Decommissioned, closed.LifecycleState);
        var decommissionRun = await db.RevocationRuns.SingleAsync(r => r.IdentityId == served);
        Assert.StartsWith("system:end-dates", decommissionRun.RequestedBy, StringComparison.Ordinal);
        Assert.Equal(activeBefore, await db.RevocationSteps.CountAsync(s => s.RunId == decommissionRun.Id));
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.Decommissioned && a.TargetId == Infrastructure.Audit.AuditWriter.TargetKey(served)));
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.EndDateReached));

        var open = await db.Identities.SingleAsync(i => i.Id == unserved);
        Assert.NotEqual(IdentityLifecycleState.Decommissioned, open.LifecycleState);
        Assert.False(await db.RevocationRuns.AnyAsync(r => r.IdentityId == unserved));
        var told = await db.Notifications.SingleAsync(n => n.RecipientId == open.OwnerId && n.DedupKey.EndsWith(":refused"));
        Assert.Contains("no connector", told.Body, StringComparison.Ordinal);
    }
}
