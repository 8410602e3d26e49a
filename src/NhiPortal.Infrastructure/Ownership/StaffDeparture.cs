using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Outbox;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Ownership;

/// <summary>
/// Records that a person left, in the caller's transaction: their NHIs are orphaned (an identity event each), and
/// two follow-ups commit with it: the orphans' rescore and a 72-hour micro-review over those still active. The staff
/// page and the directory import both come through here.
/// </summary>
public sealed class StaffDeparture(AuditWriter audit, FollowUps followUps)
{
    public async Task<int> RecordAsync(NhiPortalDbContext db, PortalUser user, StaffMember member, string reason, string correlation, CancellationToken ct)
    {
        member.IsActive = false;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.StaffMemberLeft, user, "StaffMember", AuditWriter.TargetKey(member.Id),
            $"{member.DisplayName} marked as left. Reason: {reason}", new { IsActive = true }, new { IsActive = false, Reason = reason }, correlation);
        var owned = await db.Identities.Where(i => i.OwnerId == member.Id && i.LifecycleState != IdentityLifecycleState.Decommissioned)
            .Select(i => new { i.Id, i.Name, i.LifecycleState }).ToListAsync(ct);
        foreach (var identity in owned)
        {
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Orphaned, user, "Identity", AuditWriter.TargetKey(identity.Id),
                $"{identity.Name}: orphaned because its owner {member.DisplayName} left", correlationId: correlation);
        }
        followUps.Rescore(db, user, owned.Select(i => i.Id), $"{member.DisplayName} left");
        var active = owned.Where(i => i.LifecycleState == IdentityLifecycleState.Active).Select(i => i.Id).ToList();
        if (active.Count > 0)
        {
            followUps.Add(db, FollowUpTypes.DepartureReview, user, "StaffMember", AuditWriter.TargetKey(member.Id),
                new DepartureReviewPayload(member.Id, member.DisplayName, active, user.Subject));
        }
        return owned.Count;
    }
}
