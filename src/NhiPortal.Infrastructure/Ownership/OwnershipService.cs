using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Ownership;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Ownership;

/// <summary>Every change of owner, team or attestation is validated first, then written with its identity event in one transaction.</summary>
public sealed class OwnershipService(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock, FollowUps followUps,
    StaffDeparture departures)
    : IOwnershipService
{
    public const int MaxBulk = 5_000;

    public async Task<OwnerChangeResult> ChangeOwnerAsync(OwnerChange change, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageOwnership);
        if (OwnershipRules.ValidateReason(change.Reason) is { } reasonError)
        {
            throw new ValidationException(reasonError);
        }
        var ids = change.IdentityIds.Distinct().ToList();
        if (ids.Count == 0 || ids.Count > MaxBulk)
        {
            throw new ValidationException($"Choose between 1 and {MaxBulk:N0} identities.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        StaffMember? owner = null;
        if (change.NewOwnerId is { } ownerId)
        {
            owner = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == ownerId, ct)
                ?? throw new ValidationException("The chosen owner is not in the staff directory.");
            if (!owner.IsActive)
            {
                throw new ValidationException($"{owner.DisplayName} has left the organisation and cannot own identities.");
            }
        }
        Team? team = null;
        if (change.ChangeTeam && change.NewTeamId is { } teamId)
        {
            team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, ct)
                ?? throw new ValidationException("The chosen team does not exist.");
            if (team.IsDissolved)
            {
                throw new ValidationException($"The team {team.Name} has been dissolved.");
            }
        }
        var identities = await db.Identities.Include(i => i.Owner).Include(i => i.Team)
            .Where(i => ids.Contains(i.Id)).ToListAsync(ct);
        if (identities.Count != ids.Count)
        {
            throw new NotFoundException($"{ids.Count - identities.Count} of the chosen identities");
        }
        if (identities.Where(i => i.LifecycleState == IdentityLifecycleState.Decommissioned).Select(i => i.Name).Order().ToList() is { Count: > 0 } closed)
        {
            // A decommissioned identity is a closed record: who owned it when it ended stays its last word.
            throw new ValidationException($"{string.Join(", ", closed.Take(5))}{(closed.Count > 5 ? $" and {closed.Count - 5} more" : "")}: decommissioned, so its ownership is closed. Nothing was changed.");
        }

        await RefuseStaleAsync(db, identities, change.ShownVersions, ct);

        var correlation = $"owner-change-{Guid.NewGuid():N}";
        var reason = change.Reason.Trim();
        var changed = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var identity in identities)
        {
            var before = new { Owner = identity.Owner?.DisplayName, OwnerId = identity.OwnerId, Team = identity.Team?.Name, TeamId = identity.TeamId };
            var ownerChanges = identity.OwnerId != owner?.Id;
            var teamChanges = change.ChangeTeam && identity.TeamId != team?.Id;
            if (!ownerChanges && !teamChanges)
            {
                continue;
            }
            identity.OwnerId = owner?.Id;
            identity.Version++;
            if (change.ChangeTeam)
            {
                identity.TeamId = team?.Id;
            }
            var after = new { Owner = owner?.DisplayName, OwnerId = owner?.Id, Team = change.ChangeTeam ? team?.Name : before.Team, TeamId = identity.TeamId };
            var key = AuditWriter.TargetKey(identity.Id);
            if (ownerChanges)
            {
                var what = (before.OwnerId, owner) switch
                {
                    (null, not null) => $"owner assigned: {owner.DisplayName}",
                    (not null, null) => $"owner removed (was {before.Owner})",
                    _ => $"owner transferred from {before.Owner} to {owner!.DisplayName}",
                };
                audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.OwnerChanged, user, "Identity", key,
                    $"{identity.Name}: {what}. Reason: {reason}", before, after, correlation);
            }
            if (teamChanges)
            {
                audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.TeamChanged, user, "Identity", key,
                    $"{identity.Name}: team {before.Team ?? "none"} → {team?.Name ?? "none"}. Reason: {reason}", before, after, correlation);
            }
            changed++;
        }
        // Ownership is a hygiene factor: the changed identities' grades follow, committed with the change.
        followUps.Rescore(db, user, ids, "owner or team changed");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved one of these identities between our read and our write: the database's check.
            throw new EditConflictException("Someone changed the owner or team of one of these identities a moment ago. Nothing was saved; reload to see their change.");
        }
        await transaction.CommitAsync(ct);
        return new OwnerChangeResult(changed, identities.Count - changed, correlation);
    }

    /// <summary>Refuses the whole change when any identity moved on since the form showed it, naming who moved it.</summary>
    private static async Task RefuseStaleAsync(NhiPortalDbContext db, IEnumerable<NonHumanIdentity> identities, IReadOnlyDictionary<Guid, int>? shown, CancellationToken ct)
    {
        var stale = identities.Where(i => shown is not null && shown.TryGetValue(i.Id, out var v) && v != i.Version).OrderBy(i => i.Name).ToList();
        if (stale.Count == 0)
        {
            return;
        }
        var named = new List<string>();
        foreach (var identity in stale.Take(3))
        {
            var who = await LastChange.DescribeAsync(db, AuditStream.Identity, "Identity", AuditWriter.TargetKey(identity.Id),
                [AuditEventTypes.Identity.OwnerChanged, AuditEventTypes.Identity.TeamChanged], ct);
            named.Add($"{identity.Name} (owner {identity.Owner?.DisplayName ?? "none"}, team {identity.Team?.Name ?? "none"}) was changed by {who}");
        }
        var more = stale.Count > 3 ? $" and {stale.Count - 3} more" : "";
        throw new EditConflictException($"{string.Join("; ", named)}{more} after you opened it. Nothing was saved; reload to see the change.");
    }

    public async Task<DateTime> AttestAsync(Guid identityId, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.AttestOwnIdentities);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identity = await db.Identities.Include(i => i.Owner).SingleOrDefaultAsync(i => i.Id == identityId, ct)
            ?? throw new NotFoundException($"Identity {identityId}");
        // Attestation is the owner's word; not even an administrator can give it for someone else.
        if (identity.Owner?.Subject != user.Subject)
        {
            throw new AccessDeniedException(user, Capability.AttestOwnIdentities);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var before = new { identity.LastAttestedUtc };
        identity.LastAttestedUtc = now;
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Attested, user, "Identity", AuditWriter.TargetKey(identity.Id),
            $"{identity.Name}: {user.DisplayName} confirmed they own it and it is still needed", before, new { LastAttestedUtc = now });
        followUps.Rescore(db, user, [identityId], "attested");
        await db.SaveChangesAsync(ct);
        return now;
    }

    public async Task<int> MarkStaffLeftAsync(Guid staffId, string reason, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageOwnership);
        if (OwnershipRules.ValidateReason(reason) is { } reasonError)
        {
            throw new ValidationException(reasonError);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, ct) ?? throw new NotFoundException($"Staff member {staffId}");
        if (!member.IsActive)
        {
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The leaver's NHIs get a 72-hour micro-review at once, not at the next quarterly campaign.
        var orphaned = await departures.RecordAsync(db, user, member, reason.Trim(), $"staff-left-{Guid.NewGuid():N}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return orphaned;
    }
}
