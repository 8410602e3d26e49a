using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Requests;
using NhiPortal.Infrastructure.Access;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Requests;

/// <summary>
/// Moves an NHI's planned end: an operator for any identity, its owner for their own. One conditional update (a change
/// made meanwhile is not overwritten) with its event; a moved end is reminded and acted on afresh.
/// </summary>
public sealed class IdentityEndDateChanger(IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock)
    : IIdentityEndDateChanger
{
    public async Task ChangeAsync(Guid identityId, DateOnly endsOn, string reason, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        var everything = user.Can(Capability.ManageOwnership);
        if (!everything)
        {
            user.Demand(Capability.RequestIdentities);
        }
        reason = Reasons.Require(reason, "Say why the end moves; it is recorded in the audit log");
        var now = clock.GetUtcNow().UtcDateTime;
        if (IdentityEndDate.Problem(endsOn, now) is { } problem)
        {
            throw new ValidationException(problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identity = await db.Identities.AsNoTracking().Where(i => i.Id == identityId)
            .Select(i => new { i.Name, i.OwnerId, i.EndsUtc, i.LifecycleState, i.Version }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Identity");
        if (!everything && (identity.OwnerId is null || identity.OwnerId != await db.StaffMembers.IdOfAsync(user.ScopeSubject, activeOnly: true, ct)))
        {
            // Someone else's identity looks like no identity at all to an owner.
            throw new NotFoundException("Identity");
        }
        if (identity.LifecycleState == IdentityLifecycleState.Decommissioned)
        {
            throw new ValidationException("A decommissioned identity has ended: it has no planned end to move.");
        }
        var ends = IdentityEndDate.EndOf(endsOn);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await db.Identities.Where(i => i.Id == identityId && i.Version == identity.Version && i.LifecycleState != IdentityLifecycleState.Decommissioned)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.EndsUtc, ends).SetProperty(i => i.EndReachedUtc, (DateTime?)null)
                .SetProperty(i => i.Version, i => i.Version + 1), ct);
        if (changed == 0)
        {
            throw new EditConflictException("The identity changed meanwhile; reload it and look again.");
        }
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.EndDateChanged, user, "Identity", AuditWriter.TargetKey(identityId),
            $"{identity.Name}: planned end {(identity.EndsUtc is { } before ? $"moved from {IdentityEndDate.DayOf(before):yyyy-MM-dd}" : "set")} to {endsOn:yyyy-MM-dd} by {user.DisplayName}. Reason: {reason}",
            new { identity.EndsUtc }, new { EndsUtc = ends, Reason = reason });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
