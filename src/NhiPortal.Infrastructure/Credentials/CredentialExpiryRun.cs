using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Outbox;

namespace NhiPortal.Infrastructure.Credentials;

/// <summary>
/// Marks active credentials past their expiry as Expired, each with its credential event, in batches. Each batch
/// commits with a full-rescore follow-up (they coalesce into one): an expired credential no longer counts towards
/// its identity's score, and the dashboard's scored-credential figures come from the snapshot a full rescore takes.
/// </summary>
public sealed class CredentialExpiryRun(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, FollowUps followUps)
{
    private const int Batch = 1_000;
    private static readonly PortalUser Job = PortalUser.System("credential-expiry");

    public async Task<int> MarkExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var due = await db.Credentials.Where(c => c.State == CredentialState.Active && c.ExpiresUtc < now)
                .OrderBy(c => c.Id).Take(Batch).ToListAsync(ct);
            if (due.Count == 0)
            {
                break;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var credential in due)
            {
                credential.State = CredentialState.Expired;
                credential.StateChangedUtc = now;
                credential.HygieneScore = null;
                audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Expired, Job, "Credential", AuditWriter.TargetKey(credential.Id),
                    $"{credential.Name}: expired on {credential.ExpiresUtc:yyyy-MM-dd HH:mm} UTC", new { State = "Active" }, new { State = "Expired" });
            }
            followUps.RescoreAll(db, Job, $"{due.Count} credential(s) expired");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            total += due.Count;
        }
        return total;
    }
}
