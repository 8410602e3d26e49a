using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Notifications;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Notifications;

namespace NhiPortal.Infrastructure.Requests;

/// <summary>
/// Reminds an NHI's active owner that its planned end comes (30, 7 and 1 days ahead, the nearest stage due): move
/// the end if it is still needed, or let it be decommissioned. One reminder per identity, end and stage, each an event.
/// </summary>
public sealed class EndDateReminderRun(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock)
{
    private static readonly PortalUser Job = PortalUser.System("end-date-reminders");

    internal int BatchSize { get; init; } = 1_000;

    public async Task<int> CreateDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var horizon = now.AddDays(IdentityEndDate.ReminderWindowDays);
        List<Due> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = (await db.Identities.AsNoTracking()
                    .Where(i => i.EndsUtc > now && i.EndsUtc <= horizon && i.LifecycleState != IdentityLifecycleState.Decommissioned && i.Owner != null && i.Owner.IsActive)
                    .Select(i => new Due(i.Id, i.Name, i.EndsUtc!.Value, i.OwnerId!.Value, ""))
                    .ToListAsync(ct))
                .Select(i => (i, Stage: ExpiryReminders.StageDue(i.Ends, now, IdentityEndDate.ReminderWindowDays)))
                .Where(x => x.Stage is not null)
                .Select(x => x.i with { Key = IdentityEndDate.ReminderKey(x.i.Id, x.i.Ends, x.Stage!.Value) })
                .ToList();
        }
        var created = 0;
        foreach (var batch in due.Chunk(BatchSize))
        {
            created += await ReminderBatch.WriteAsync(dbFactory, batch, i => i.Key, i => Reminder(i, now), ct);
        }
        return created;
    }

    private (Notification, AuditEvent) Reminder(Due i, DateTime now)
    {
        var left = ExpiryReminders.Describe(i.Ends - now);
        var day = IdentityEndDate.DayOf(i.Ends);
        return (new Notification
        {
            RecipientId = i.OwnerId, Kind = NotificationKinds.IdentityEnding, Title = $"{i.Name} ends in {left}",
            Body = $"{i.Name} is planned to end on {day:yyyy-MM-dd}. Then it is decommissioned: every credential revoked through its connector. "
                + "If it is still needed, move its end date on its page.",
            Link = $"/identities/{i.Id}", DedupKey = i.Key, CreatedUtc = now,
        }, audit.Create(AuditStream.Identity, AuditEventTypes.Identity.EndDateReminderSent, Job, "Identity", AuditWriter.TargetKey(i.Id),
            $"{i.Name}: owner reminded that it ends in {left}", after: new { EndsUtc = i.Ends }));
    }

    private sealed record Due(Guid Id, string Name, DateTime Ends, Guid OwnerId, string Key);
}
