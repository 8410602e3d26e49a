using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Common;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Notifications;

/// <summary>Reads and marks the caller's notifications; the recipient is always the caller, never a parameter.</summary>
public sealed class NotificationInbox(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock) : INotificationInbox
{
    public async Task<IReadOnlyList<NotificationRow>> GetMineAsync(bool unreadOnly, int take = 50, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = await MineAsync(db, ct);
        if (unreadOnly)
        {
            query = query.Where(n => n.ReadUtc == null);
        }
        return await query.OrderByDescending(n => n.Id).Take(Math.Clamp(take, 1, 500))
            .Select(n => new NotificationRow(n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedUtc, n.ReadUtc != null))
            .ToListAsync(ct);
    }

    public async Task<int> CountUnreadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (await MineAsync(db, ct)).CountAsync(n => n.ReadUtc == null, ct);
    }

    public async Task MarkReadAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await (await MineAsync(db, ct)).Where(n => n.Id == id && n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), ct);
        if (changed == 0 && !await (await MineAsync(db, ct)).AnyAsync(n => n.Id == id, ct))
        {
            // Someone else's notification looks exactly like a missing one.
            throw new NotFoundException($"Notification {id}");
        }
    }

    public async Task<int> MarkAllReadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await (await MineAsync(db, ct)).Where(n => n.ReadUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), ct);
    }

    private async Task<IQueryable<Notification>> MineAsync(NhiPortalDbContext db, CancellationToken ct)
    {
        var user = await currentUser.GetAsync();
        // Notifications name credentials, identities, stores and expiry dates: the no-access rule covers them too.
        user.Demand(Capability.ReceiveNotifications);
        var staffId = await db.StaffMembers.IdOfAsync(user.Subject, activeOnly: false, ct);
        return staffId is { } id ? db.Notifications.Where(n => n.RecipientId == id) : db.Notifications.Where(n => false);
    }
}
