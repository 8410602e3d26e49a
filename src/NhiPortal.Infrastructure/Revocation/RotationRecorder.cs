using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Core.Revocation;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Revocation;

/// <summary>
/// One rotation, whoever asks (an operator or the schedule): the connector sets the new secret, then the predecessor
/// is kept as history (state Rotated) and a successor record carries the new fingerprint and dates, each with its event.
/// </summary>
internal static class RotationRecorder
{
    public static async Task<RotationResult> RotateAsync(NhiPortalDbContext db, ICredentialConnector connector, Credential old, PortalUser actor, string reason,
        AuditWriter audit, TimeProvider clock, FollowUps followUps, CancellationToken ct)
    {
        RotationResult result;
        try
        {
            result = await connector.RotateAsync(new CredentialRef(old.Id, old.Name, old.Kind, old.Store, old.StoreReference, old.Fingerprint), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = new RotationResult(false, $"{connector.Name}: {ex.GetType().Name}: {ex.Message}");
        }
        var key = AuditWriter.TargetKey(old.Id);
        if (!result.Succeeded)
        {
            audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.RotationFailed, actor, "Credential", key, $"{old.Name}: rotation failed: {result.Detail}");
            await db.SaveChangesAsync(ct);
            return result;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var successor = new Credential
        {
            Name = old.Name, Kind = old.Kind, IdentityId = old.IdentityId, Purpose = old.Purpose, Store = old.Store, StoreReference = old.StoreReference,
            Fingerprint = result.NewFingerprint ?? old.Fingerprint, IssuedUtc = now, LastRotatedUtc = now, ExpiresUtc = result.ExpiresUtc,
            IsDynamic = old.IsDynamic, TimeToLive = old.TimeToLive, PredecessorId = old.Id, StateChangedUtc = now,
            // A discovered credential's source link moves to the successor: the source now holds the new value.
            ExternalId = old.DiscoveredBy is null ? null : old.ExternalId, DiscoveredBy = old.DiscoveredBy,
        };
        if (old.DiscoveredBy is not null)
        {
            old.ExternalId = null;
        }
        old.State = CredentialState.Rotated;
        old.StateChangedUtc = now;
        old.HygieneScore = null;
        db.Credentials.Add(successor);
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Rotated, actor, "Credential", key,
            $"{old.Name}: rotated ({result.Detail}). Reason: {reason}", new { Fingerprint = old.Fingerprint.Short, old.IssuedUtc },
            new { SuccessorId = successor.Id, Fingerprint = successor.Fingerprint.Short, successor.IssuedUtc, result.DeliveredTo });
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Issued, actor, "Credential", AuditWriter.TargetKey(successor.Id),
            $"{successor.Name}: issued by rotation of its predecessor", null, new { PredecessorId = old.Id, Fingerprint = successor.Fingerprint.Short });
        if (old.IdentityId is { } identityId)
        {
            followUps.Rescore(db, actor, [identityId], "credential rotated");
        }
        await db.SaveChangesAsync(ct);
        return result;
    }
}

/// <summary>
/// Rotates, on a schedule, every active static credential whose rotation interval (hygiene policy, by kind and
/// environment) has passed, when its connector can rotate and hands the new secret to the workload's store itself.
/// Credentials whose connector would need an operator to pass the secret on are left for the operator.
/// </summary>
public sealed class ScheduledRotationRun(
    IDbContextFactory<NhiPortalDbContext> dbFactory, IConnectorRegistry connectors, AuditWriter audit, TimeProvider clock, FollowUps followUps)
{
    private static readonly PortalUser Job = PortalUser.System("scheduled-rotation");

    public async Task<(int Rotated, int Failed)> RotateDueAsync(CancellationToken ct = default)
    {
        var unattended = connectors.All.Where(c => c.CanRotate && c is ISecretDelivery { DeliversRotatedSecrets: true }).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        if (unattended.Count == 0)
        {
            return (0, 0);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var policy = await HygienePolicyStore.CurrentAsync(db, ct);
        var stores = unattended.Keys.ToList();
        var candidates = await db.Credentials.Where(c => c.State == CredentialState.Active && !c.IsDynamic && stores.Contains(c.Store))
            .Select(c => new { c.Id, c.Kind, Last = c.LastRotatedUtc ?? c.IssuedUtc, Environment = c.Identity != null ? (DeploymentEnvironment?)c.Identity.Environment : null })
            .ToListAsync(ct);
        var due = candidates.Select(c => (c.Id, Limit: policy.LimitFor(c.Kind, c.Environment), c.Last))
            .Where(c => c.Last.AddDays(c.Limit.RotationDays) <= now).ToList();
        int rotated = 0, failed = 0;
        foreach (var (id, limit, _) in due)
        {
            var old = await db.Credentials.SingleAsync(c => c.Id == id, ct);
            var result = await RotationRecorder.RotateAsync(db, unattended[old.Store], old, Job, $"rotation interval of {limit.RotationDays} days reached (policy v{policy.Version})",
                audit, clock, followUps, ct);
            if (result.Succeeded) rotated++; else failed++;
        }
        return (rotated, failed);
    }
}
