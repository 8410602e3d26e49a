using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Notifications;

namespace NhiPortal.Infrastructure.Tests.Notifications;

public class NotificationTests
{
    /// <summary>Gives one owned, active credential an expiry <paramref name="fromNow"/> ahead and returns it with its owner.</summary>
    private static async Task<(Guid Credential, Guid Owner, string OwnerSubject)> ExpiringCredentialAsync(TestDatabase database, TimeSpan fromNow)
    {
        await using var db = database.CreateDbContext();
        var now = database.Clock.GetUtcNow().UtcDateTime;
        // Nothing else may be inside the window, so each test counts only its own reminder.
        await db.Credentials.Where(c => c.ExpiresUtc > now && c.ExpiresUtc < now.AddDays(60)).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresUtc, now.AddDays(400)));
        var pick = await db.Credentials
            .Where(c => c.State == CredentialState.Active && !c.IsDynamic && c.Identity != null && c.Identity.Owner != null && c.Identity.Owner.IsActive && c.Identity.Owner.Email != null)
            .Select(c => new { c.Id, Owner = c.Identity!.OwnerId!.Value, c.Identity.Owner!.Subject })
            .FirstAsync();
        await db.Credentials.Where(c => c.Id == pick.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresUtc, now + fromNow));
        return (pick.Id, pick.Owner, pick.Subject);
    }

    [Fact]
    public async Task ExpiryReminders_CreateOneReminderPerStage_ForTheOwner_AndAuditIt()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var (credential, owner, _) = await ExpiringCredentialAsync(database, TimeSpan.FromDays(6));
        var run = new ExpiryReminderRun(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock);

        Assert.Equal(1, await run.CreateDueAsync());
        Assert.Equal(0, await run.CreateDueAsync());

        await using (var db = database.CreateDbContext())
        {
            var reminder = await db.Notifications.SingleAsync();
            Assert.Equal(owner, reminder.RecipientId);
            Assert.Contains("expires in 6 days", reminder.Title, StringComparison.Ordinal);
            Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Type == AuditEventTypes.Credential.ExpiryReminderSent && a.TargetId == AuditWriter.TargetKey(credential)));
        }

        // Six days later the one-day stage is due: a second, distinct reminder.
        database.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(2));
        Assert.Equal(1, await run.CreateDueAsync());
        // Past expiry there is nothing left to remind.
        database.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await run.CreateDueAsync());
    }

    [Fact]
    public async Task ExpiryReminders_SkipCredentialsWhoseOwnerHasLeft()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var (_, owner, _) = await ExpiringCredentialAsync(database, TimeSpan.FromDays(3));
        await using (var db = database.CreateDbContext())
        {
            await db.StaffMembers.Where(s => s.Id == owner).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false));
        }

        Assert.Equal(0, await new ExpiryReminderRun(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock).CreateDueAsync());
    }

    [Fact]
    public async Task Mailer_SendsPendingNotificationsThroughSmtp_Once()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await ExpiringCredentialAsync(database, TimeSpan.FromDays(20));
        await new ExpiryReminderRun(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock).CreateDueAsync();
        await using var sink = new SmtpSink();
        var mailer = new NotificationMailer(database, new SmtpEmailSender(new SmtpSettings { Host = "127.0.0.1", Port = sink.Port, UseTls = false }),
            database.Clock, NullLogger<NotificationMailer>.Instance);

        Assert.Equal((1, 0), await mailer.SendPendingAsync());
        Assert.Equal((0, 0), await mailer.SendPendingAsync());

        var message = Assert.Single(sink.Messages);
        await using var db = database.CreateDbContext();
        var email = await db.Notifications.Join(db.StaffMembers, n => n.RecipientId, s => s.Id, (n, s) => s.Email).SingleAsync();
        Assert.Equal([email!], message.To);
        Assert.Contains("Subject: [NhiPortal]", message.Data, StringComparison.Ordinal);
        Assert.NotNull((await db.Notifications.SingleAsync()).EmailedUtc);
    }

    [Fact]
    public async Task Mailer_RecordsARefusal_AndRetriesLater()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        await ExpiringCredentialAsync(database, TimeSpan.FromDays(20));
        await new ExpiryReminderRun(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock).CreateDueAsync();
        await using var sink = new SmtpSink(refuseRecipients: true);
        var mailer = new NotificationMailer(database, new SmtpEmailSender(new SmtpSettings { Host = "127.0.0.1", Port = sink.Port, UseTls = false }),
            database.Clock, NullLogger<NotificationMailer>.Instance);

        Assert.Equal((0, 1), await mailer.SendPendingAsync());

        await using var db = database.CreateDbContext();
        var notification = await db.Notifications.SingleAsync();
        Assert.Null(notification.EmailedUtc);
        Assert.Equal(1, notification.EmailAttempts);
        Assert.Contains("mailbox unavailable", notification.EmailError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inbox_ShowsAndMarksOnlyTheCallersOwnNotifications()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await database.SeedDemoAsync();
        var (_, _, ownerSubject) = await ExpiringCredentialAsync(database, TimeSpan.FromDays(2));
        await new ExpiryReminderRun(database, new AuditWriter(database.Clock, database.ChainKey), database.Clock).CreateDueAsync();
        var mine = new NotificationInbox(database, FixedCurrentUser.As(ownerSubject, PortalRole.Reviewer), database.Clock);
        var someoneElse = new NotificationInbox(database, FixedCurrentUser.As("demo-auditor", PortalRole.Auditor), database.Clock);

        var row = Assert.Single(await mine.GetMineAsync(unreadOnly: true));
        Assert.Empty(await someoneElse.GetMineAsync(unreadOnly: false));
        await Assert.ThrowsAsync<NotFoundException>(() => someoneElse.MarkReadAsync(row.Id));
        Assert.Equal(1, await mine.CountUnreadAsync());

        await mine.MarkReadAsync(row.Id);

        Assert.Equal(0, await mine.CountUnreadAsync());
        Assert.True(Assert.Single(await mine.GetMineAsync(unreadOnly: false)).IsRead);
    }
}
