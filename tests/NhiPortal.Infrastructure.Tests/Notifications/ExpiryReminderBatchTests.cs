using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Notifications;

namespace NhiPortal.Infrastructure.Tests.Notifications;

public class ExpiryReminderBatchTests
{
    [Fact]
    public async Task CreateDue_InSeveralBatches_RemindsEachDueCredentialOnce_WithItsEvent_AndTheChainVerifies()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        List<string> expectedKeys;
        await using (var db = database.CreateDbContext())
        {
            var candidates = await db.Credentials.Where(c => c.State == CredentialState.Active && c.ExpiresUtc > now
                    && c.Identity != null && c.Identity.Owner != null && c.Identity.Owner.IsActive)
                .Select(c => new { c.Id, Expires = c.ExpiresUtc!.Value }).ToListAsync();
            expectedKeys = candidates.Select(c => (c, Stage: ExpiryReminders.StageDue(c.Expires, now, 30))).Where(x => x.Stage is not null)
                .Select(x => ExpiryReminders.DedupKey(x.c.Id, x.c.Expires, x.Stage!.Value)).ToList();
        }
        const int batch = 3;
        Assert.True(expectedKeys.Count > 3 * batch, $"only {expectedKeys.Count} due");
        var run = new ExpiryReminderRun(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock) { BatchSize = batch };

        Assert.Equal(expectedKeys.Count, await run.CreateDueAsync());
        Assert.Equal(0, await run.CreateDueAsync());

        await using var check = database.CreateDbContext();
        Assert.Equal(expectedKeys.Order(), (await check.Notifications.Select(n => n.DedupKey).ToListAsync()).Order());
        var events = await check.AuditEvents.Where(e => e.Type == AuditEventTypes.Credential.ExpiryReminderSent).ToListAsync();
        Assert.Equal(expectedKeys.Count, events.Count);
        Assert.All(events, e => Assert.True(database.ChainKey.IsGenuine(e)));
        Assert.All(events, e => Assert.Equal(("system:expiry-reminders", AuditStream.Credential, "Credential"), (e.Actor, e.Stream, e.TargetType)));
        Assert.Equal(expectedKeys.Count, events.Select(e => e.TargetId).Distinct().Count());
        var portal = TestPortal.For(database);
        await portal.Get<AuditChainSealer>().SealAsync();
        var verified = await portal.Get<AuditChainVerifier>().VerifyAsync();
        Assert.True(verified.Intact, verified.Describe());
    }
}
