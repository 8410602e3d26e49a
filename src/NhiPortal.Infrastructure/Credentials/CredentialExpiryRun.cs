using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;
using NhiPortal.Infrastructure.Hygiene;

namespace NhiPortal.Infrastructure.Credentials;

/// <summary>
/// Marks active credentials past their expiry as Expired, each with its credential event, in batches. The identities
/// touched are rescored (an expired credential no longer counts towards an identity's weakest score).
/// </summary>
public sealed class CredentialExpiryRun(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock, HygieneRescorer rescorer)
{
    private const int Batch = 1_000;
    private static readonly PortalUser Job = PortalUser.System("credential-expiry");

    public async Task<int> MarkExpiredAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var total = 0;
        var identities = new HashSet<Guid>();
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
                if (credential.IdentityId is { } identityId)
                {
                    identities.Add(identityId);
                }
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            total += due.Count;
        }
        if (identities.Count > 0)
        {
            await rescorer.RescoreIdentitiesAsync(identities, ct);
        }
        return total;
    }
}
