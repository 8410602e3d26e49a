using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>In-portal notices of the review feature, written in the caller's transaction; one per key, so a repeated tick never notifies twice.</summary>
internal static class ReviewNotifications
{
    public static void Notify(NhiPortalDbContext db, Guid recipient, string kind, string dedupKey, string title, string body, string link, DateTime now)
    {
        if (db.Notifications.Local.Any(n => n.DedupKey == dedupKey) || db.Notifications.Any(n => n.DedupKey == dedupKey))
        {
            return;
        }
        db.Notifications.Add(new Notification { RecipientId = recipient, Kind = kind, Title = title, Body = body, Link = link, DedupKey = dedupKey, CreatedUtc = now });
    }
}
