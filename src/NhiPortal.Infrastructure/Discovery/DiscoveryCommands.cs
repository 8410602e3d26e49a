using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Discovery;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Discovery;

public sealed class DiscoveryCommands(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, DiscoverySourceRegistry sources, DiscoverySignal signal, AuditWriter audit,
    FollowUps followUps, TimeProvider clock) : IDiscoveryCommands
{
    public const int MaxConfirm = 5_000;

    public async Task RequestSyncAsync(string source, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.RunDiscovery);
        var configured = sources.For(source) ?? throw new NotFoundException($"Discovery source \"{source}\"");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var state = await db.DiscoverySources.FirstOrDefaultAsync(s => s.Name == configured.Name, ct);
        if (state is null)
        {
            state = new DiscoverySourceState { Name = configured.Name, Kind = configured.Kind };
            db.DiscoverySources.Add(state);
        }
        state.SyncRequestedUtc = now;
        state.SyncRequestedBy = user.Subject;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.SyncRequested, user, "DiscoverySource", configured.Name, $"Sync of {configured.Name} requested.");
        await db.SaveChangesAsync(ct);
        signal.Raise();
    }

    public async Task<int> ConfirmProposedOwnersAsync(IReadOnlyCollection<Guid> identityIds, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.ManageOwnership);
        var ids = identityIds.Distinct().ToList();
        if (ids.Count == 0 || ids.Count > MaxConfirm)
        {
            throw new ValidationException($"Choose between 1 and {MaxConfirm:N0} identities.");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var identities = new List<Core.Inventory.NonHumanIdentity>(ids.Count);
        foreach (var chunk in ids.Chunk(500))
        {
            identities.AddRange(await db.Identities.Where(i => chunk.Contains(i.Id)).ToListAsync(ct));
        }
        if (identities.Count != ids.Count)
        {
            throw new NotFoundException($"{ids.Count - identities.Count} of the chosen identities");
        }
        var proposed = identities.Select(i => i.ProposedOwnerId).OfType<Guid>().Distinct().ToList();
        var staff = await db.StaffMembers.Where(s => proposed.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        // All or nothing: one identity that cannot take its proposal stops the whole confirmation, named.
        var problems = identities
            .Select(i => i switch
            {
                { OwnerId: not null } => $"{i.Name} already has an owner",
                { ProposedOwnerId: null } => $"{i.Name} has no proposed owner",
                _ when !staff.TryGetValue(i.ProposedOwnerId!.Value, out var s) || !s.IsActive => $"{i.Name}: the proposed owner has left the organisation",
                _ => null,
            })
            .OfType<string>().Take(5).ToList();
        if (problems.Count > 0)
        {
            throw new ValidationException($"Nothing was confirmed: {string.Join("; ", problems)}.");
        }
        var correlation = $"owner-confirm-{Guid.NewGuid():N}";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var identity in identities)
        {
            var owner = staff[identity.ProposedOwnerId!.Value];
            identity.OwnerId = owner.Id;
            identity.TeamId ??= owner.TeamId;
            identity.ProposedOwnerId = null;
            identity.Version++;
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.OwnerConfirmed, user, "Identity", AuditWriter.TargetKey(identity.Id),
                $"{identity.Name}: owner confirmed: {owner.DisplayName} (proposed from the hint \"{identity.OwnerHint}\" in {identity.DiscoveredBy}).",
                new { Owner = (string?)null }, new { Owner = owner.DisplayName, OwnerId = owner.Id, identity.TeamId }, correlation);
        }
        followUps.Rescore(db, user, ids, "discovered owner confirmed");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new EditConflictException("Someone changed one of these identities a moment ago. Nothing was confirmed; reload and try again.");
        }
        await transaction.CommitAsync(ct);
        return identities.Count;
    }

    public async Task ResolveConflictAsync(Guid conflictId, string reason, CancellationToken ct = default)
    {
        var user = await currentUser.GetAsync();
        user.Demand(Capability.RunDiscovery);
        var why = Reasons.Problem(reason) is { } problem ? throw new ValidationException(problem) : reason.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conflict = await db.SourceConflicts.FirstOrDefaultAsync(c => c.Id == conflictId, ct) ?? throw new NotFoundException("The conflict");
        if (conflict.ResolvedUtc is not null)
        {
            throw new ValidationException($"This conflict was already resolved by {conflict.ResolvedBy}.");
        }
        conflict.ResolvedUtc = clock.GetUtcNow().UtcDateTime;
        conflict.ResolvedBy = user.Subject;
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.SourceConflictResolved, user, "Identity", AuditWriter.TargetKey(conflict.IdentityId),
            $"Conflict on {conflict.Field} with {conflict.Source} resolved (portal: {conflict.PortalValue}; source: {conflict.SourceValue}). Reason: {why}",
            new { conflict.Field, conflict.PortalValue, conflict.SourceValue }, new { Resolved = true, Reason = why });
        await db.SaveChangesAsync(ct);
    }
}
