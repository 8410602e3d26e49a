using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Ownership;
using NhiPortal.Core.Reviews;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Access;

/// <summary>A sign-in keeps the staff directory current (joiners appear on first sign-in) and is audited.</summary>
public sealed class SignInRecorder(
    IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock) : ISignInRecorder
{
    public async Task RecordSignInAsync(PortalUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Subject == user.Subject, ct);
        if (member is null)
        {
            member = new StaffMember { Subject = user.Subject, DisplayName = user.DisplayName, Email = user.Email };
            db.StaffMembers.Add(member);
            audit.Append(db, AuditStream.Access, AuditEventTypes.Access.StaffMemberJoined, user, "StaffMember",
                AuditWriter.TargetKey(member.Id), $"{user.DisplayName} joined the staff directory on first sign-in");
        }
        member.DisplayName = user.DisplayName;
        member.Email = user.Email ?? member.Email;
        member.LastSignInUtc = clock.GetUtcNow().UtcDateTime;
        // Kept so rules that run while the person is away (who may decide a review item) know what the IdP granted last.
        member.PortalRoles = ReviewerCandidate.Store(user.Roles);
        var roles = user.HasAnyRole ? string.Join(", ", user.Roles.Order()) : "no portal role";
        audit.Append(db, AuditStream.Access,
            user.HasAnyRole ? AuditEventTypes.Access.SignedIn : AuditEventTypes.Access.Refused,
            user, "StaffMember", AuditWriter.TargetKey(member.Id), $"{user.DisplayName} signed in ({roles})");
        await db.SaveChangesAsync(ct);
    }

    public async Task RecordSignOutAsync(PortalUser user, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.SignedOut, user, "StaffMember", null,
            $"{user.DisplayName} signed out");
        await db.SaveChangesAsync(ct);
    }
}
