using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Audit;

/// <summary>Who made the latest change of a kind to a target, from its audit events: what an edit conflict tells the second person.</summary>
internal static class LastChange
{
    /// <summary>"Ada Adminson at 2026-11-23 09:00 UTC" (a system actor: whom it acted for), or "someone else" when no event is found.</summary>
    public static async Task<string> DescribeAsync(NhiPortalDbContext db, AuditStream stream, string targetType, string targetId,
        IReadOnlyCollection<string> types, CancellationToken ct)
    {
        var last = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Stream == stream && a.TargetType == targetType && a.TargetId == targetId && types.Contains(a.Type))
            .OrderByDescending(a => a.Id).Select(a => new { a.Actor, a.OnBehalfOf, a.OccurredUtc }).FirstOrDefaultAsync(ct);
        return last is null ? "someone else" : $"{await NameAsync(db, last.Actor, last.OnBehalfOf, ct)} at {last.OccurredUtc:yyyy-MM-dd HH:mm} UTC";
    }

    public static async Task<string> NameAsync(NhiPortalDbContext db, string subject, string? onBehalfOf, CancellationToken ct) =>
        onBehalfOf is not null
            ? $"NhiPortal on behalf of {onBehalfOf}"
            : await db.StaffMembers.AsNoTracking().Where(s => s.Subject == subject).Select(s => s.DisplayName).FirstOrDefaultAsync(ct) ?? subject;
}
