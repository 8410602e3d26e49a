using Microsoft.EntityFrameworkCore;
using NhiPortal.Core.Access;
using NhiPortal.Core.Audit;
using NhiPortal.Core.Credentials;
using NhiPortal.Core.Inventory;
using NhiPortal.Infrastructure.Audit;
using NhiPortal.Infrastructure.Data;

namespace NhiPortal.Infrastructure.Access;

/// <summary>
/// Makes an API client an NHI the portal governs (identity + client-secret credential, owned, audited), or brings an
/// enrolled one up to date with the store (its id there, its secret's fingerprint). Used for the development provider's
/// demo automation clients; a real deployment enrols its clients by import or discovery.
/// </summary>
public sealed class ApiClientEnrolment(IDbContextFactory<NhiPortalDbContext> dbFactory, AuditWriter audit, TimeProvider clock)
{
    private static readonly PortalUser Actor = PortalUser.System("api-clients");

    public async Task<Guid?> EnsureAsync(ApiClientEnrolmentRequest request, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await db.StaffMembers.Where(s => s.Subject == request.OwnerSubject).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);
        if (owner is null)
        {
            // No demo organisation (DemoData off): nobody to own it, so no identity; the API refuses the client and says why.
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var externalId = $"{request.Store}:{request.SourceExternalId}";
        var existing = await db.Credentials.Include(c => c.Identity)
            .Where(c => c.Store == request.Store && c.StoreReference == request.ClientId && c.IdentityId != null)
            .OrderBy(c => c.State).FirstOrDefaultAsync(ct);
        if (existing is not null)
        {
            if (existing.Fingerprint != request.Fingerprint || existing.ExternalId != externalId)
            {
                var before = new { existing.ExternalId, Fingerprint = existing.Fingerprint.Short };
                existing.ExternalId = externalId;
                existing.Identity!.ExternalId = externalId;
                existing.Fingerprint = request.Fingerprint;
                audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Updated, Actor, "Credential", AuditWriter.TargetKey(existing.Id),
                    $"API client {request.ClientId}: its id and secret in {request.Store} as the provider now holds them", before,
                    new { ExternalId = externalId, Fingerprint = request.Fingerprint.Short });
                await db.SaveChangesAsync(ct);
            }
            return existing.IdentityId;
        }
        var identity = new NonHumanIdentity
        {
            Name = request.ClientId,
            ExternalId = externalId,
            Kind = IdentityKind.ApiClient,
            Purpose = request.Purpose,
            Environment = request.Environment,
            SourceSystem = request.Store,
            OwnerId = owner,
            CreatedUtc = now,
            DiscoveredBy = request.Store,
            DiscoveredUtc = now,
        };
        var credential = new Credential
        {
            Name = $"{request.ClientId} client secret",
            ExternalId = externalId,
            Kind = CredentialKind.ClientSecret,
            IdentityId = identity.Id,
            Purpose = $"Client credentials for {request.ClientId}",
            Store = request.Store,
            StoreReference = request.ClientId,
            Fingerprint = request.Fingerprint,
            IssuedUtc = now,
            StateChangedUtc = now,
            DiscoveredBy = request.Store,
        };
        db.Identities.Add(identity);
        db.Credentials.Add(credential);
        audit.Append(db, AuditStream.Identity, AuditEventTypes.Identity.Created, Actor, "Identity", AuditWriter.TargetKey(identity.Id),
            $"API client {request.ClientId} enrolled as an NHI", null, new { identity.Name, identity.Kind, identity.Environment, request.Store, request.OwnerSubject });
        audit.Append(db, AuditStream.Credential, AuditEventTypes.Credential.Issued, Actor, "Credential", AuditWriter.TargetKey(credential.Id),
            $"Client secret of API client {request.ClientId}", null, new { credential.Name, credential.Store, credential.StoreReference, Fingerprint = request.Fingerprint.Short });
        await db.SaveChangesAsync(ct);
        return identity.Id;
    }
}
