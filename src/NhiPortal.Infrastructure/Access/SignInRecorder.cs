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
        if (member is { IsActive: false })
        {
            // The directory outranks the IdP: someone marked as left is refused (the handler turns them away) and their
            // row stays as the directory left it.
            audit.Append(db, AuditStream.Access, AuditEventTypes.Access.Refused, user, "StaffMember", AuditWriter.TargetKey(member.Id),
                $"{user.DisplayName} was refused at sign-in: marked as having left the organisation in the staff directory");
            await db.SaveChangesAsync(ct);
            return;
        }
        var email = await UnclaimedEmailAsync(db, user, ct);
        if (member is null)
        {
            member = new StaffMember { Subject = user.Subject, DisplayName = user.DisplayName, Email = email };
            db.StaffMembers.Add(member);
            audit.Append(db, AuditStream.Access, AuditEventTypes.Access.StaffMemberJoined, user, "StaffMember",
                AuditWriter.TargetKey(member.Id), $"{user.DisplayName} joined the staff directory on first sign-in");
        }
        member.DisplayName = user.DisplayName;
        member.Email = email ?? member.Email;
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

    /// <summary>
    /// The sign-in's (verified) email, unless another staff member already has it: imports match owners by email, so a
    /// second person with the same address would take over the first one's matches.
    /// </summary>
    private static async Task<string?> UnclaimedEmailAsync(NhiPortalDbContext db, PortalUser user, CancellationToken ct)
    {
        if (user.Email is not { } email)
        {
            return null;
        }
        var lower = email.ToLowerInvariant();
        var taken = await db.StaffMembers.AnyAsync(s => s.Subject != user.Subject && s.Email != null && s.Email.ToLower() == lower, ct);
        return taken ? null : email;
    }
}
