using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Notifications;

/// <summary>
/// One batch of due reminders written in one transaction: those whose dedup key has no notification yet become a
/// notification and an audit event each (the events by the provider's bulk path). Returns how many were new.
/// </summary>
internal static class ReminderBatch
{
    public static async Task<int> WriteAsync<T>(IDbContextFactory<NhiPortalDbContext> dbFactory, IReadOnlyCollection<T> batch, Func<T, string> key,
        Func<T, (Notification Notification, AuditEvent Event)> reminder, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var keys = batch.Select(key).ToList();
        var sent = (await db.Notifications.Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey).ToListAsync(ct)).ToHashSet();
        var events = new List<AuditEvent>(batch.Count);
        foreach (var due in batch.Where(d => !sent.Contains(key(d))))
        {
            var (notification, audit) = reminder(due);
            db.Notifications.Add(notification);
            events.Add(audit);
        }
        if (events.Count == 0)
        {
            return 0;
        }
        await db.SaveChangesAsync(ct);
        await AuditWriter.AppendManyAsync(db, events, ct: ct);
        await transaction.CommitAsync(ct);
        return events.Count;
    }
}
