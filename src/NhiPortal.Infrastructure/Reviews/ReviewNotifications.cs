using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Notifications;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Reviews;

/// <summary>In-portal notices of the review feature, written in the caller's transaction; one per key, so a repeated tick never notifies twice.</summary>
internal static class ReviewNotifications
{
    public sealed record Notice(Guid Recipient, string Kind, string DedupKey, string Title, string Body, string Link);

    public static void Notify(NhiPortalDbContext db, Guid recipient, string kind, string dedupKey, string title, string body, string link, DateTime now)
    {
        if (db.Notifications.Local.Any(n => n.DedupKey == dedupKey) || db.Notifications.Any(n => n.DedupKey == dedupKey))
        {
            return;
        }
        db.Notifications.Add(new Notification { RecipientId = recipient, Kind = kind, Title = title, Body = body, Link = link, DedupKey = dedupKey, CreatedUtc = now });
    }

    /// <summary>Many notices at once (one per reviewer of a large campaign): the keys already sent are read in one query per chunk.</summary>
    public static async Task NotifyManyAsync(NhiPortalDbContext db, IReadOnlyList<Notice> notices, DateTime now, CancellationToken ct)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in notices.Select(n => n.DedupKey).Chunk(2_000))
        {
            sent.UnionWith(await db.Notifications.Where(n => chunk.Contains(n.DedupKey)).Select(n => n.DedupKey).ToListAsync(ct));
        }
        db.Notifications.AddRange(notices.Where(n => sent.Add(n.DedupKey)).Select(n => new Notification
        {
            RecipientId = n.Recipient, Kind = n.Kind, Title = n.Title, Body = n.Body, Link = n.Link, DedupKey = n.DedupKey, CreatedUtc = now,
        }));
    }
}
