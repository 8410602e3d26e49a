using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Notifications;

/// <summary>
/// Sends the e-mail of every notification not yet mailed, at most <see cref="MaxAttempts"/> times each; a failure is
/// recorded on the notification (shown to operators) and retried on the next run.
/// </summary>
public sealed class NotificationMailer(IDbContextFactory<NhiPortalDbContext> dbFactory, IEmailSender sender, TimeProvider clock,
    ILogger<NotificationMailer> logger)
{
    public const int MaxAttempts = 5;
    private const int Batch = 200;

    public async Task<(int Sent, int Failed)> SendPendingAsync(CancellationToken ct = default)
    {
        if (!sender.IsConfigured)
        {
            return (0, 0);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await db.Notifications
            .Where(n => n.EmailedUtc == null && n.EmailAttempts < MaxAttempts)
            .Join(db.StaffMembers.Where(s => s.Email != null && s.IsActive), n => n.RecipientId, s => s.Id, (n, s) => new { n, s.Email })
            .OrderBy(x => x.n.Id).Take(Batch).ToListAsync(ct);
        int sent = 0, failed = 0;
        foreach (var item in pending)
        {
            var notification = item.n;
            notification.EmailAttempts++;
            try
            {
                var link = notification.Link is null ? "" : $"\n\nOpen in the portal: {notification.Link}";
                await sender.SendAsync(new EmailMessage(item.Email!, $"[NhiPortal] {notification.Title}", notification.Body + link), ct);
                notification.EmailedUtc = clock.GetUtcNow().UtcDateTime;
                notification.EmailError = null;
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                notification.EmailError = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
                failed++;
                logger.LogWarning("E-mail for notification {Id} failed (attempt {Attempt}): {Error}", notification.Id, notification.EmailAttempts, ex.Message);
            }
            await db.SaveChangesAsync(ct);
        }
        return (sent, failed);
    }
}
