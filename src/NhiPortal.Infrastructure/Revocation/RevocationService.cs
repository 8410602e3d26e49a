using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Approvals;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Common;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>
/// Emergency revocation and rotation (SecurityOperators and Administrators). Every attempt is audited, a refused one
/// in the access stream. A run is recorded with all its steps in one transaction before anything is called.
/// </summary>
public sealed class RevocationService(
    IDbContextFactory<NhiPortalDbContext> dbFactory, ICurrentUser currentUser, AuditWriter audit, TimeProvider clock,
    IConnectorRegistry connectors, RevocationQueue queue, RevocationRunStarter starter, FollowUps followUps, FourEyesPolicy fourEyes) : IRevocationService
{
    public static string Correlation(Guid runId) => $"revocation-{runId:N}";

    public async Task<BlastRadius> PreviewAsync(RevocationRequest request, CancellationToken ct = default)
    {
        await DemandAsync("preview a revocation", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (identityName, identityDisabled, credentials) = await RevocationTargets.ResolveAsync(db, request, ct);
        var items = credentials.Select(c =>
        {
            var connector = connectors.For(c.Store);
            var reference = new CredentialRef(c.Id, c.Name, c.Kind, c.Store, c.StoreReference, c.Fingerprint);
            var action = c.State != CredentialState.Active
                ? $"already {c.State.ToString().ToLowerInvariant()}: nothing to do"
                : connector?.Describe(reference) ?? Connectors.ManualConnector.Instance.Describe(reference);
            return new BlastRadiusItem(c.Id, c.Name, c.Kind, c.IdentityId, c.Identity?.Name, c.Identity?.IsShared ?? false, c.Store,
                connector?.Name, connector?.Kind, action, c.LastUsedUtc, c.Identity?.SourceSystem, c.State);
        }).ToList();
        var shared = credentials.Where(c => c.Identity is { IsShared: true }).Select(c => c.Identity!.Name).Distinct().Order().ToList();
        return new BlastRadius(items, shared, identityName, identityDisabled);
    }

    public async Task<Guid> StartAsync(RevocationRequest request, CancellationToken ct = default)
    {
        var user = await DemandAsync($"revoke {(request.IdentityId is null ? $"{request.CredentialIds.Count} credential(s)" : "an identity's credentials")}", ct);
        if (fourEyes.Requires(request))
        {
            // A selection this large is a second person's decision too (one identity's containment never is).
            throw new ApprovalRequiredException(fourEyes.Explain(request));
        }
        try
        {
            return await starter.StartAsync(request, user, request.RunId, ct);
        }
        catch (DbUpdateException) when (request.RunId is not null)
        {
            // Two calls with one idempotency key raced: the other one's run is this one's.
            var runId = request.RunId.Value;
            if (await RunExistsAsync(runId, ct))
            {
                return runId;
            }
            throw;
        }
    }

    private async Task<bool> RunExistsAsync(Guid runId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RevocationRuns.AnyAsync(r => r.Id == runId, ct);
    }

    public async Task RetryAsync(Guid runId, CancellationToken ct = default)
    {
        var user = await DemandAsync("retry a revocation run", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.RevocationRuns.SingleOrDefaultAsync(r => r.Id == runId, ct) ?? throw new NotFoundException($"Revocation run {runId}");
        if (run.Status is RevocationRunStatus.Running or RevocationRunStatus.Requested)
        {
            throw new ValidationException("The run is still in progress.");
        }
        if (run.Status == RevocationRunStatus.Completed)
        {
            throw new ValidationException("Every step of this run is done; there is nothing to retry.");
        }
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.RevocationRetried, user, "RevocationRun", runId.ToString("D"),
            $"{user.DisplayName} retried the open steps of a revocation run ({run.Status})", null, null, Correlation(runId));
        run.Status = RevocationRunStatus.Requested;
        await db.SaveChangesAsync(ct);
        queue.Enqueue(runId);
    }

    public async Task RecordManualRevocationAsync(Guid credentialId, string note, CancellationToken ct = default)
    {
        var user = await DemandAsync("record a manual revocation", ct);
        note = Reasons.Require(note, "Say where and how it was revoked");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var credential = await db.Credentials.SingleOrDefaultAsync(c => c.Id == credentialId, ct) ?? throw new NotFoundException($"Credential {credentialId}");
        if (credential.State != CredentialState.Active)
        {
            throw new ValidationException($"{credential.Name} is already {credential.State.ToString().ToLowerInvariant()}.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        credential.State = CredentialState.Revoked;
        credential.StateChangedUtc = now;
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Revoked, user, "Credential", AuditWriter.TargetKey(credential.Id),
            $"{credential.Name}: revoked by hand in {credential.Store} by {user.DisplayName}. Note: {note}", new { State = "Active" }, new { State = "Revoked", Manual = true, Note = note });
        if (credential.IdentityId is { } identityId)
        {
            followUps.Rescore(db, user, [identityId], "credential revoked by hand");
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<PresentedTokenResult> RevokePresentedTokenAsync(string connector, string token, string reason, CancellationToken ct = default)
    {
        var user = await DemandAsync("revoke a presented token", ct);
        reason = Reasons.Require(reason, RevocationRules.ReasonAsk);
        token = token?.Trim() ?? "";
        if (token.Length is 0 or > 16_384)
        {
            throw new ValidationException("Paste the token (at most 16 KB).");
        }
        if (connectors.For(connector) is not ITokenRevoker revoker)
        {
            throw new ValidationException($"\"{connector}\" is not an OAuth connector that can revoke tokens.");
        }
        var fingerprint = Fingerprint.OfSecret(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var credential = await db.Credentials.FirstOrDefaultAsync(c => c.Fingerprint == fingerprint && c.State == CredentialState.Active, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await revoker.RevokeTokenAsync(token, ct);
        var stillActive = await revoker.IsActiveAsync(token, ct);
        var done = clock.GetUtcNow().UtcDateTime;
        var verified = revoked && !stillActive;
        var targetType = credential is null ? "Token" : "Credential";
        var targetId = credential is null ? fingerprint.Short : AuditWriter.TargetKey(credential.Id);
        var what = credential?.Name ?? $"token {fingerprint.Short} (not in the inventory)";
        RevocationRun? run = null;
        if (credential is not null)
        {
            run = new RevocationRun
            {
                Reason = reason, RequestedBy = user.Subject, RequestedByName = user.DisplayName, RequestedUtc = now, StartedUtc = now, CompletedUtc = done,
                Status = verified ? RevocationRunStatus.Completed : RevocationRunStatus.PartiallyFailed, IdentityId = credential.IdentityId, Executions = 1,
                Steps =
                {
                    new RevocationStep
                    {
                        CredentialId = credential.Id, CredentialName = credential.Name, IdentityId = credential.IdentityId, Connector = connector,
                        Status = verified ? RevocationStepStatus.Verified : revoked ? RevocationStepStatus.ProbeFailed : RevocationStepStatus.Failed, Attempts = 1,
                        Detail = $"RFC 7009 revocation {(revoked ? "accepted" : "refused")}; introspection says {(stillActive ? "STILL ACTIVE" : "inactive")}",
                        RevokedUtc = revoked ? done : null, VerifiedUtc = verified ? done : null, DurationMs = (long)(done - now).TotalMilliseconds,
                    },
                },
            };
            db.RevocationRuns.Add(run);
            if (verified)
            {
                credential.State = CredentialState.Revoked;
                credential.StateChangedUtc = done;
            }
        }
        var correlation = run is null ? null : Correlation(run.Id);
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.RevokeRequested, user, targetType, targetId,
            $"{what}: revocation of a presented token requested at {connector}. Reason: {reason}", null, null, correlation);
        audit.Append(db, AuditStream.Credential, revoked ? AuditEventTypes.Credential.Revoked : AuditEventTypes.Credential.RevokeFailed, user, targetType, targetId,
            $"{what}: RFC 7009 revocation {(revoked ? "accepted" : "refused")} by {connector}", null, null, correlation);
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.ProbeResult, user, targetType, targetId,
            $"{what}: introspection says {(stillActive ? "STILL ACTIVE" : "inactive")}", null, new { StillAccepted = stillActive }, correlation);
        if (verified && credential?.IdentityId is { } identityId)
        {
            followUps.Rescore(db, user, [identityId], "presented token revoked");
        }
        await db.SaveChangesAsync(ct);
        return new PresentedTokenResult(revoked, stillActive, fingerprint.Short, credential?.Name, run?.Id);
    }

    public async Task<RotationResult> RotateAsync(Guid credentialId, string reason, CancellationToken ct = default)
    {
        var user = await DemandAsync("rotate a credential", ct);
        reason = Reasons.Require(reason);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var old = await db.Credentials.SingleOrDefaultAsync(c => c.Id == credentialId, ct) ?? throw new NotFoundException($"Credential {credentialId}");
        if (old.State != CredentialState.Active)
        {
            throw new ValidationException($"{old.Name} is {old.State.ToString().ToLowerInvariant()}; only an active credential can be rotated.");
        }
        var connector = connectors.For(old.Store);
        if (connector is not { CanRotate: true })
        {
            throw new ValidationException($"No connector can rotate credentials held in \"{old.Store}\". Rotate it there and record the new expiry.");
        }
        return await RotationRecorder.RotateAsync(db, connector, old, user, reason, audit, clock, followUps, ct);
    }

    /// <summary>Refusals are audited too: an unexplained attempt to revoke is itself worth knowing about.</summary>
    private async Task<PortalUser> DemandAsync(string what, CancellationToken ct)
    {
        var user = await currentUser.GetAsync();
        if (user.Can(Capability.Revoke))
        {
            return user;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        audit.Append(db, AuditStream.Access, AuditEventTypes.Access.Refused, user, "Revocation", null, $"{user.DisplayName} was refused: {what}");
        await db.SaveChangesAsync(ct);
        throw new AccessDeniedException(user, Capability.Revoke);
    }
}
