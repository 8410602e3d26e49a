using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>
/// The leaver step inside a revocation run's transaction: the identity becomes Decommissioned (a person's decision,
/// so a source listing it enabled is a conflict, never an override) and the event names the run that revokes its
/// credentials.
/// </summary>
internal static class IdentityDecommission
{
    public static void Apply(NhiPortalDbContext db, AuditWriter audit, NonHumanIdentity identity, PortalUser actor, string reason, Guid runId, string correlation)
    {
        var before = identity.LifecycleState;
        identity.LifecycleState = IdentityLifecycleState.Decommissioned;
        db.Entry(identity).Property(i => i.LifecycleState).IsModified = true;
        identity.StateFromSource = false;
        db.Entry(identity).Property(i => i.StateFromSource).IsModified = true;
        // Checked against the version read: an owner change made meanwhile refuses the run rather than being lost.
        identity.Version++;
        db.Entry(identity).Property(i => i.Version).IsModified = true;
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Decommissioned, actor, "Identity", AuditWriter.TargetKey(identity.Id),
            $"{identity.Name}: decommissioned; its credentials are revoked by the run. Reason: {reason}",
            new { State = before.ToString() }, new { State = nameof(IdentityLifecycleState.Decommissioned), Run = runId, Reason = reason }, correlation);
    }
}
