using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Notifications;

namespace NhiPortal.Infrastructure.Tests.Notifications;

/// <summary>Attestation reminders under the policy's window (90 days by default): 14 and 3 days before the lapse, once each.</summary>
public class AttestationReminderTests
{
    [Fact]
    public async Task AnAttestationNearItsLapse_RemindsItsOwnerAtEachStageOnce_AndNotAfterTheLapse_NorForALeaverOrADecommissionedIdentity()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        Guid identity, owner, leaverOwned, decommissioned;
        await using (var db = database.CreateDbContext())
        {
            // Every attestation fresh, then three lapsing in ten days: one to remind, one whose owner left, one decommissioned.
            await db.Identities.ExecuteUpdateAsync(s => s.SetProperty(i => i.LastAttestedUtc, now));
            var owned = await db.Identities.Where(i => i.LifecycleState == IdentityLifecycleState.Active && i.Owner != null && i.Owner.IsActive)
                .OrderBy(i => i.Name).Select(i => new { i.Id, Owner = i.OwnerId!.Value }).Take(60).ToListAsync();
            (identity, owner) = (owned[0].Id, owned[0].Owner);
            var other = owned.First(o => o.Owner != owner);
            leaverOwned = other.Id;
            decommissioned = owned.First(o => o.Owner != owner && o.Owner != other.Owner).Id;
            var lapsing = new[] { identity, leaverOwned, decommissioned };
            await db.Identities.Where(i => lapsing.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.LastAttestedUtc, now.AddDays(-80)));
            await db.StaffMembers.Where(m => m.Id == other.Owner).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false));
            await db.Identities.Where(i => i.Id == decommissioned).ExecuteUpdateAsync(s => s.SetProperty(i => i.LifecycleState, IdentityLifecycleState.Decommissioned));
        }
        var run = new AttestationReminderRun(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock);

        Assert.Equal(1, await run.CreateDueAsync());
        Assert.Equal(0, await run.CreateDueAsync());
        await using (var db = database.CreateDbContext())
        {
            var reminder = await db.Notifications.SingleAsync();
            Assert.Equal((owner, NotificationKinds.AttestationLapsing, $"/identities/{identity}"), (reminder.RecipientId, reminder.Kind, reminder.Link));
            Assert.Contains("within 10 days", reminder.Title, StringComparison.Ordinal);
            Assert.Contains("every 90 days", reminder.Body, StringComparison.Ordinal);
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Identity.AttestationReminderSent && a.TargetId == AuditWriter.TargetKey(identity)));
        }

        // Eight days on, the three-day stage: a second reminder; past the lapse, none (the badge and the score take over).
        database.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(1, await run.CreateDueAsync());
        database.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await run.CreateDueAsync());
        await using var check = database.CreateDbContext();
        Assert.Equal(2, await check.Notifications.CountAsync(n => n.RecipientId == owner));
        Assert.Equal(2, await check.Notifications.CountAsync());
    }
}
