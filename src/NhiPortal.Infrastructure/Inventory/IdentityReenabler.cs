using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Inventory;

/// <summary>
/// Re-enables a disabled identity: the capability to revoke is the one to lift a containment. The state moves only
/// from Disabled (one conditional update, so a concurrent change is not overwritten), with the event and a rescore
/// follow-up in the same transaction. It changes the portal's record only: a discovery source that still observes the
/// account disabled where it runs disables it again at its next sync, as that is where the truth is.
/// </summary>
public sealed class IdentityReenabler(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, FollowUps followUps) : IIdentityReenabler
{
    public async Task ReenableAsync(Guid identityId, string reason, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.Revoke);
        if (Reasons.Problem(reason, "Give the reason the identity may run again; it is recorded in the audit log") is { } problem)
        {
            throw new ValidationException(problem);
        }
        reason = reason.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identity = await db.Identities.AsNoTracking().Where(i => i.Id == identityId).Select(i => new { i.Name, i.LifecycleState }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Identity");
        if (IdentityLifecycleRules.ReenableProblem(identity.LifecycleState) is { } refused)
        {
            throw new ValidationException(refused);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Identities.Where(i => i.Id == identityId && i.LifecycleState == IdentityLifecycleState.Disabled)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.LifecycleState, IdentityLifecycleState.Active).SetProperty(i => i.StateFromSource, false)
                .SetProperty(i => i.Version, i => i.Version + 1), ct);
        if (changed == 0)
        {
            throw new ValidationException("The identity changed meanwhile; reload it and look again.");
        }
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Reenabled, user, "Identity", AuditWriter.TargetKey(identityId),
            $"{identity.Name}: re-enabled by {user.DisplayName}. Reason: {reason}", new { State = nameof(IdentityLifecycleState.Disabled) },
            new { State = nameof(IdentityLifecycleState.Active), Reason = reason });
        followUps.Rescore(db, user, [identityId], "identity re-enabled");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
