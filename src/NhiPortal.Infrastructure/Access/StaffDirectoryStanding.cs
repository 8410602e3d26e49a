using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Access;

public sealed class StaffDirectoryStanding(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit) : IStaffDirectoryStanding
{
    public async Task<bool> HasLeftAsync(string subject, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StaffMembers.AnyAsync(s => s.Subject == subject && !s.IsActive, ct);
    }

    public async Task RecordSessionRefusedAsync(PortalUser user, string where, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var memberId = await db.StaffMembers.Where(s => s.Subject == user.Subject).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.Refused, user, "StaffMember",
            memberId is { } id ? AuditWriter.TargetKey(id) : null,
            $"{user.DisplayName}'s session ended ({where}): marked as having left the organisation in the staff directory");
        await db.SaveChangesAsync(ct);
    }
}
