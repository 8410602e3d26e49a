using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>
/// Records a revocation run with all its steps, its events and (for containment) the identity's disablement in one
/// transaction, then wakes the worker. The actor must hold <see cref="Capability.Revoke"/>: a person by role, or a
/// system actor granted it for one campaign or decision. A caller-chosen run id makes a repeated start find the run.
/// </summary>
public sealed class RevocationRunStarter(
    IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, IConnectorRegistry connectors, RevocationQueue queue,
    FollowUps followUps)
{
    /// <summary>Above this many steps a SQLite request is written with prepared statements rather than tracked inserts.</summary>
    internal const int BulkThreshold = 1_000;

    public async Task<Guid> StartAsync(RevocationRequest request, PortalUser actor, Guid? runId = null, CancellationToken ct = default)
    {
        actor.Demand(Capability.Revoke);
        if (RevocationRules.Validate(request) is { } error)
        {
            throw new ValidationException(error);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (runId is { } existing && await db.RevocationRuns.AnyAsync(r => r.Id == existing, ct))
        {
            return existing;
        }
        // A bulk run adds a step and an event per credential: nothing tracked changes afterwards, so skip the scans.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var (_, _, credentials) = await RevocationTargets.ResolveAsync(db, request, ct, withIdentities: false);
        var active = credentials.Where(c => c.State == CredentialState.Active).ToList();
        var unconnected = active.Where(c => connectors.For(c.Store) is null).ToList();
        if (unconnected.Count > 0 && !request.IncludeManual)
        {
            throw new ValidationException(
                $"{unconnected.Count} credential(s) are held where the portal has no connector ({string.Join(", ", unconnected.Select(c => c.Store).Distinct().Order())}). " +
                "Confirm that you revoke them there by hand, and the portal records it.");
        }
        NonHumanIdentity? identity = null;
        if (request.DisableIdentity || request.DecommissionIdentity)
        {
            var identityId = request.IdentityId ?? throw new ValidationException("Disabling needs the identity.");
            identity = await db.Identities.SingleOrDefaultAsync(i => i.Id == identityId, ct) ?? throw new NotFoundException("Identity");
        }
        if (request.DecommissionIdentity && IdentityLifecycleRules.DecommissionProblem(identity!.LifecycleState, request.CredentialIds.Count > 0) is { } problem)
        {
            throw new ValidationException(problem);
        }
        if (active.Count == 0 && !request.DecommissionIdentity && identity is not { LifecycleState: IdentityLifecycleState.Active })
        {
            throw new ValidationException("Nothing to revoke: every chosen credential is already revoked, expired or rotated.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reason = request.Reason.Trim();
        var run = new RevocationRun
        {
            Id = runId ?? Guid.NewGuid(), Reason = reason, RequestedBy = actor.Subject, RequestedByName = actor.DisplayName, RequestedUtc = now,
            IdentityId = request.IdentityId, DisableIdentity = request.DisableIdentity, RequestHash = request.RequestHash,
            // Every step starts pending; the outcome writer moves the counts with the steps.
            StepsPending = active.Count,
        };
        var correlation = RevocationService.Correlation(run.Id);
        var steps = active.Select(c => new RevocationStep
        {
            RunId = run.Id, CredentialId = c.Id, CredentialName = c.Name, IdentityId = c.IdentityId,
            Connector = connectors.For(c.Store)?.Name ?? RevocationStep.ManualConnectorName,
        }).ToList();
        var requested = active.Select(c => audit.Create(AuditStream.Credential, AuditEventTypes.Credential.RevokeRequested, actor, "Credential",
            AuditWriter.TargetKey(c.Id), $"{c.Name}: revocation requested. Reason: {reason}", new { State = c.State.ToString() }, new { Run = run.Id, Reason = reason },
            correlation)).ToList();
        // A bulk run writes its steps and events by the provider's bulk path (prepared statements, COPY, SqlBulkCopy):
        // the same rows, without the per-row overhead of tracked inserts, so a 100,000-credential request does not
        // keep the operator waiting.
        var bulk = steps.Count > BulkThreshold;
        if (!bulk)
        {
            run.Steps.AddRange(steps);
            db.AuditEvents.AddRange(requested);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.RevocationRuns.Add(run);
        if (request.DecommissionIdentity)
        {
            IdentityDecommission.Apply(db, audit, identity!, actor, reason, run.Id, correlation);
            followUps.Rescore(db, actor, [identity!.Id], "identity decommissioned");
        }
        else if (identity is { LifecycleState: IdentityLifecycleState.Active })
        {
            // Containment: the identity is disabled at once; its credentials follow through the run.
            identity.LifecycleState = IdentityLifecycleState.Disabled;
            db.Entry(identity).Property(i => i.LifecycleState).IsModified = true;
            // A person's decision: a source that still lists it enabled is a conflict, never an override.
            identity.StateFromSource = false;
            db.Entry(identity).Property(i => i.StateFromSource).IsModified = true;
            audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Disabled, actor, "Identity", AuditWriter.TargetKey(identity.Id),
                $"{identity.Name}: disabled in an emergency revocation. Reason: {reason}", new { State = "Active" }, new { State = "Disabled", Run = run.Id, Reason = reason },
                correlation);
            followUps.Rescore(db, actor, [identity.Id], "identity disabled");
        }
        db.ChangeTracker.DetectChanges();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException) when (request.DecommissionIdentity)
        {
            throw new ValidationException($"{identity!.Name} was changed meanwhile; reload it and decide again.");
        }
        if (bulk)
        {
            await BulkRows.InsertAsync(db, steps, ct);
            await BulkRows.InsertAsync(db, requested, ct);
        }
        await transaction.CommitAsync(ct);
        queue.Enqueue(run.Id);
        return run.Id;
    }
}
